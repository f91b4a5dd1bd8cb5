import Foundation
import OneStopSettlement
import Testing

/// Every validation error path: a typed error with the JSON path.
@Suite struct ValidationTests {
  struct Case: Sendable, CustomTestStringConvertible {
    let id: String
    let json: String
    let code: SettlementError.Code
    let path: String
    var testDescription: String { id }
  }

  static let basic = TestTables.basic()

  static let tableCases: [Case] = [
    Case(id: "malformed JSON", json: "{", code: .malformedJSON, path: ""),
    Case(id: "schema version", json: TestTables.json(layers: basic).replacingOccurrences(of: #""schemaVersion":1"#, with: #""schemaVersion":2"#),
         code: .unsupportedSchema, path: "schemaVersion"),
    Case(id: "unknown top-level key", json: TestTables.json(layers: basic, extra: #""colour":"red","#), code: .unknownKey, path: "colour"),
    Case(id: "unknown layer key", json: TestTables.json(layers: basic.replacingOccurrences(of: #""benefits""#, with: #""ratoi":1,"benefits""#)),
         code: .unknownKey, path: "layers[0].ratoi"),
    Case(id: "rate above one", json: TestTables.json(layers: TestTables.basic(ratio: ("0.9", "1.5", "0.7"))),
         code: .rateOutOfRange, path: "layers[0].benefits[0].ratio.2"),
    Case(id: "rate with too many decimals", json: TestTables.json(layers: TestTables.basic(ratio: ("0.9", "0.1234567", "0.7"))),
         code: .invalidValue, path: "layers[0].benefits[0].ratio.2"),
    Case(id: "negative amount", json: TestTables.json(layers: TestTables.basic(deductible: (200, -400, 800))),
         code: .amountOutOfRange, path: "layers[0].benefits[0].deductible.2"),
    Case(id: "missing level", json: TestTables.json(layers: basic.replacingOccurrences(of: #","3":800"#, with: "")),
         code: .missingField, path: "layers[0].benefits[0].deductible.3"),
    Case(id: "undefined level", json: TestTables.json(layers: basic.replacingOccurrences(of: #""3":800"#, with: #""3":800,"9":1"#)),
         code: .undefinedReference, path: "layers[0].benefits[0].deductible"),
    Case(id: "unsorted segments", json: TestTables.json(layers: #"{"kind":"majorIllness","id":"m","fundCode":"390200","deductible":1,"breakpoints":"absolute","segments":[{"upTo":"30000","rate":"0.6"},{"upTo":"20000","rate":"0.7"},{"rate":"0.8"}]}"#),
         code: .unsortedSegments, path: "layers[0].segments[1].upTo"),
    Case(id: "open segment not last", json: TestTables.json(layers: #"{"kind":"majorIllness","id":"m","fundCode":"390200","deductible":1,"breakpoints":"absolute","segments":[{"rate":"0.6"},{"upTo":"20000","rate":"0.7"}]}"#),
         code: .unsortedSegments, path: "layers[0].segments[0].upTo"),
    Case(id: "undefined identity", json: TestTables.json(layers: #"{"kind":"assistance","id":"a","fundCode":"610100","classes":[{"identities":["wubaohu"],"ratio":"0.7"}]}"#),
         code: .undefinedReference, path: "layers[0].classes[0].identities"),
    Case(id: "undefined override identity", json: TestTables.json(layers: #"{"kind":"majorIllness","id":"m","fundCode":"390200","deductible":1,"breakpoints":"absolute","segments":[{"rate":"0.6"}],"identityOverrides":{"nobody":{"removeCap":true}}}"#),
         code: .undefinedReference, path: "layers[0].identityOverrides"),
    Case(id: "duplicate layer id", json: TestTables.json(layers: basic + "," + basic), code: .duplicateDefinition, path: "layers[1]"),
    Case(id: "missing field", json: TestTables.json(layers: #"{"kind":"assistance","id":"a","classes":[{"ratio":"0.7"}]}"#),
         code: .missingField, path: "layers[0].fundCode"),
    Case(id: "unknown layer kind", json: TestTables.json(layers: #"{"kind":"lottery","id":"a","fundCode":"1"}"#),
         code: .invalidValue, path: "layers[0].kind"),
    Case(id: "both ceiling forms", json: TestTables.json(layers: #"{"kind":"outOfPocketCeiling","id":"d","fundCode":"640100","ceiling":5000,"shareOfInPolicy":"0.1"}"#),
         code: .invalidValue, path: "layers[0]"),
    Case(id: "validity reversed", json: TestTables.json(layers: basic).replacingOccurrences(of: #""validTo":"2024-12-31""#, with: #""validTo":"2023-12-31""#),
         code: .invalidDate, path: "validTo"),
    Case(id: "bad date", json: TestTables.json(layers: basic).replacingOccurrences(of: #""validTo":"2024-12-31""#, with: #""validTo":"2024-02-30""#),
         code: .invalidDate, path: "validTo"),
    Case(id: "no layers", json: TestTables.json(layers: ""), code: .invalidValue, path: "layers"),
    Case(id: "undefined disease list", json: TestTables.json(layers: #"{"kind":"topUp","id":"t","fundCode":"1","targetRatio":"0.9","appliesTo":{"diseaseLists":["x"]}}"#),
         code: .undefinedReference, path: "layers[0].appliesTo.diseaseLists"),
  ]

  @Test(arguments: tableCases)
  func tableErrors(_ c: Case) {
    do {
      _ = try SettlementEngine(table: PolicyTable.decode(from: Data(c.json.utf8)))
      Issue.record("\(c.id): no error")
    } catch {
      #expect(error.code == c.code, "\(c.id): \(error)")
      #expect(error.jsonPath == c.path, "\(c.id): \(error)")
      #expect(!error.description.isEmpty)
    }
  }

  static let claim = #"""
    {"id":"c1","kind":"inpatient","hospitalLevel":"2","place":"inCounty","referred":true,
     "admissionDate":"2024-05-01","dischargeDate":"2024-05-09",
     "amounts":{"medfee_sumamt":"1000.00","fulamt_ownpay_amt":"100.00"},
     "person":{"identities":[{"code":"2303","begin":"2024-01-01"}]}}
    """#

  static let claimCases: [Case] = [
    Case(id: "unknown level code", json: claim.replacingOccurrences(of: #""hospitalLevel":"2""#, with: #""hospitalLevel":"7""#),
         code: .unknownCode, path: "claim.hospitalLevel"),
    Case(id: "unknown identity code", json: claim.replacingOccurrences(of: "2303", with: "9999"),
         code: .unknownCode, path: "claim.person.identities[0].code"),
    Case(id: "date not covered", json: claim.replacingOccurrences(of: "2024-05-09", with: "2025-01-02"),
         code: .dateNotCovered, path: "claim.dischargeDate"),
    Case(id: "discharge before admission", json: claim.replacingOccurrences(of: "2024-05-09", with: "2024-04-09"),
         code: .invalidDate, path: "claim.dischargeDate"),
    Case(id: "split does not add up", json: claim.replacingOccurrences(of: #""fulamt_ownpay_amt":"100.00""#, with: #""fulamt_ownpay_amt":"100.00","inscp_scp_amt":"950""#),
         code: .inconsistentAmounts, path: "claim.amounts"),
    Case(id: "negative amount", json: claim.replacingOccurrences(of: #""medfee_sumamt":"1000.00""#, with: #""medfee_sumamt":"-1000.00""#),
         code: .amountOutOfRange, path: "claim.amounts.medfee_sumamt"),
    Case(id: "three decimals", json: claim.replacingOccurrences(of: #""medfee_sumamt":"1000.00""#, with: #""medfee_sumamt":"1000.001""#),
         code: .invalidValue, path: "claim.amounts.medfee_sumamt"),
    Case(id: "unknown claim key", json: claim.replacingOccurrences(of: #""id":"c1""#, with: #""id":"c1","bed":"12""#),
         code: .unknownKey, path: "claim.bed"),
    Case(id: "unknown kind", json: claim.replacingOccurrences(of: #""kind":"inpatient""#, with: #""kind":"dental""#),
         code: .invalidValue, path: "claim.kind"),
    Case(id: "unknown accumulator layer", json: claim + #","yearToDate":{"year":2024,"layers":{"lottery":{"base":"1"}}}"#,
         code: .invalidAccumulators, path: "yearToDate.layers.lottery"),
    Case(id: "accumulators from a later year", json: claim + #","yearToDate":{"year":2025}"#,
         code: .invalidAccumulators, path: "yearToDate.year"),
  ]

  @Test(arguments: claimCases)
  func claimErrors(_ c: Case) throws {
    let engine = try TestTables.engine(layers: Self.basic)
    // `c.json` is a claim, optionally followed by `,"yearToDate":{…}`.
    let request = "{\"claim\":\(c.json)}"
    do {
      _ = try engine.settleJSON(Data(request.utf8))
      Issue.record("\(c.id): no error")
    } catch {
      #expect(error.code == c.code, "\(c.id): \(error)")
      #expect(error.jsonPath == c.path, "\(c.id): \(error)")
    }
  }

  @Test func largestAmountsSettleAndOverflowIsTyped() throws {
    let engine = try TestTables.engine(layers: Self.basic)
    // 10^12 fen (10 billion yuan) works: (10^10 − 800) × 0.70 yuan.
    var y = YearToDate()
    let big = try engine.settle(.inpatient(total: 1_000_000_000_000), yearToDate: &y)
    #expect(big.layer(0).amount == 699_999_944_000)
    #expect(big.checkInvariants() == nil)
    // Above the maximum: a typed error, not a trap.
    var y2 = YearToDate()
    #expect(throws: SettlementError.self) { try engine.settle(.inpatient(total: 1_000_000_000_001), yearToDate: &y2) }
    // Year-to-date counters that would overflow the exact product.
    let major = try TestTables.engine(layers: #"{"kind":"majorIllness","id":"m","fundCode":"390200","deductible":0,"breakpoints":"absolute","segments":[{"rate":"0.6"}]}"#)
    var y3 = YearToDate()
    y3.year = 2024
    y3.setBase(Int64.max - 10, layer: 0)
    do {
      _ = try major.settle(.inpatient(total: 1_000), yearToDate: &y3)
      Issue.record("no overflow error")
    } catch {
      #expect(error.code == .arithmeticOverflow)
    }
    #expect(y3.base(layer: 0) == Int64.max - 10, "accumulators untouched after an error")
  }

  /// The prepared claim's amount check (five amounts tested at once against
  /// 2⁴⁰, the total against the maximum, the parts against the total): every
  /// boundary either settles or gets its typed error.
  @Test func preparedAmountsAtTheirBoundaries() throws {
    let engine = try TestTables.engine(layers: Self.basic)
    let m = Money.maximumFen
    #expect(m < 1 << 40, "the maximum is below the bound the engine tests five amounts against at once")
    func claim(_ total: Int64, own: Int64 = 0, over: Int64 = 0, first: Int64 = 0, inPolicy: Int64? = nil, level: Int = 0) -> PreparedClaim {
      PreparedClaim(total: total, fullyOwnPay: own, overLimit: over, payFirst: first, inPolicy: inPolicy ?? total - own - over - first,
        kind: .inpatient, level: level, place: .inCounty, year: 2024)
    }
    func code(_ c: PreparedClaim) -> SettlementError.Code? {
      var y = YearToDate()
      do { _ = try engine.settle(c, yearToDate: &y); return nil } catch { return error.code }
    }
    // Settle: the maximum total, split any way; a part equal to it.
    #expect(code(claim(m)) == nil)
    #expect(code(claim(m, own: m)) == nil)
    #expect(code(claim(m, own: m / 4, over: m / 4, first: m / 4)) == nil)
    #expect(code(claim(0)) == nil)
    // Out of range: above the maximum (below and at 2⁴⁰), negative parts, Int64 extremes.
    #expect(code(claim(m + 1)) == .amountOutOfRange)
    #expect(code(claim(1 << 40)) == .amountOutOfRange)
    #expect(code(claim(100, own: -1, inPolicy: 101)) == .amountOutOfRange)
    #expect(code(claim(100, over: 1 << 40, inPolicy: 100 - (1 << 40))) == .amountOutOfRange)
    #expect(code(claim(-1, inPolicy: -1)) == .amountOutOfRange)
    #expect(code(claim(100, own: .max, inPolicy: 100 &- .max)) == .amountOutOfRange)
    #expect(code(claim(100, own: .min, inPolicy: 100 &- .min)) == .amountOutOfRange)
    // In range, but the parts do not make the total.
    #expect(code(claim(100, own: 10, inPolicy: 89)) == .inconsistentAmounts)
    #expect(code(claim(m, own: m, inPolicy: 1)) == .inconsistentAmounts)
    // A level the table does not have.
    #expect(code(claim(100, level: 7)) == .unknownCode)
    #expect(code(claim(100, level: -1)) == .unknownCode)
  }

  /// A table built in code (decoding already refuses negative amounts) with
  /// a negative deductible is refused when compiling, with a typed error.
  @Test func negativeDeductibleBuiltInCodeIsRefused() throws {
    let json = TestTables.json(layers: Self.basic + "," + #"""
      {"kind":"assistance","id":"a","fundCode":"610100","classes":[{"deductible":"100","ratio":"0.7"}]}
      """#)
    var table = try PolicyTable.decode(from: Data(json.utf8))
    _ = try SettlementEngine(table: table)  // as decoded: compiles
    guard case .assistance(var rule) = table.layers[1].rule else {
      Issue.record("layer 1 is not assistance")
      return
    }
    rule.classes[0].deductible = Sourced(Money(fen: -1))
    table.layers[1].rule = .assistance(rule)
    do {
      _ = try SettlementEngine(table: table)
      Issue.record("no error")
    } catch {
      #expect(error.code == .amountOutOfRange)
      #expect(error.jsonPath == "layers[1]")
    }
  }
}
