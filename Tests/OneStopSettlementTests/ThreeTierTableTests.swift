import OneStopSettlement
import SettlementTestSupport
import Testing

/// The simplified three-tier policy of the benchmark's `baseline` scenario:
/// the engine on ``ThreeTierTable`` and the hand-written loop
/// ``ThreeTierTable/settleByHand(_:)`` must agree with hand-derived numbers
/// and with each other to the fen.
@Suite struct ThreeTierTableTests {
  let engine: SettlementEngine
  init() throws { engine = try ThreeTierTable.engine() }

  func claim(inPolicy: Int64, lowIncome: Bool) -> PreparedClaim {
    PreparedClaim(total: inPolicy, inPolicy: inPolicy, kind: .inpatient, level: 0, place: .inCounty,
      identities: lowIncome ? 1 : 0, year: ThreeTierTable.year)
  }

  /// (amount in policy fen, low income, basic, 大病, 救助).
  @Test(arguments: [
    // 10 万: basic (10,000,000 − 80,000) × 0.70 = 6,944,000; left 3,056,000;
    // 大病 (3,056,000 − 1,500,000) × 0.60 = 933,600; no 救助.
    (Int64(10_000_000), false, Int64(6_944_000), Int64(933_600), Int64(0)),
    // 20 万, low income: basic 13,944,000 capped at 10,000,000; left 10,000,000;
    // 大病 (deductible 750,000; +5 points) (5,000,000 − 750,000) × 0.65 = 2,762,500
    // + (10,000,000 − 5,000,000) × 0.75 = 3,750,000 → 6,512,500; left 3,487,500;
    // 救助 3,487,500 × 0.70 = 2,441,250 (under the 3,000,000 cap).
    (Int64(20_000_000), true, Int64(10_000_000), Int64(6_512_500), Int64(2_441_250)),
    // 1,234.57 元: basic (123,457 − 80,000) × 0.70 = 30,419.9 → 30,420 (half up); 大病 below its deductible.
    (Int64(123_457), false, Int64(30_420), Int64(0), Int64(0)),
  ])
  func handDerivedCases(_ inPolicy: Int64, _ lowIncome: Bool, _ basic: Int64, _ major: Int64, _ assistance: Int64) throws {
    let c = claim(inPolicy: inPolicy, lowIncome: lowIncome)
    var ytd = YearToDate()
    let s = try engine.settle(c, yearToDate: &ytd)
    #expect(s.layer(0).amount == basic)
    #expect(s.layer(1).amount == major)
    #expect(s.layer(2).amount == assistance)
    #expect(s.fundTotal == basic + major + assistance)
    #expect(s.patient == inPolicy - basic - major - assistance)
    #expect(ThreeTierTable.settleByHand(c) == basic + major + assistance)
  }

  /// Seeded random claims: the engine's batch entry point and the
  /// hand-written loop pay the same funds, claim by claim.
  @Test(arguments: [UInt64(1), 2, 3])
  func engineEqualsHandWrittenLoop(seed: UInt64) throws {
    var g = ClaimGenerator(seed: seed, table: engine.table, year: ThreeTierTable.year)
    let claims = g.claims(2_000).map(\.prepared)
    #expect(claims.contains { $0.identities != 0 } && claims.contains { $0.identities == 0 })
    var out = SettlementColumns()
    try engine.settle(claims, into: &out)
    for (i, c) in claims.enumerated() {
      #expect(ThreeTierTable.settleByHand(c) == out.fundTotal(claim: i), "claim \(i)")
    }
  }
}
