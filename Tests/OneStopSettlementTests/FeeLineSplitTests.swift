import Foundation
import OneStopSettlement
import Testing

/// Fee-line splitting (`Catalogue+Split.swift`): every expected number is
/// derived by hand in the comment beside it.
@Suite struct FeeLineSplitTests {
  static func line(
    _ sn: String, _ code: String, cnt: String, pric: String, amount: String, cls: ItemClass? = nil,
    ratio: String? = nil, cap: String? = nil, approval: HospitalApproval? = nil, restricted: Bool? = nil,
    refunds: String? = nil
  ) throws -> FeeLine {
    FeeLine(
      serial: sn, originalSerial: refunds, itemCode: code, itemClass: cls, quantity: try Quantity(parsing: cnt),
      unitPrice: try UnitPrice(parsing: pric), amount: try Money(parsing: amount),
      payFirstRatio: try ratio.map { try Rate(parsing: $0) }, priceCap: try cap.map { try UnitPrice(parsing: $0) },
      approval: approval, restricted: restricted)
  }

  /// A catalogue of four items; 乙类 pay first 10 % unless the item says else.
  static let catalogue = Catalogue(
    id: "test/catalogue", provenance: Provenance(illustrative: true, note: "test items"), rounding: .halfUp,
    classes: [.classB: Sourced(Rate(micros: 100_000))],
    items: [
      "TREAT": CatalogueItem(name: "诊疗", itemClass: .classA),
      "DRUG-A": CatalogueItem(name: "甲类药", itemClass: .classA),
      "DRUG-B": CatalogueItem(name: "乙类药", itemClass: .classB),
      "DRUG-B15": CatalogueItem(itemClass: .classB, payFirstRatio: Sourced(Rate(micros: 150_000))),
      "CAPPED": CatalogueItem(itemClass: .classB, priceCap: Sourced(UnitPrice(microYuan: 10_000_000))),
      "SELF": CatalogueItem(itemClass: .classC),
      "LIMITED": CatalogueItem(itemClass: .classA, restricted: true),
    ])

  func money(_ s: String) throws -> Int64 { try Money(parsing: s).fen }
}

// MARK: - Per class

extension FeeLineSplitTests {
  /// Ex.8 (黑龙江省医保局 2020): 诊疗 2000, 甲类 3000, 乙类 5000 with 先行自付 10 %.
  @Test func workedExample8Lines() throws {
    let split = try Self.catalogue.split([
      try Self.line("1", "TREAT", cnt: "1", pric: "2000", amount: "2000"),
      try Self.line("2", "DRUG-A", cnt: "10", pric: "300", amount: "3000"),
      try Self.line("3", "DRUG-B", cnt: "20", pric: "250", amount: "5000"),
    ])
    // 乙类: 5000 × 0.10 = 500 先行自付, 4500 in scope.
    #expect(split.lines[2].payFirst.fen == 50_000)
    #expect(split.lines[2].inPolicy.fen == 450_000)
    // Totals: in scope 2000 + 3000 + 4500 = 9500; 先行自付 500; total 10000.
    #expect(split.totals == LineParts(fullyOwnPay: 0, overLimit: 0, payFirst: 50_000, inPolicy: 950_000))
    #expect(split.amounts.total.fen == 1_000_000)
    #expect(split.drift == .zero)
  }

  /// Ex.8 settled: (3000 + 4500 + 2000 − 1300) = 8200 × 80 % = 6560 fund;
  /// individual 1300 + 500 + 1640 = 3440.
  @Test func workedExample8Settled() throws {
    let table = try PolicyTable.decode(from: Data("""
      { "schemaVersion": 1, "id": "ex8", "validFrom": "2020-01-01", "validTo": "2020-12-31", "rounding": "halfUp",
        "source": "http://hlj.sina.com.cn/news/ljyw/2020-06-05/detail-iirczymk5327055.shtml (worked-examples.md Ex.8)",
        "hospitalLevels": [{ "id": "1" }],
        "layers": [{ "kind": "basic", "id": "basic", "fundCode": "310100",
          "benefits": [{ "claimKinds": ["inpatient"], "deductible": { "1": "1300" }, "ratio": { "1": "0.80" } }] }] }
      """.utf8))
    let engine = try SettlementEngine(table: table)
    let split = try Self.catalogue.split([
      try Self.line("1", "TREAT", cnt: "1", pric: "2000", amount: "2000"),
      try Self.line("2", "DRUG-A", cnt: "10", pric: "300", amount: "3000"),
      try Self.line("3", "DRUG-B", cnt: "20", pric: "250", amount: "5000"),
    ])
    let claim = Claim(kind: .inpatient, hospitalLevel: "1", place: .inCounty, dischargeDate: try CivilDate(parsing: "2020-06-01"),
      amounts: split.amounts)
    var ytd = YearToDate()
    let s = try engine.settle(try engine.prepare(claim), yearToDate: &ytd)
    #expect(s.layer(0).amount == 656_000)
    #expect(s.patient == 344_000)
    #expect(s.basicDeductible == 130_000)
  }

  @Test func classAIsWhollyInScope() throws {
    let s = try Self.catalogue.split([try Self.line("1", "DRUG-A", cnt: "3", pric: "33.33", amount: "99.99")])
    // 3 × 33.33 = 99.99, all in scope.
    #expect(s.lines[0].parts == LineParts(inPolicy: 9_999))
    #expect(s.lines[0].itemClass == .classA)
  }

  @Test func classBPaysFirstAtItsOwnRatio() throws {
    let s = try Self.catalogue.split([try Self.line("1", "DRUG-B15", cnt: "3", pric: "33.33", amount: "99.99")])
    // 99.99 × 0.15 = 14.9985 → 15.00 (half-up); 99.99 − 15.00 = 84.99 in scope.
    #expect(s.lines[0].parts == LineParts(payFirst: 1_500, inPolicy: 8_499))
    #expect(s.lines[0].payFirstRatio.description == "0.1500")
  }

  @Test func classCIsFullySelfPaid() throws {
    let s = try Self.catalogue.split([try Self.line("1", "SELF", cnt: "2", pric: "45.5", amount: "91.00")])
    // 2 × 45.50 = 91.00, all 全自费.
    #expect(s.lines[0].parts == LineParts(fullyOwnPay: 9_100))
  }

  @Test func priceCapSplitsOffTheExcessBeforePayFirst() throws {
    let s = try Self.catalogue.split([try Self.line("1", "CAPPED", cnt: "2.5", pric: "12.345678", amount: "30.86")])
    // 2.5 × 12.345678 = 30.864195 → 30.86.
    // Over cap: 2.5 × (12.345678 − 10) = 5.864195 → 5.86; allowed 30.86 − 5.86 = 25.00.
    // 乙类 10 %: 2.50 先行自付; 22.50 in scope. 5.86 + 2.50 + 22.50 = 30.86.
    #expect(s.lines[0].parts == LineParts(overLimit: 586, payFirst: 250, inPolicy: 2_250))
    #expect(s.lines[0].priceCap?.description == "10.000000")
  }

  @Test(arguments: ["1", "01", "甲", "甲类"])
  func classSpellings(_ spelling: String) throws {
    #expect(ItemClass(spelling: spelling) == .classA)
    let json = Data(#"{"feedetl_sn":"1","med_list_codg":"X","chrgitm_lv":"\#(spelling)","cnt":1,"pric":1,"det_item_fee_sumamt":1}"#.utf8)
    #expect(try JSONDecoder().decode(FeeLine.self, from: json).itemClass == .classA)
  }

  @Test func numericClassAndFlags() throws {
    let json = Data(#"{"feedetl_sn":7,"med_list_codg":"X","chrgitm_lv":2,"cnt":"1","pric":"1","det_item_fee_sumamt":"1","lmt_used_flag":1,"hosp_appr_flag":"1"}"#.utf8)
    let l = try JSONDecoder().decode(FeeLine.self, from: json)
    #expect(l.serial == "7" && l.itemClass == .classB && l.restricted == true && l.approval == .approved)
  }
}

// MARK: - Approval, line attributes, unknown codes

extension FeeLineSplitTests {
  @Test func restrictedItemNeedsApproval() throws {
    let lines = [
      try Self.line("1", "LIMITED", cnt: "1", pric: "80", amount: "80"),
      try Self.line("2", "LIMITED", cnt: "1", pric: "80", amount: "80", approval: .approved),
      try Self.line("3", "DRUG-A", cnt: "1", pric: "80", amount: "80", approval: .selfPay),
      try Self.line("4", "DRUG-A", cnt: "1", pric: "80", amount: "80", approval: HospitalApproval.none),
    ]
    let s = try Self.catalogue.split(lines)
    // Restricted, flag absent (0): self-paid. Approved (1): in scope.
    #expect(s.lines[0].parts == LineParts(fullyOwnPay: 8_000))
    #expect(s.lines[1].parts == LineParts(inPolicy: 8_000))
    // Unrestricted, flag 2: self-paid; flag 0: normal.
    #expect(s.lines[2].parts == LineParts(fullyOwnPay: 8_000))
    #expect(s.lines[3].parts == LineParts(inPolicy: 8_000))
  }

  @Test func lineAttributesTakePrecedence() throws {
    // The line says 乙 at 0.20 with a cap of 40 for an item the catalogue calls 甲.
    let s = try Self.catalogue.split([
      try Self.line("1", "DRUG-A", cnt: "2", pric: "50", amount: "100", cls: .classB, ratio: "0.2", cap: "40")
    ])
    // Over: 2 × (50 − 40) = 20; allowed 80; 80 × 0.20 = 16 先行自付; 64 in scope.
    #expect(s.lines[0].parts == LineParts(overLimit: 2_000, payFirst: 1_600, inPolicy: 6_400))
  }

  @Test func unknownCodeIsAnErrorOrTheDefault() throws {
    let lines = [
      try Self.line("1", "DRUG-A", cnt: "1", pric: "10", amount: "10"),
      try Self.line("2", "NOT-LISTED", cnt: "1", pric: "10", amount: "10"),
    ]
    #expect {
      try Self.catalogue.split(lines)
    } throws: { e in
      (e as? SettlementError)?.code == .unknownCode && (e as? SettlementError)?.jsonPath == "feedetail[1].med_list_codg"
    }
    // A line that carries its class needs no catalogue entry.
    var classed = lines
    classed[1].itemClass = .classB
    #expect(try Self.catalogue.split(classed).lines[1].parts == LineParts(payFirst: 100, inPolicy: 900))
    // The table switch: unlisted items follow the default (丙 here).
    var lenient = Self.catalogue
    lenient.unknownItems = .useDefault
    lenient.defaultItem = CatalogueItem(itemClass: .classC)
    #expect(try lenient.split(lines).lines[1].parts == LineParts(fullyOwnPay: 1_000))
  }

  @Test func presplitLinesKeepTheCentresSplit() throws {
    var l = try Self.line("1", "NOT-LISTED", cnt: "1", pric: "100", amount: "100", cls: .classB)
    l.presplit = LineParts(fullyOwnPay: 0, overLimit: 1_000, payFirst: 2_700, inPolicy: 6_300)
    let s = try Self.catalogue.split([l])
    #expect(s.totals == LineParts(overLimit: 1_000, payFirst: 2_700, inPolicy: 6_300))
  }
}

// MARK: - Refunds and rounding points

extension FeeLineSplitTests {
  @Test func fullRefundIsTheExactNegation() throws {
    let charge = try Self.line("1", "CAPPED", cnt: "2.5", pric: "12.345678", amount: "30.86")
    let refund = try Self.line("2", "CAPPED", cnt: "-2.5", pric: "12.345678", amount: "-30.86", refunds: "1")
    let s = try Self.catalogue.split([charge, refund])
    #expect(s.lines[1].parts == LineParts(overLimit: -586, payFirst: -250, inPolicy: -2_250))
    let negated = s.lines[0].negated
    #expect(s.lines[1].parts == negated.parts)
    #expect(s.lines[1].quantity == negated.quantity && s.lines[1].amount == negated.amount)
    #expect(s.totals == .zero)
  }

  @Test func partialRefund() throws {
    let s = try Self.catalogue.split([
      try Self.line("1", "DRUG-B", cnt: "10", pric: "12.5", amount: "125"),
      try Self.line("2", "DRUG-B", cnt: "-4", pric: "12.5", amount: "-50", refunds: "1"),
    ])
    // Charge 125: 12.50 先行自付, 112.50 in scope. Refund −50: −5.00, −45.00.
    // Net 75: 7.50 先行自付, 67.50 in scope.
    #expect(s.totals == LineParts(payFirst: 750, inPolicy: 6_750))
  }

  @Test func roundingPointDrift() throws {
    // Three 乙类 lines of 0.05 at 10 %: 0.005 each.
    let lines = try (1...3).map { try Self.line("\($0)", "DRUG-B", cnt: "1", pric: "0.05", amount: "0.05") }
    let perLine = try Self.catalogue.split(lines, roundingPoint: .perLine)
    // Per line: 0.005 → 0.01 each (half-up), total 0.03; in scope 0.04 × 3 = 0.12.
    #expect(perLine.totals == LineParts(payFirst: 3, inPolicy: 12))
    #expect(perLine.drift == .zero)
    let onTotals = try Self.catalogue.split(lines, roundingPoint: .onTotals)
    // On totals: 0.015 → 0.02; in scope 0.15 − 0.02 = 0.13. Lines still show 0.01 each.
    #expect(onTotals.totals == LineParts(payFirst: 2, inPolicy: 13))
    #expect(onTotals.lines.allSatisfy { $0.payFirst.fen == 1 })
    #expect(onTotals.drift == LineParts(payFirst: -1, inPolicy: 1))
  }

  @Test func overCapOnTotals() throws {
    // Each line: 1.0001 × 10.004 = 10.0050004 → 10.01. Over the cap of 10:
    // 1.0001 × 0.004 = 0.0040004 yuan = 0.40004 fen; per line → 0 fen each,
    // on totals 0.80008 → 1 fen.
    let lines = try (1...2).map {
      try Self.line("\($0)", "CAPPED", cnt: "1.0001", pric: "10.004", amount: "10.01")
    }
    #expect(try Self.catalogue.split(lines, roundingPoint: .perLine).totals.overLimit == 0)
    let t = try Self.catalogue.split(lines, roundingPoint: .onTotals)
    #expect(t.totals.overLimit == 1)
    #expect(t.drift.overLimit == 1)
  }
}

// MARK: - Bad input: a typed error naming the line and the field

extension FeeLineSplitTests {
  struct BadCase: Sendable, CustomTestStringConvertible {
    let id: String
    let lines: @Sendable () throws -> [FeeLine]
    let code: SettlementError.Code
    let path: String
    var testDescription: String { id }
  }

  static let badCases: [BadCase] = [
    BadCase(id: "negative price", lines: { [try line("1", "DRUG-A", cnt: "1", pric: "-3", amount: "-3")] },
      code: .amountOutOfRange, path: "feedetail[0].pric"),
    BadCase(id: "negative cap", lines: { [try line("1", "DRUG-A", cnt: "1", pric: "3", amount: "3", cap: "-1")] },
      code: .amountOutOfRange, path: "feedetail[0].pric_uplmt_amt"),
    BadCase(id: "zero quantity with amount", lines: {
      [try line("1", "DRUG-A", cnt: "1", pric: "3", amount: "3"), try line("2", "DRUG-A", cnt: "0", pric: "3", amount: "3")] },
      code: .inconsistentAmounts, path: "feedetail[1].cnt"),
    BadCase(id: "amount is not cnt × pric", lines: { [try line("1", "DRUG-A", cnt: "3", pric: "33.33", amount: "100")] },
      code: .inconsistentAmounts, path: "feedetail[0].det_item_fee_sumamt"),
    BadCase(id: "ratio above one", lines: { [try line("1", "DRUG-B", cnt: "1", pric: "3", amount: "3", ratio: "1.2")] },
      code: .rateOutOfRange, path: "feedetail[0].selfpay_prop"),
    BadCase(id: "ratio with five decimals", lines: { [try line("1", "DRUG-B", cnt: "1", pric: "3", amount: "3", ratio: "0.12345")] },
      code: .invalidNumber, path: "feedetail[0].selfpay_prop"),
    BadCase(id: "unknown code", lines: { [try line("1", "NOPE", cnt: "1", pric: "3", amount: "3")] },
      code: .unknownCode, path: "feedetail[0].med_list_codg"),
    BadCase(id: "duplicate serial", lines: {
      [try line("1", "DRUG-A", cnt: "1", pric: "3", amount: "3"), try line("1", "DRUG-A", cnt: "1", pric: "3", amount: "3")] },
      code: .duplicateDefinition, path: "feedetail[1].feedetl_sn"),
    BadCase(id: "refund without original", lines: { [try line("1", "DRUG-A", cnt: "-1", pric: "3", amount: "-3")] },
      code: .missingField, path: "feedetail[0].init_feedetl_sn"),
    BadCase(id: "refund of unknown line", lines: { [try line("1", "DRUG-A", cnt: "-1", pric: "3", amount: "-3", refunds: "9")] },
      code: .undefinedReference, path: "feedetail[0].init_feedetl_sn"),
    BadCase(id: "refund beyond quantity", lines: {
      [try line("1", "DRUG-A", cnt: "1", pric: "3", amount: "3"), try line("2", "DRUG-A", cnt: "-2", pric: "3", amount: "-6", refunds: "1")] },
      code: .inconsistentAmounts, path: "feedetail[1].cnt"),
    BadCase(id: "refund of another item", lines: {
      [try line("1", "DRUG-A", cnt: "1", pric: "3", amount: "3"), try line("2", "DRUG-B", cnt: "-1", pric: "3", amount: "-3", refunds: "1")] },
      code: .inconsistentAmounts, path: "feedetail[1].med_list_codg"),
    BadCase(id: "pre-split parts do not add up", lines: {
      var l = try line("1", "DRUG-A", cnt: "1", pric: "3", amount: "3"); l.presplit = LineParts(inPolicy: 299); return [l] },
      code: .inconsistentAmounts, path: "feedetail[0].det_item_fee_sumamt"),
  ]

  @Test(arguments: badCases)
  func badInput(_ c: BadCase) throws {
    let lines = try c.lines()
    #expect {
      try Self.catalogue.split(lines)
    } throws: { e in
      let e = e as? SettlementError
      return e?.code == c.code && e?.jsonPath == c.path
    }
  }
}
