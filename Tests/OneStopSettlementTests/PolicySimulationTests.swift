import Foundation
import Testing
@testable import OneStopSettlement

/// A population of four persons whose every number is derived by hand from
/// `Fixtures/hand/table.json`:
///
/// basic: deductible 一级 500 / 二级 1000, ratio 80 % / 60 %; major illness:
/// deductible 10000 (低保 ×0.5 = 5000) on the year's in-policy self-pay left
/// after basic, 50 % above; assistance: 低保 70 % of what is left.
///
/// | claim | person | in-policy | basic | major illness | assistance | patient |
/// |---|---|---:|---:|---:|---:|---:|
/// | C1 | P1 ordinary | 2800 | (2800−500)×0.8 = 1840 | cum 960 < 10000: 0 | — | 3000−1840 = 1160 |
/// | C2 | P1 | 29000 | (29000−1000)×0.6 = 16800 | cum 960+12200 = 13160 → (13160−10000)×0.5 = 1580 | — | 30000−16800−1580 = 11620 |
/// | C3 | P2 低保 | 12000 | (12000−500)×0.8 = 9200 | cum 2800 < 5000: 0 | 2800×0.7 = 1960 | 12000−9200−1960 = 840 |
/// | C4 | P2 | 19500 | (19500−1000)×0.6 = 11100 | cum 2800+8400 = 11200 → (11200−5000)×0.5 = 3100 | (8400−3100)×0.7 = 3710 | 20000−11100−3100−3710 = 2090 |
/// | C5 | P3 监测 | 26000 | (26000−1000)×0.6 = 15000 | cum 11000 → (11000−10000)×0.5 = 500 | — (no class) | 26000−15000−500 = 10500 |
/// | C6 | P4 (监测 only from Aug; claim in Jul) | 400 | 400 ≤ 500: 0 | 0 | — | 400 |
///
/// Reform: 监测 major-illness deductible ×0.5 = 5000 → C5 pays (11000−5000)×0.5 = 3000; patient 8000.
@Suite struct PolicySimulationTests {
  static let table = "hand/table.json"
  static let reformSet = "layers.majorIllness.identityOverrides.jiance.deductibleFactor=0.5"

  static func report(_ file: String = "hand/claims.csv", format: ClaimFileFormat = .csv) throws -> SimulationReport {
    let base = try Fixture.table(table)
    let reform = try base.applying([JSONOverride(parsing: reformSet)])
    return try Fixture.simulate(baseline: base, reform: reform, claims: Fixture.data(file), format: format)
  }

  @Test func claimByClaimAsDerivedByHand() throws {
    let (text, batch) = try Fixture.batch(Fixture.engine(Self.table), Fixture.data("hand/claims.csv"))
    let rows = Fixture.rows(text)
    #expect(rows[0] == ["claim_id", "person_id", "date", "total", "in_policy", "basic", "majorIllness", "assistance", "fund_total", "patient"])
    #expect(Array(rows.dropFirst()) == [
      ["C1", "P1", "2024-02-01", "3000.00", "2800.00", "1840.00", "0.00", "0.00", "1840.00", "1160.00"],
      ["C2", "P1", "2024-06-01", "30000.00", "29000.00", "16800.00", "1580.00", "0.00", "18380.00", "11620.00"],
      ["C3", "P2", "2024-03-10", "12000.00", "12000.00", "9200.00", "0.00", "1960.00", "11160.00", "840.00"],
      ["C4", "P2", "2024-09-10", "20000.00", "19500.00", "11100.00", "3100.00", "3710.00", "17910.00", "2090.00"],
      ["C5", "P3", "2024-05-05", "26000.00", "26000.00", "15000.00", "500.00", "0.00", "15500.00", "10500.00"],
      ["C6", "P4", "2024-07-01", "400.00", "400.00", "0.00", "0.00", "0.00", "0.00", "400.00"],
    ])
    #expect(batch.claimCount == 6)
    #expect(batch.personCount == 4)
  }

  @Test func populationTotalsAsDerivedByHand() throws {
    let r = try Self.report()
    #expect(r.claims == 6 && r.persons == 4)
    // basic 1840+16800+9200+11100+15000+0 = 53940; MI 1580+3100+500 = 5180; assistance 1960+3710 = 5670.
    #expect(r.funds.layers.map(\.id) == ["basic", "majorIllness", "assistance"])
    #expect(r.funds.layers.map(\.cost.baseline) == [Money("53940.00"), Money("5180.00"), Money("5670.00")])
    // Reform: MI 1580+3100+3000 = 7680 (+2500); nothing else moves.
    #expect(r.funds.layers.map(\.cost.reform) == [Money("53940.00"), Money("7680.00"), Money("5670.00")])
    #expect(r.funds.layers.map(\.cost.difference) == [Money("0.00"), Money("2500.00"), Money("0.00")])
    #expect(r.funds.total.baseline == Money("64790.00") && r.funds.total.reform == Money("67290.00"))
    #expect(r.funds.total.difference == Money("2500.00"))
    // Total 3000+30000+12000+20000+26000+400 = 91400; in policy 2800+29000+12000+19500+26000+400 = 89700.
    #expect(r.funds.medicalCost == Money("91400.00") && r.funds.inPolicyCost == Money("89700.00"))
    #expect(r.conservation.baseline && r.conservation.reform)
  }

  @Test func identityClassesAsDerivedByHand() throws {
    let r = try Self.report()
    // P4's 监测 identity starts after its only claim: it counts as ordinary.
    #expect(r.identityClasses.map(\.id) == ["dibao", "jiance", "ordinary"])
    let dibao = r.identityClasses[0], jiance = r.identityClasses[1], ordinary = r.identityClasses[2]
    #expect(dibao.persons == 1 && dibao.claims == 2 && jiance.persons == 1 && ordinary.persons == 2 && ordinary.claims == 3)
    // 低保: OOP 840+2090 = 2930; funds 32000−2930 = 29070; 29070/32000 = 0.9084375 → 0.908438;
    // in policy 12000+19500 = 31500: 29070/31500 = 0.92285714… → 0.922857.
    #expect(dibao.outcome.baseline.averageOutOfPocket == Money("2930.00"))
    #expect(dibao.outcome.baseline.actualReimbursementRatio == Rate("0.908438"))
    #expect(dibao.outcome.baseline.inPolicyReimbursementRatio == Rate("0.922857"))
    #expect(dibao.outcome.reform == dibao.outcome.baseline)
    // 监测: funds 15500/26000 = 0.5961538… → 0.596154; reform 18000/26000 = 0.6923076… → 0.692308.
    #expect(jiance.outcome.baseline.actualReimbursementRatio == Rate("0.596154"))
    #expect(jiance.outcome.reform.actualReimbursementRatio == Rate("0.692308"))
    #expect(jiance.outcome.baseline.medianOutOfPocket == Money("10500.00") && jiance.outcome.reform.medianOutOfPocket == Money("8000.00"))
    // Ordinary: OOP 12780 (P1) and 400 (P4): mean 13180/2 = 6590; median (nearest rank 1 of 2) 400;
    // funds 20220/33400 = 0.6053892… → 0.605389.
    #expect(ordinary.outcome.baseline.averageOutOfPocket == Money("6590.00"))
    #expect(ordinary.outcome.baseline.medianOutOfPocket == Money("400.00"))
    #expect(ordinary.outcome.baseline.actualReimbursementRatio == Rate("0.605389"))
  }

  @Test func outOfPocketDistributionAsDerivedByHand() throws {
    let r = try Self.report()
    let b = r.outOfPocket.baseline, f = r.outOfPocket.reform
    // Baseline annual OOP sorted: 400, 2930, 10500, 12780 (mean 26610/4 = 6652.50);
    // nearest rank: P50 = rank 2, P90 = rank ⌈3.6⌉ = 4, P99 = rank 4.
    #expect([b.mean, b.p50, b.p90, b.p99, b.max] == [Money("6652.50"), Money("2930.00"), Money("12780.00"), Money("12780.00"), Money("12780.00")])
    // Reform: 400, 2930, 8000, 12780 → mean 24110/4 = 6027.50.
    #expect([f.mean, f.p50, f.p90] == [Money("6027.50"), Money("2930.00"), Money("12780.00")])
    // Over 5000.00: 10500 and 12780 (baseline), 8000 and 12780 (reform): 2 of 4.
    #expect(b.overAmount.persons == 2 && b.overAmount.share == Rate("0.5") && f.overAmount.persons == 2)
    // Over 40 % of income (P3 has none): P1 12780 > 8000 ✓, P2 2930 > 2000 ✓, P4 400 > 4000 ✗ → 2 of 3.
    #expect(b.overIncomeShare.considered == 3 && b.overIncomeShare.persons == 2 && b.overIncomeShare.share == Rate("0.666667"))
    // Histogram [0,1000) [1000,2000) [2000,5000) [5000,10000) [10000,20000) …
    #expect(b.histogram.map(\.persons) == [1, 0, 1, 0, 2, 0, 0, 0])
    #expect(f.histogram.map(\.persons) == [1, 0, 1, 1, 1, 0, 0, 0])
    // One winner (P3, −2500), nobody pays more.
    let w = r.winnersAndLosers
    #expect(w.winners.persons == 1 && w.winners.total == Money("-2500.00") && w.losers.persons == 0 && w.unchanged == 3)
  }

  @Test func jsonlGivesTheSameReportAsCSV() throws {
    #expect(try Self.report("hand/claims.jsonl", format: .jsonl) == Self.report())
  }

  @Test func baselineEqualsReformGivesZeroDifference() throws {
    let table = try Fixture.table("simulation/table.json")
    var synth = try PopulationSynthesizer(table: table, seed: 11)
    var writer = ClaimFileWriter(format: .csv)
    for _ in 0..<400 { for row in synth.nextPerson() { writer.append(row) } }
    let r = try Fixture.simulate(baseline: table, reform: table, claims: Data(writer.output))
    #expect(r.claims == synth.claimCount)
    #expect(r.funds.layers.allSatisfy { $0.cost.difference.fen == 0 && $0.cost.baseline == $0.cost.reform })
    #expect(r.funds.total.difference.fen == 0 && (r.funds.total.baseline?.fen ?? 0) > 0)
    #expect(r.outOfPocket.baseline == r.outOfPocket.reform)
    #expect(r.winnersAndLosers.winners.persons == 0 && r.winnersAndLosers.losers.persons == 0)
    #expect(r.winnersAndLosers.unchanged == r.persons)
    #expect(r.identityClasses.allSatisfy { $0.outcome.baseline == $0.outcome.reform })
  }

  @Test func reformOfOneIdentityChangesNoOtherIdentity() throws {
    let table = try Fixture.table("simulation/table.json")
    var params = SynthParameters()
    params.lowIncomeShare = Rate("0.5")  // many identity holders, so every class is populated
    var synth = try PopulationSynthesizer(table: table, parameters: params, seed: 5)
    var writer = ClaimFileWriter(format: .csv)
    for _ in 0..<3000 { for row in synth.nextPerson() { writer.append(row) } }
    let reform = try table.applying([JSONOverride(parsing: "layers.majorIllness.identityOverrides.jiance.deductibleFactor=0.5")])
    let r = try Fixture.simulate(baseline: table, reform: reform, claims: Data(writer.output))
    let jiance = try #require(r.winnersAndLosers.byClass.first { $0.id == "jiance" })
    #expect(jiance.winners > 0, "the reform must reach some 监测对象")
    #expect(jiance.losers == 0)
    for c in r.winnersAndLosers.byClass where c.id != "jiance" {
      #expect(c.winners == 0 && c.losers == 0 && c.netChange.fen == 0, "class \(c.id) changed")
    }
    for c in r.identityClasses where c.id != "jiance" { #expect(c.outcome.baseline == c.outcome.reform, "class \(c.id)") }
    #expect(r.winnersAndLosers.winners.persons == jiance.winners)
  }

  @Test func conservationPerPersonAndInAggregate() throws {
    let table = try Fixture.table("simulation/table.json")
    var synth = try PopulationSynthesizer(table: table, seed: 3)
    var writer = ClaimFileWriter(format: .csv)
    for _ in 0..<500 { for row in synth.nextPerson() { writer.append(row) } }
    let input = Data(writer.output)
    // Per person, from the batch rows: Σ layers + Σ patient == Σ total.
    let rows = Fixture.rows(try Fixture.batch(SettlementEngine(table: table), input).text)
    var perPerson: [String: (total: Int64, paid: Int64)] = [:]
    var total: Int64 = 0, funds: Int64 = 0, patient: Int64 = 0
    for row in rows.dropFirst() {
      let amounts = row[3...].map { Money($0).fen }  // total, in_policy, 4 layers, fund_total, patient
      let layers = amounts[2..<6].reduce(0, +)
      #expect(layers == amounts[6], "row \(row[0]): layers add up to fund_total")
      #expect(layers + amounts[7] == amounts[0], "row \(row[0]): funds + patient == total")
      perPerson[row[1], default: (0, 0)].total += amounts[0]
      perPerson[row[1], default: (0, 0)].paid += layers + amounts[7]
      total += amounts[0]; funds += layers; patient += amounts[7]
    }
    #expect(perPerson.count == 500)
    #expect(perPerson.values.allSatisfy { $0.total == $0.paid })
    // In aggregate, the simulation's totals agree with the batch rows.
    let r = try Fixture.simulate(baseline: table, reform: table, claims: input)
    #expect(r.funds.medicalCost.fen == total && r.funds.total.baseline?.fen == funds)
    #expect(r.identityClasses.reduce(0) { $0 + $1.outcome.baseline.outOfPocket.fen } == patient)
    #expect(r.identityClasses.reduce(0) { $0 + $1.outcome.baseline.funds.fen } == funds)
    #expect(r.conservation.baseline && r.conservation.reform)
  }

  @Test func sweepPointEqualsTheSameReformRunAlone() throws {
    let base = try Fixture.table(Self.table)
    let sweep = try ParameterSweep(parsing: "layers.majorIllness.identityOverrides.jiance.deductibleFactor=0.25:1:0.25")
    #expect(sweep.values == ["0.25", "0.5", "0.75", "1"])
    let r = try Fixture.simulate(baseline: base, reform: base, claims: Fixture.data("hand/claims.csv"), sweep: sweep)
    let points = try #require(r.sweep?.points)
    // C5 (监测): deductible 10000 × f; MI = (11000 − 10000f) × 0.5:
    // f=0.25 → 4250; 0.5 → 3000; 0.75 → 1750; 1 → 500. Other MI: 1580 + 3100.
    #expect(points.map(\.layerCost[1]) == [Money("8930.00"), Money("7680.00"), Money("6430.00"), Money("5180.00")])
    #expect(points[1].fundCost == Money("67290.00"))
    #expect(points[3].fundCost == r.funds.total.baseline)
  }

  @Test func dateMovesThePopulationIntoTheTablesYear() throws {
    let base = try Fixture.table(Self.table)
    let text = String(decoding: try Fixture.data("hand/claims.csv"), as: UTF8.self).replacingOccurrences(of: "2024-", with: "2023-")
    var options = PolicySimulation.Options()
    options.year = 2024
    let moved = try Fixture.simulate(baseline: base, reform: base, claims: Data(text.utf8), options: options)
    let original = try Fixture.simulate(baseline: base, reform: base, claims: Fixture.data("hand/claims.csv"))
    #expect(moved.funds == original.funds)
    #expect(moved.identityClasses == original.identityClasses)
    // Without --date the 2023 claims fall outside the 2024 table.
    #expect(throws: SettlementError.self) { try Fixture.simulate(baseline: base, reform: base, claims: Data(text.utf8)) }
  }
}

extension String {
  func replacingOccurrences(of a: String, with b: String) -> String {
    components(separatedBy: a).joined(separator: b)
  }
}
