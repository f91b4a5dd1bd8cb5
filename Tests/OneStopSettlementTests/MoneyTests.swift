import Foundation
import OneStopSettlement
import Testing

/// Exact money, rates and rounding.
@Suite struct MoneyTests {
  struct RoundingCase: Sendable, CustomTestStringConvertible {
    let numerator: Int64
    let halfUp: Int64
    let halfEven: Int64
    let towardZero: Int64
    var testDescription: String { "\(numerator)/10" }
  }

  /// Amounts in tenths of a fen; the table in `RoundingRule`'s documentation.
  static let rounding: [RoundingCase] = [
    .init(numerator: 125, halfUp: 13, halfEven: 12, towardZero: 12),
    .init(numerator: 135, halfUp: 14, halfEven: 14, towardZero: 13),
    .init(numerator: 134, halfUp: 13, halfEven: 13, towardZero: 13),
    .init(numerator: 136, halfUp: 14, halfEven: 14, towardZero: 13),
    .init(numerator: -125, halfUp: -13, halfEven: -12, towardZero: -12),
    .init(numerator: -136, halfUp: -14, halfEven: -14, towardZero: -13),
    .init(numerator: 120, halfUp: 12, halfEven: 12, towardZero: 12),
    .init(numerator: 0, halfUp: 0, halfEven: 0, towardZero: 0),
  ]

  @Test(arguments: rounding)
  func roundingRules(_ c: RoundingCase) {
    #expect(RoundingRule.halfUp.divide(c.numerator, by: 10) == c.halfUp)
    #expect(RoundingRule.halfEven.divide(c.numerator, by: 10) == c.halfEven)
    #expect(RoundingRule.towardZero.divide(c.numerator, by: 10) == c.towardZero)
  }

  @Test func parseAndRenderYuan() throws {
    #expect(try Money(parsing: "7301.03").fen == 730_103)
    #expect(try Money(parsing: "800").fen == 80_000)
    #expect(try Money(parsing: "0.5").fen == 50)
    #expect(try Money(parsing: "-12.50").fen == -1_250)
    #expect(try Money(parsing: "10000000000.00").fen == 1_000_000_000_000)
    #expect(Money(fen: 730_103).description == "7301.03")
    #expect(Money(fen: 5).description == "0.05")
    #expect(Money(fen: -1_250).description == "-12.50")
    for bad in ["", "1.234", "abc", "1,000", "1.", ".5", "--1", "1e3", "99999999999999999999"] {
      #expect(throws: SettlementError.self, "\(bad)") { try Money(parsing: bad) }
    }
  }

  @Test func ratesAreExactDecimals() throws {
    #expect(try Rate(parsing: "0.655").micros == 655_000)
    #expect(try Rate(parsing: "0.7000").micros == 700_000)
    #expect(try Rate(parsing: "1").micros == 1_000_000)
    #expect(try Rate(parsing: "0.123456").micros == 123_456)
    #expect(throws: SettlementError.self) { try Rate(parsing: "0.1234567") }
    #expect(Rate(micros: 700_000).description == "0.7000")
    #expect(Rate(micros: 655_000).description == "0.6550")
    #expect(Rate(micros: 123_456).description == "0.123456")
    // 0.655 × 1,000.01 yuan = 655.00655 yuan → 65,500.655 fen → 65,501 fen half-up.
    #expect(Rate(micros: 655_000).apply(to: 100_001, rounding: .halfUp) == 65_501)
    #expect(Rate(micros: 655_000).apply(to: 100_001, rounding: .towardZero) == 65_500)
    // Overflow is reported, not wrapped.
    #expect(Rate.one.apply(to: Int64.max / 2, rounding: .halfUp) == nil)
  }

  @Test func jsonNumbersAndStringsDecodeExactly() throws {
    struct Box: Decodable { let a: Money; let r: Rate; let p: Points }
    let b = try JSONDecoder().decode(Box.self, from: Data(#"{"a":7301.03,"r":0.655,"p":-2.5}"#.utf8))
    #expect(b.a.fen == 730_103)
    #expect(b.r.micros == 655_000)
    #expect(b.p.micros == -25_000)
    let s = try JSONDecoder().decode(Box.self, from: Data(#"{"a":"7301.03","r":"0.655","p":"5"}"#.utf8))
    #expect(s.a.fen == 730_103 && s.r.micros == 655_000 && s.p.micros == 50_000)
  }

  @Test func civilDates() throws {
    #expect(try CivilDate(parsing: "2024-02-29").dayNumber == 19_782)  // 2024-02-29 is day 19,782 after 1970-01-01
    #expect(try CivilDate(parsing: "1970-01-01").dayNumber == 0)
    #expect(throws: SettlementError.self) { try CivilDate(parsing: "2023-02-29") }
    #expect(throws: SettlementError.self) { try CivilDate(parsing: "2024-5-1") }
    #expect(try CivilDate(parsing: "2024-01-31") < CivilDate(parsing: "2024-02-01"))
  }
}

/// Pinned raw values of the vocabulary types, as swift-system pins `Errno`.
@Suite struct VocabularyTests {
  @Test func platformFields() {
    #expect(PlatformField.allCases.map(\.rawValue) == ["hifp_pay", "hifmi_pay", "maf_pay", "hifes_pay", "hifob_pay", "cvlserv_pay", "oth_pay"])
    #expect(LayerKind.majorIllness.defaultPlatformField == .hifmiPay)
    #expect(LayerKind.tilt.defaultPlatformField == .mafPay)
  }

  @Test func errorCodes() {
    let codes: [SettlementError.Code] = [.malformedJSON, .missingField, .invalidValue, .invalidNumber, .unknownKey, .unsupportedSchema,
      .rateOutOfRange, .amountOutOfRange, .unsortedSegments, .undefinedReference, .duplicateDefinition, .unknownCode,
      .inconsistentAmounts, .invalidDate, .dateNotCovered, .noApplicableLayer, .invalidAccumulators, .arithmeticOverflow, .invariantViolation]
    #expect(Set(codes.map(\.rawValue)).count == codes.count)
    let e = SettlementError(.unknownKey, at: "layers[0].ratoi", expected: "one of ratio", found: "ratoi")
    #expect(e.description == "unknownKey at layers[0].ratoi: expected one of ratio, found ratoi")
    do { throw e } catch SettlementError.Code.unknownKey {} catch { Issue.record("~= did not match") }
  }
}
