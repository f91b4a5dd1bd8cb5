import OneStopSettlement
import Testing

/// Out-of-pocket ceiling (兜底) and top-up to a target ratio (补足), hand-derived (fen).
@Suite struct CeilingAndTopUpTests {
  static let basicHalf = MajorIllnessTests.basicHalf

  @Test func fixedCeilingPerYear() throws {
    // 湖北 2018 frame: 年度个人实际负担 ≤ 5,000 (here as a fixed ceiling on in-policy self-pay).
    let layer = #"{"kind":"outOfPocketCeiling","id":"doudi","fundCode":"640100","appliesTo":{"identities":["dibao"]},"ceiling":"5000"}"#
    let engine = try TestTables.engine(layers: Self.basicHalf + "," + layer)
    var y = YearToDate()
    // Claim 1: in-policy 8,000 → basic 4,000, self-pay 4,000 ≤ 5,000 → 0.
    let a = try engine.settle(.inpatient(total: 800_000, identities: Bit.dibao), yearToDate: &y)
    #expect(a.layer(1).amount == 0)
    // Claim 2: self-pay 3,000 more → cumulative 7,000 − 5,000 − 0 = 2,000.
    let b = try engine.settle(.inpatient(total: 600_000, identities: Bit.dibao), yearToDate: &y)
    #expect(b.layer(1).amount == 200_000)
    // Claim 3: in-policy 2,000, basic 1,000, self-pay 1,000 more → cumulative
    // 8,000 − 5,000 − 2,000 paid = 1,000: all of it; patient 2,000 − 1,000 − 1,000 = 0.
    let c = try engine.settle(.inpatient(total: 200_000, identities: Bit.dibao), yearToDate: &y)
    #expect(c.layer(1).amount == 100_000)
    #expect(c.patient == 0)
    // Not 低保: not applied.
    var y2 = YearToDate()
    #expect(try engine.settle(.inpatient(total: 2_000_000), yearToDate: &y2).layer(1).applied == false)
  }

  @Test func shareOfInPolicyCeiling() throws {
    // 江阴 frame: individual self-pay above 10 % of in-policy cost is paid.
    let layer = #"{"kind":"outOfPocketCeiling","id":"doudi","fundCode":"640100","shareOfInPolicy":"0.10"}"#
    let engine = try TestTables.engine(layers: Self.basicHalf + "," + layer)
    var y = YearToDate()
    // in-policy 10,000: basic 5,000, self-pay 5,000, allowed 1,000 → 4,000.
    let s = try engine.settle(.inpatient(total: 1_000_000), yearToDate: &y)
    #expect(s.layer(1).amount == 400_000)
    #expect(s.patient == 100_000)
    // Second claim in-policy 5,000: cumulative self-pay 5,000 + 2,500 = 7,500,
    // allowed 10 % × 15,000 = 1,500, already paid 4,000 → 2,000.
    let t = try engine.settle(.inpatient(total: 500_000), yearToDate: &y)
    #expect(t.layer(1).amount == 200_000)
    #expect(t.patient == 50_000)
  }

  @Test func topUpToTargetRatio() throws {
    // 广西 ~2017: 商业健康保险 tops 建档立卡 up to 90 % of in-policy cost.
    let layer = #"{"kind":"topUp","id":"topup","fundCode":"390300","appliesTo":{"identities":["fanpin"]},"targetRatio":"0.90"}"#
    let engine = try TestTables.engine(layers: Self.basicHalf + "," + layer)
    var y = YearToDate()
    // in-policy 10,000 + out-of-policy 1,000: basic 5,000; target 9,000 → 4,000.
    let s = try engine.settle(.inpatient(total: 1_100_000, inPolicy: 1_000_000, identities: Bit.fanpin), yearToDate: &y)
    #expect(s.layer(1).amount == 400_000)
    #expect(s.patient == 200_000)  // 1,000 in-policy + 1,000 out of policy
    #expect(s.fundTotal == 900_000)
  }

  @Test func topUpNeverNegative() throws {
    let layer = #"{"kind":"topUp","id":"topup","fundCode":"390300","targetRatio":"0.40"}"#
    let engine = try TestTables.engine(layers: Self.basicHalf + "," + layer)
    var y = YearToDate()
    // Funds already 50 % > target 40 %: top-up pays 0.
    #expect(try engine.settle(.inpatient(total: 1_000_000), yearToDate: &y).layer(1).amount == 0)
  }
}
