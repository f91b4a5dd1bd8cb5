import Foundation
import Testing
@testable import OneStopSettlement

/// The seed indicators over the hand-checked population (see
/// `PolicySimulationTests` for each claim's split).
@Suite struct SeedIndicatorsTests {
  static func report(_ options: SeedIndicators.Options = .init()) throws -> IndicatorReport {
    var ind = try SeedIndicators(engine: Fixture.engine("hand/table.json"), format: .csv, options: options)
    try ind.process(Fixture.data("hand/claims.csv"), isFinal: true)
    return try ind.report()
  }

  @Test func indicatorsAsDerivedByHand() throws {
    let r = try Self.report()
    // Low-income admissions: C3, C4 (低保), C5 (监测); C6's 监测 starts after it.
    // In county: C3, C5 → 2 of 3 = 0.666667.
    #expect(r.countyInpatientRate.count == 2 && r.countyInpatientRate.of == 3 && r.countyInpatientRate.share == Rate("0.666667"))
    // 先诊疗后付费 (derived): low-income in-county admissions 2 of all 6 admissions.
    #expect(r.treatBeforePay.count == 2 && r.treatBeforePay.of == 6 && r.treatBeforePay.share == Rate("0.333333"))
    // 实际报销比例: 低保 29070/32000 = 0.908438; 监测 15500/26000 = 0.596154;
    // ordinary 20220/33400 = 0.605389; all 64790/91400 = 0.7088621… → 0.708862.
    #expect(r.reimbursementByIdentity.map(\.id) == ["dibao", "jiance", "ordinary", "all"])
    #expect(r.reimbursementByIdentity.map(\.actualReimbursementRatio) == [Rate("0.908438"), Rate("0.596154"), Rate("0.605389"), Rate("0.708862")])
    // 救助对象 = identities the assistance classes list: 低保 (P2). Self-pay in policy:
    // C3 12000 − 9200 − 1960 = 840; C4 19500 − 11100 − 3100 − 3710 = 1590; 2430/31500 = 0.0771428… ≤ 0.10.
    let a = r.assistanceSelfPay
    #expect(a.identities == ["dibao"] && a.recipients == 1 && a.underTarget == 1 && a.share == .one)
    #expect(a.overallRatio == Rate("0.077143"))
  }

  @Test func targetAndLowIncomeSetAreOptions() throws {
    // A 7 % target: 0.0771 > 0.07 → 0 of 1.
    let strict = try Self.report(.init(target: Rate("0.07")))
    #expect(strict.assistanceSelfPay.underTarget == 0 && strict.assistanceSelfPay.share == .zero)
    // Only 低保 counts as low-income: C3, C4 → 1 of 2 in county.
    let dibao = try Self.report(.init(lowIncomeIdentities: ["dibao"]))
    #expect(dibao.countyInpatientRate.count == 1 && dibao.countyInpatientRate.of == 2)
    #expect(throws: SettlementError.self) { try SeedIndicators(engine: Fixture.engine("hand/table.json"), format: .csv, options: .init(lowIncomeIdentities: ["x"])) }
  }

  @Test func depositRuleDecidesTreatBeforePayWhenGiven() throws {
    // In-county grant for 低保: C3 only (C4 is in the city) → 1 of 6 admissions.
    let county = PayAfterTreatmentRule.Grant(id: "inCounty", name: "县域内", identities: ["dibao"], places: [.inCounty], claimKinds: [.inpatient])
    let one = try Self.report(.init(payAfterTreatment: PayAfterTreatmentRule(grants: [county])))
    #expect(one.treatBeforePay.count == 1 && one.treatBeforePay.of == 6 && one.treatBeforePay.derivation.contains("rule"))
    // Plus referred 低保/监测 admissions in the city: C4 is referred → 2 of 6. C5 (监测, in county) is
    // not in either grant's scope (the county grant lists only 低保).
    let city = PayAfterTreatmentRule.Grant(
      id: "inCityReferred", name: "市域内转诊", identities: ["dibao", "jiance"], places: [.inCity], claimKinds: [.inpatient], requiresReferral: true)
    let two = try Self.report(.init(payAfterTreatment: PayAfterTreatmentRule(grants: [county, city])))
    #expect(two.treatBeforePay.count == 2)
    // The rule decides like PayAfterTreatmentRule.decision(for:table:) on every claim.
    let table = try Fixture.table("hand/table.json")
    let rule = PayAfterTreatmentRule(grants: [county, city])
    let rows = try ClaimFileDecoder.rows(from: Fixture.data("hand/claims.csv"), format: .csv)
    #expect(try rows.filter { try !rule.decision(for: $0.claim, table: table).depositRequired }.count == 2)
  }
}
