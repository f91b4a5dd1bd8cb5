import OneStopSettlement
import Testing

/// Major-illness insurance (大病保险): base switches, breakpoints, overrides,
/// caps and incremental settlement, with hand-derived amounts (fen).
@Suite struct MajorIllnessTests {
  /// Basic: no deductible, 50 % at every level, so basic pays half of in-policy.
  static let basicHalf = #"{"kind":"basic","id":"basic","fundCode":"390100","benefits":[{"claimKinds":["inpatient"],"deductible":{"1":0,"2":0,"3":0},"ratio":{"1":"0.5","2":"0.5","3":"0.5"}}]}"#

  static func major(_ body: String) -> String {
    #"{"kind":"majorIllness","id":"major","name":"大病保险","fundCode":"390200","#
      + body + "}"
  }

  /// Hubei 2020–2022 frame (rules.md §1.2): 起付 12,000; 1.2万–3万 60 %,
  /// 3万–10万 65 %, >10万 75 %, cap 300,000; 建档立卡: 起付 5,000, +5, no cap.
  static let hubei = major(#"""
    "deductible":"12000","breakpoints":"absolute",
    "segments":[{"upTo":"30000","rate":"0.60"},{"upTo":"100000","rate":"0.65"},{"rate":"0.75"}],
    "annualCap":"300000",
    "identityOverrides":{"dibao":{"deductible":"5000","segmentPoints":5,"removeCap":true}}
    """#)

  @Test func absoluteBreakpoints() throws {
    let engine = try TestTables.engine(layers: Self.basicHalf + "," + Self.hubei)
    var ytd = YearToDate()
    // in-policy 200,000.00 → basic 100,000.00 → base 100,000.00.
    // (30000 − 12000) × 0.60 + (100000 − 30000) × 0.65 = 10,800 + 45,500 = 56,300.00
    let s = try engine.settle(.inpatient(total: 20_000_000), yearToDate: &ytd)
    #expect(s.layer(1).amount == 5_630_000)
    #expect(s.patient == 20_000_000 - 10_000_000 - 5_630_000)
  }

  @Test func absoluteBreakpointsForLowIncome() throws {
    let engine = try TestTables.engine(layers: Self.basicHalf + "," + Self.hubei)
    var ytd = YearToDate()
    // 低保: deductible 5,000; first segment starts at the deductible:
    // (30000 − 5000) × 0.65 + (100000 − 30000) × 0.70 = 16,250 + 49,000 = 65,250.00
    let s = try engine.settle(.inpatient(total: 20_000_000, identities: Bit.dibao), yearToDate: &ytd)
    #expect(s.layer(1).amount == 6_525_000)
  }

  @Test func relativeBreakpointsEx6() throws {
    // Ex.6 (worked-examples.md): 起付 2万, segments relative to the deductible
    // 0–2万 30 %, 2–5万 40 %, …; personal in-policy burden 5万 → 2万×30 % + 1万×40 % = 10,000.
    let layer = Self.major(#"""
      "deductible":"20000","breakpoints":"relativeToDeductible",
      "segments":[{"upTo":"20000","rate":"0.30"},{"upTo":"50000","rate":"0.40"},{"upTo":"100000","rate":"0.50"},
        {"upTo":"200000","rate":"0.60"},{"upTo":"300000","rate":"0.65"},{"upTo":"400000","rate":"0.70"},
        {"upTo":"500000","rate":"0.75"},{"rate":"0.80"}]
      """#)
    // Basic pays 40,000 of in-policy 90,000 (ratio 4/9 is not exact, so use a
    // basic layer with deductible 10,000 and 0.50: (90000 − 10000) × 0.5 = 40,000).
    let basic = #"{"kind":"basic","id":"basic","fundCode":"390100","benefits":[{"claimKinds":["inpatient"],"deductible":{"1":10000,"2":10000,"3":10000},"ratio":{"1":"0.5","2":"0.5","3":"0.5"}}]}"#
    let engine = try TestTables.engine(layers: basic + "," + layer)
    var ytd = YearToDate()
    // total 100,000 = 非医保 10,000 + in-policy 90,000; base = 90,000 − 40,000 = 50,000.
    let s = try engine.settle(.inpatient(total: 10_000_000, inPolicy: 9_000_000), yearToDate: &ytd)
    #expect(s.layer(0).amount == 4_000_000)
    #expect(s.layer(1).base == 5_000_000)
    #expect(s.layer(1).amount == 1_000_000)
  }

  @Test func baseWithoutBasicDeductibleAndWithPayFirst() throws {
    let basic = #"{"kind":"basic","id":"basic","fundCode":"390100","benefits":[{"claimKinds":["inpatient"],"deductible":{"1":1000,"2":1000,"3":1000},"ratio":{"1":"0.5","2":"0.5","3":"0.5"}}]}"#
    func major(includeDeductible: Bool, payFirst: Bool) -> String {
      Self.major(#""deductible":"0","breakpoints":"absolute","segments":[{"rate":"0.5"}],"#
        + #""baseIncludesBasicDeductible":\#(includeDeductible),"baseIncludesPayFirst":\#(payFirst)"#)
    }
    // in-policy 11,000; pay-first 1,000; basic (11000 − 1000) × 0.5 = 5,000; left 6,000.
    for (inc, pf, base) in [(true, false, Int64(600_000)), (false, false, 500_000), (true, true, 700_000), (false, true, 600_000)] {
      let engine = try TestTables.engine(layers: basic + "," + major(includeDeductible: inc, payFirst: pf))
      var ytd = YearToDate()
      let s = try engine.settle(.inpatient(total: 1_200_000, inPolicy: 1_100_000, payFirst: 100_000), yearToDate: &ytd)
      #expect(s.layer(0).amount == 500_000)
      #expect(s.layer(1).base == base, "includeDeductible \(inc) payFirst \(pf)")
      #expect(s.layer(1).amount == base / 2)
      #expect(s.patient == 1_200_000 - 500_000 - base / 2)
    }
  }

  @Test func deductibleFactorAndCap() throws {
    let layer = Self.major(#"""
      "deductible":"10000","breakpoints":"relativeToDeductible","segments":[{"rate":"0.60"}],"annualCap":"20000",
      "identityOverrides":{"jiance":{"deductibleFactor":"0.5","segmentPoints":"5"}}
      """#)
    let engine = try TestTables.engine(layers: Self.basicHalf + "," + layer)
    var ytd = YearToDate()
    // Ordinary: base 50,000 → (50000 − 10000) × 0.60 = 24,000 → capped at 20,000.
    let s = try engine.settle(.inpatient(total: 10_000_000), yearToDate: &ytd)
    #expect(s.layer(1).amount == 2_000_000)
    #expect(s.layer(1).capRoom == 2_000_000)
    // Second claim: cap exhausted.
    let s2 = try engine.settle(.inpatient(total: 1_000_000), yearToDate: &ytd)
    #expect(s2.layer(1).amount == 0)
    #expect(s2.layer(1).capRoom == 0)
    // 监测对象: deductible 5,000, 65 %: (50000 − 5000) × 0.65 = 29,250 → capped at 20,000 (cap kept).
    var y2 = YearToDate()
    let m = try engine.settle(.inpatient(total: 10_000_000, identities: Bit.jiance), yearToDate: &y2)
    #expect(m.layer(1).amount == 2_000_000)
    // Small case below the cap: base 20,000 → (20000 − 5000) × 0.65 = 9,750.
    var y3 = YearToDate()
    let m2 = try engine.settle(.inpatient(total: 4_000_000, identities: Bit.jiance), yearToDate: &y3)
    #expect(m2.layer(1).amount == 975_000)
  }

  @Test func incrementalEqualsOneShot() throws {
    let engine = try TestTables.engine(layers: Self.basicHalf + "," + Self.hubei)
    // One claim of 150,000.00 in-policy vs three claims of 30,000 / 50,000 / 70,000.
    var one = YearToDate()
    let whole = try engine.settle(.inpatient(total: 15_000_000), yearToDate: &one)
    var split = YearToDate()
    var sum: Int64 = 0
    for t: Int64 in [3_000_000, 5_000_000, 7_000_000] {
      sum += try engine.settle(.inpatient(total: t), yearToDate: &split).layer(1).amount
    }
    // base 75,000: (30000 − 12000) × 0.60 + (75000 − 30000) × 0.65 = 10,800 + 29,250 = 40,050.00
    #expect(whole.layer(1).amount == 4_005_000)
    #expect(sum == 4_005_000)
    #expect(one.base(layer: 1) == split.base(layer: 1))
  }
}
