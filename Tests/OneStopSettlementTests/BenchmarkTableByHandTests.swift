import OneStopSettlement
import SettlementTestSupport
import Testing

/// The benchmark table written out by hand (``BenchmarkTable/settleByHand(_:)``,
/// the `baseline` scenario's reference for the `aggregated` work) and the
/// engine on ``BenchmarkTable`` must agree with hand-derived numbers and
/// with each other to the fen.
@Suite struct BenchmarkTableByHandTests {
  let engine: SettlementEngine
  init() throws { engine = try BenchmarkTable.engine() }

  /// Bits of ``BenchmarkTable/identities``.
  static let (extreme, minimum, returned, illness): (UInt64, UInt64, UInt64, UInt64) = (1, 2, 4, 32)

  /// (kind, level index, place, referred, identities, in-policy fen, the five layers' amounts).
  @Test(arguments: [
    // No identity, inpatient 二级 in the city, unreferred, 50,000 元: basic 400 元 deductible, 70 − 15 = 55 %:
    // (5,000,000 − 40,000) × 0.55 = 2,728,000; left 2,272,000; 大病 (2,272,000 − 1,200,000) × 0.60 = 643,200.
    (ClaimKind.inpatient, 1, Place.inCity, false, UInt64(0), Int64(5_000_000), [Int64(2_728_000), 643_200, 0, 0, 0]),
    // 特困, inpatient 三级 in the county, referred, 100,000 元: basic deductible waived, 60 % → 6,000,000;
    // left 4,000,000; 大病 0.5 万, +5 points: (3,000,000 − 500,000) × 0.65 + (4,000,000 − 3,000,000) × 0.70
    // = 1,625,000 + 700,000 = 2,325,000; left 1,675,000; 救助 100 % → 1,675,000; 倾斜 and 兜底 nothing left.
    (.inpatient, 2, .inCounty, true, extreme, 10_000_000, [6_000_000, 2_325_000, 1_675_000, 0, 0]),
    // 因病致贫, inpatient 三级 in the province, referred, 600,000 元: basic (60,000,000 − 80,000) × 0.60
    // = 35,952,000 → cap 15,000,000; left 45,000,000; 大病 1,800,000 × 0.60 + 7,000,000 × 0.65
    // + 35,000,000 × 0.75 = 1,080,000 + 4,550,000 + 26,250,000 = 31,880,000 → cap 30,000,000; left 15,000,000;
    // 救助 (15,000,000 − 300,000) × 0.70 = 10,290,000 → cap 9,000,000; left 6,000,000;
    // 倾斜 (6,000,000 − 700,000) × 0.50 = 2,650,000; 兜底 not for this identity.
    (.inpatient, 2, .inProvince, true, illness, 60_000_000, [15_000_000, 30_000_000, 9_000_000, 2_650_000, 0]),
    // 返贫致贫, inpatient 二级 out of province, unreferred, 100,000 元: basic 70 − 10 − 15 = 45 %:
    // (10,000,000 − 40,000) × 0.45 = 4,482,000; left 5,518,000; 大病 (3,000,000 − 500,000) × 0.65
    // + (5,518,000 − 3,000,000) × 0.70 = 1,625,000 + 1,762,600 = 3,387,600; left 2,130,400;
    // 救助 (2,130,400 − 300,000) × 0.70 = 1,281,280; left 849,120; no 倾斜 out of province;
    // 兜底 849,120 − 500,000 = 349,120: the patient pays 5,000 元.
    (.inpatient, 1, .outOfProvince, false, returned, 10_000_000, [4_482_000, 3_387_600, 1_281_280, 0, 349_120]),
    // 低保, inpatient 一级 in the city, referred, 200,000 元: basic waived, 90 % → 18,000,000 → cap 15,000,000;
    // left 5,000,000; 大病 1,625,000 + (5,000,000 − 3,000,000) × 0.70 = 3,025,000; left 1,975,000;
    // 救助 80 % → 1,580,000; left 395,000: below 倾斜's 5,000 元 and 兜底's 5,000 元.
    (.inpatient, 0, .inCity, true, minimum, 20_000_000, [15_000_000, 3_025_000, 1_580_000, 0, 0]),
    // Chronic outpatient 二级, 1,234.50 元: 65 % → 80,242.5 → 80,243 (half up); 大病 below its deductible.
    (.outpatientChronic, 1, .inCounty, false, UInt64(0), 123_450, [80_243, 0, 0, 0, 0]),
  ])
  func handDerivedCases(
    _ kind: ClaimKind, _ level: Int, _ place: Place, _ referred: Bool, _ identities: UInt64, _ inPolicy: Int64, _ layers: [Int64]
  ) throws {
    let c = PreparedClaim(total: inPolicy, inPolicy: inPolicy, kind: kind, level: level, place: place, referred: referred,
      identities: identities, year: BenchmarkTable.year)
    var ytd = YearToDate()
    let s = try engine.settle(c, yearToDate: &ytd)
    #expect((0..<5).map { s.layer($0).amount } == layers)
    #expect(s.fundTotal == layers.reduce(0, +))
    #expect(BenchmarkTable.settleByHand(c) == layers.reduce(0, +))
  }

  /// Seeded random claims (every kind, level, place and identity mix the
  /// generator makes): the engine's batch entry point and the hand-written
  /// loop pay the same funds, claim by claim.
  @Test(arguments: [UInt64(1), 2, 3])
  func engineEqualsHandWrittenLoop(seed: UInt64) throws {
    var g = ClaimGenerator(seed: seed, table: engine.table, year: BenchmarkTable.year)
    let claims = g.claims(3_000).map(\.prepared)
    // Every identity and layer must be reached, or the comparison proves little.
    for bit in 0..<6 { #expect(claims.contains { $0.identities & (1 << UInt64(bit)) != 0 }) }
    var out = SettlementColumns()
    try engine.settle(claims, into: &out)
    for layer in 0..<5 { #expect(out.amounts(layer: layer).contains { $0 > 0 }, "layer \(layer) never pays") }
    var differences = 0
    for (i, c) in claims.enumerated() where BenchmarkTable.settleByHand(c) != out.fundTotal(claim: i) { differences += 1 }
    #expect(differences == 0)
  }
}
