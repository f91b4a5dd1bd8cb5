import Foundation
@testable import OneStopSettlement
import SettlementTestSupport
import Testing

/// The compiled catalogue's totals (`CompiledCatalogue.totals(of:)`): hand-
/// derived cases (the arithmetic in the comments), the same typed errors as
/// `Catalogue.split`, and a differential test against `Catalogue.split` over
/// seeded random visits.
@Suite struct CompiledCatalogueTests {
  typealias T = FeeLineSplitTests

  static func totals(
    _ lines: [FeeLine], _ catalogue: Catalogue = T.catalogue, point: RoundingPoint? = nil
  ) throws -> LineParts {
    try CompiledCatalogue(catalogue).totals(of: try PreparedFeeLines(lines), roundingPoint: point)
  }

  /// The compiled path alone (no fallback to the explained path).
  static func compiledOnly(_ lines: [FeeLine], _ catalogue: Catalogue = T.catalogue, onTotals: Bool = false) throws -> LineParts? {
    try CompiledCatalogue(catalogue).compiledTotals(try PreparedFeeLines(lines), exact: onTotals)
  }
}

// MARK: - Hand-derived totals

extension CompiledCatalogueTests {
  @Test func workedExample8() throws {
    let lines = [
      try T.line("1", "TREAT", cnt: "1", pric: "2000", amount: "2000"),
      try T.line("2", "DRUG-A", cnt: "10", pric: "300", amount: "3000"),
      try T.line("3", "DRUG-B", cnt: "20", pric: "250", amount: "5000"),
    ]
    // 乙类 5000 × 0.10 = 500 先行自付; in scope 2000 + 3000 + 4500 = 9500.
    let expected = LineParts(fullyOwnPay: 0, overLimit: 0, payFirst: 50_000, inPolicy: 950_000)
    #expect(try Self.compiledOnly(lines) == expected)
    #expect(try Self.totals(lines) == expected)
  }

  @Test func classesCapsAndApproval() throws {
    let lines = [
      // 3 × 33.33 = 99.99 × 0.15 = 14.9985 → 15.00 先行自付, 84.99 in scope.
      try T.line("1", "DRUG-B15", cnt: "3", pric: "33.33", amount: "99.99"),
      // 丙类: 2 × 45.50 = 91.00 全自费.
      try T.line("2", "SELF", cnt: "2", pric: "45.5", amount: "91.00"),
      // 2.5 × 12.345678 = 30.864195 → 30.86; over the cap of 10: 2.5 × 2.345678
      // = 5.864195 → 5.86; 25.00 × 10 % = 2.50 先行自付; 22.50 in scope.
      try T.line("3", "CAPPED", cnt: "2.5", pric: "12.345678", amount: "30.86"),
      // Restricted, no approval: 80 全自费; approved: 80 in scope.
      try T.line("4", "LIMITED", cnt: "1", pric: "80", amount: "80"),
      try T.line("5", "LIMITED", cnt: "1", pric: "80", amount: "80", approval: .approved),
      // Approval 2 on an unrestricted item: 80 全自费.
      try T.line("6", "DRUG-A", cnt: "1", pric: "80", amount: "80", approval: .selfPay),
      // The line's own 乙 at 0.20 with a cap of 40: over 2 × 10 = 20; 80 × 0.2 = 16; 64 in scope.
      try T.line("7", "DRUG-A", cnt: "2", pric: "50", amount: "100", cls: .classB, ratio: "0.2", cap: "40"),
    ]
    // 全自费 91 + 80 + 80 = 251; 超限价 5.86 + 20 = 25.86; 先行自付 15 + 2.50 + 16 = 33.50;
    // in scope 84.99 + 22.50 + 80 + 64 = 251.49. Sum 561.85 = Σ amounts.
    let expected = LineParts(fullyOwnPay: 25_100, overLimit: 2_586, payFirst: 3_350, inPolicy: 25_149)
    #expect(try Self.compiledOnly(lines) == expected)
    #expect(try Self.totals(lines) == expected)
  }

  @Test func roundingPoints() throws {
    // Three 乙类 lines of 0.05 at 10 %: 0.005 each. Per line → 0.01 each
    // (half-up): 先行自付 3 fen, in scope 12. On totals 0.015 → 0.02: 2 and 13.
    let lines = try (1...3).map { try T.line("\($0)", "DRUG-B", cnt: "1", pric: "0.05", amount: "0.05") }
    #expect(try Self.totals(lines, point: .perLine) == LineParts(payFirst: 3, inPolicy: 12))
    #expect(try Self.totals(lines, point: .onTotals) == LineParts(payFirst: 2, inPolicy: 13))
    var onTotals = T.catalogue
    onTotals.roundingPoint = .onTotals
    #expect(try Self.compiledOnly(lines, onTotals, onTotals: true) == LineParts(payFirst: 2, inPolicy: 13))
    // Over the cap of 10 by 1.0001 × 0.004 = 0.40004 fen a line: 0 per line;
    // on totals 0.80008 → 1 fen. 先行自付 per line (10.01 − 0) × 0.1 = 1.001 → 1.00;
    // on totals (20.02 − 0.0080008) × 0.1 = 2.00119992 → 2.00; in scope the rest.
    let capped = try (1...2).map { try T.line("\($0)", "CAPPED", cnt: "1.0001", pric: "10.004", amount: "10.01") }
    #expect(try Self.totals(capped, point: .perLine) == LineParts(overLimit: 0, payFirst: 200, inPolicy: 1_802))
    #expect(try Self.totals(capped, point: .onTotals) == LineParts(overLimit: 1, payFirst: 200, inPolicy: 1_801))
  }

  @Test func refunds() throws {
    // Charge 125: 12.50 先行自付, 112.50 in scope; refund −50: −5.00, −45.00. Net 7.50, 67.50.
    let partial = [
      try T.line("1", "DRUG-B", cnt: "10", pric: "12.5", amount: "125"),
      try T.line("2", "DRUG-B", cnt: "-4", pric: "12.5", amount: "-50", refunds: "1"),
    ]
    #expect(try Self.compiledOnly(partial) == LineParts(payFirst: 750, inPolicy: 6_750))
    // A full refund is the exact negation: nothing left.
    let full = [
      try T.line("1", "CAPPED", cnt: "2.5", pric: "12.345678", amount: "30.86"),
      try T.line("2", "CAPPED", cnt: "-2.5", pric: "12.345678", amount: "-30.86", refunds: "1"),
    ]
    #expect(try Self.compiledOnly(full) == .zero)
  }

  @Test func unlistedCodesPresplitLinesAndTheDefault() throws {
    // An unlisted code carrying 乙: 10 × 10 % = 1 先行自付, 9 in scope.
    var classed = try T.line("1", "NOT-LISTED", cnt: "1", pric: "10", amount: "10")
    classed.itemClass = .classB
    #expect(try Self.compiledOnly([classed]) == LineParts(payFirst: 100, inPolicy: 900))
    // The centre's split is kept as given.
    var presplit = try T.line("1", "NOT-LISTED", cnt: "1", pric: "100", amount: "100", cls: .classB)
    presplit.presplit = LineParts(fullyOwnPay: 0, overLimit: 1_000, payFirst: 2_700, inPolicy: 6_300)
    #expect(try Self.compiledOnly([presplit]) == LineParts(overLimit: 1_000, payFirst: 2_700, inPolicy: 6_300))
    // With unknownItems = useDefault (丙), an unlisted code is 全自费: 10.
    var lenient = T.catalogue
    lenient.unknownItems = .useDefault
    lenient.defaultItem = CatalogueItem(itemClass: .classC)
    let bare = try T.line("1", "NOT-LISTED", cnt: "1", pric: "10", amount: "10")
    #expect(try Self.compiledOnly([bare], lenient) == LineParts(fullyOwnPay: 1_000))
    // Without it, the explained path reports the unknown code.
    #expect(try Self.compiledOnly([bare]) == nil)
  }
}

// MARK: - Errors: the same typed errors as Catalogue.split

extension CompiledCatalogueTests {
  @Test(arguments: FeeLineSplitTests.badCases)
  func badLinesGiveTheExplainedPathsError(_ c: FeeLineSplitTests.BadCase) throws {
    let lines = try c.lines()
    let compiled = try CompiledCatalogue(T.catalogue)
    #expect {
      try compiled.totals(of: try PreparedFeeLines(lines))
    } throws: { e in
      let e = e as? SettlementError
      return e?.code == c.code && e?.jsonPath == c.path
    }
  }

  @Test func refundTotalsBelowZero() throws {
    // The refund claims to be 丙 while its line was 甲: 全自费 total −80 < 0.
    let lines = [
      try T.line("1", "DRUG-A", cnt: "1", pric: "80", amount: "80"),
      try T.line("2", "DRUG-A", cnt: "-1", pric: "80", amount: "-80", cls: .classC, refunds: "1"),
    ]
    let explained = Result { () throws(SettlementError) in try T.catalogue.split(lines).totals }
    let compiled = Result { () throws(SettlementError) in try CompiledCatalogue(T.catalogue).totals(of: try PreparedFeeLines(lines)) }
    #expect(compiled == explained)
    guard case .failure(let e) = compiled else { Issue.record("no error"); return }
    #expect(e.code == .inconsistentAmounts && e.jsonPath == "feedetail")
  }

  @Test func codesTooLongToPack() throws {
    let long = String(repeating: "X", count: 33)
    #expect {
      try PreparedFeeLines([
        try T.line("1", "DRUG-A", cnt: "1", pric: "3", amount: "3"), try T.line("2", long, cnt: "1", pric: "3", amount: "3"),
      ])
    } throws: { e in
      (e as? SettlementError)?.code == .invalidValue && (e as? SettlementError)?.jsonPath == "feedetail[1].med_list_codg"
    }
    var catalogue = T.catalogue
    catalogue.items["抗生素"] = CatalogueItem(itemClass: .classA)
    #expect {
      try CompiledCatalogue(catalogue)
    } throws: { e in
      (e as? SettlementError)?.code == .invalidValue && (e as? SettlementError)?.jsonPath == "items.抗生素"
    }
  }

  struct BadCatalogue: Sendable, CustomTestStringConvertible {
    let id: String
    let change: @Sendable (inout Catalogue) -> Void
    let code: SettlementError.Code
    let path: String
    var testDescription: String { id }
  }

  /// What `Catalogue.decode` refuses, compiling refuses too.
  static let badCatalogues: [BadCatalogue] = [
    BadCatalogue(id: "item ratio above one", change: { $0.items["DRUG-B"]?.payFirstRatio = Sourced(Rate(micros: 1_500_000)) },
      code: .rateOutOfRange, path: "items.DRUG-B.selfpayProp"),
    BadCatalogue(id: "item ratio with five decimals", change: { $0.items["DRUG-B"]?.payFirstRatio = Sourced(Rate(micros: 123_450)) },
      code: .invalidNumber, path: "items.DRUG-B.selfpayProp"),
    BadCatalogue(id: "negative item cap", change: { $0.items["CAPPED"]?.priceCap = Sourced(UnitPrice(microYuan: -1)) },
      code: .amountOutOfRange, path: "items.CAPPED.priceCap"),
    BadCatalogue(id: "class ratio below zero", change: { $0.classes[.classB] = Sourced(Rate(micros: -100_000)) },
      code: .rateOutOfRange, path: "classes.乙类.selfpayProp"),
    BadCatalogue(id: "default ratio above one", change: { $0.defaultItem = CatalogueItem(itemClass: .classB, payFirstRatio: Sourced(Rate(micros: 2_000_000))) },
      code: .rateOutOfRange, path: "default.selfpayProp"),
    BadCatalogue(id: "negative tolerance", change: { $0.lineAmountTolerance = Money(fen: -1) },
      code: .amountOutOfRange, path: "lineAmountTolerance"),
  ]

  @Test(arguments: badCatalogues)
  func badCatalogue(_ c: BadCatalogue) {
    var catalogue = T.catalogue
    c.change(&catalogue)
    #expect {
      try CompiledCatalogue(catalogue)
    } throws: { e in
      (e as? SettlementError)?.code == c.code && (e as? SettlementError)?.jsonPath == c.path
    }
  }
}

// MARK: - Differential: compiled vs Catalogue.split on seeded random visits

extension CompiledCatalogueTests {
  struct Setup: Sendable, CustomTestStringConvertible {
    var rounding: RoundingRule
    var point: RoundingPoint
    /// Unlisted codes follow a default (乙 at 30 %, capped), and amounts may be 1 fen off.
    var lenient: Bool
    var testDescription: String { "\(rounding) \(point)\(lenient ? " lenient" : "")" }
  }

  static let setups = RoundingRule.allCases.flatMap { r in
    RoundingPoint.allCases.flatMap { p in [false, true].map { Setup(rounding: r, point: p, lenient: $0) } }
  }

  @Test(arguments: setups)
  func compiledAgreesWithExplained(_ s: Setup) throws {
    var g = FeeLineGenerator(seed: 40 + UInt64(Self.setups.firstIndex { $0.testDescription == s.testDescription } ?? 0))
    var catalogue = g.catalogue
    catalogue.rounding = s.rounding
    catalogue.roundingPoint = s.point
    for (i, code) in catalogue.items.keys.sorted().enumerated() where i % 9 == 0 { catalogue.items[code]?.restricted = true }
    if s.lenient {
      catalogue.unknownItems = .useDefault
      catalogue.defaultItem = CatalogueItem(
        itemClass: .classB, payFirstRatio: Sourced(Rate(micros: 300_000)), priceCap: Sourced(UnitPrice(microYuan: 5_000_000)))
      catalogue.lineAmountTolerance = Money(fen: 1)
    }
    let compiled = try CompiledCatalogue(catalogue)
    var agreed = 0, refused = 0
    for v in 0..<150 {
      let lines = g.mixedVisit(lines: 1 + v % 70, rounding: s.rounding, faults: v % 3 == 0)
      if try Self.expectSameTotals(lines, catalogue, compiled, visit: v) { agreed += 1 } else { refused += 1 }
    }
    // Both kinds were exercised.
    #expect(agreed >= 75 && refused >= (s.lenient ? 3 : 10), "\(agreed) agreed, \(refused) refused")
  }

  /// Expects the same totals or error from `compiled.totals(of:)` as from
  /// `catalogue.split`, and the compiled path itself to total every visit
  /// the explained path accepts and decline every other; returns whether
  /// the explained path accepted the visit.
  static func expectSameTotals(
    _ lines: [FeeLine], _ catalogue: Catalogue, _ compiled: CompiledCatalogue, visit v: Int
  ) throws -> Bool {
    let prepared = try PreparedFeeLines(lines)
    let explained = Result { () throws(SettlementError) in try catalogue.split(lines).totals }
    let viaCompiled = Result { () throws(SettlementError) in try compiled.totals(of: prepared) }
    #expect(viaCompiled == explained, "visit \(v)")
    let direct = prepared.isChecked ? compiled.compiledTotals(prepared, exact: catalogue.roundingPoint == .onTotals) : nil
    switch explained {
    case .success(let totals):
      #expect(direct == totals, "visit \(v)")
      return true
    case .failure:
      #expect(direct == nil, "visit \(v)")
      return false
    }
  }
}
