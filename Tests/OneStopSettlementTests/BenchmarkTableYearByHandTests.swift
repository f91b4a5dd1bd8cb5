import OneStopSettlement
import SettlementTestSupport
import Testing

/// The benchmark table written out by hand for a person's year
/// (``BenchmarkTable/settleByHand(_:year:)``, the `baseline` scenario's
/// reference for the `year` work) and the engine carrying the person's
/// accumulators (``SettlementEngine/settle(_:personStarts:into:)``) must
/// agree with hand-derived multi-admission cases and with each other, claim
/// by claim, to the fen.
@Suite struct BenchmarkTableYearByHandTests {
  let engine: SettlementEngine
  init() throws { engine = try BenchmarkTable.engine() }

  /// Bits of ``BenchmarkTable/identities``.
  static let (extreme, minimum): (UInt64, UInt64) = (1, 2)

  /// One claim of a person and the five layers' amounts expected for it
  /// (basic, 大病, 救助, 倾斜, 兜底).
  struct Admission: Sendable, CustomStringConvertible {
    var kind = ClaimKind.inpatient
    var level: Int
    var place: Place
    var referred = false
    var inPolicy: Int64
    var layers: [Int64]
    var description: String { "\(kind) L\(level + 1) \(place) \(inPolicy) fen" }
  }

  /// A person's identities and claims in date order.
  struct Person: Sendable, CustomStringConvertible {
    var name: String, identities: UInt64, admissions: [Admission]
    var description: String { name }
  }

  static let persons: [Person] = [
    Person(name: "repeat deductible, 大病 crossing 3 万 on the second admission", identities: 0, admissions: [
      // 三级 in the county, 50,000 元: basic (5,000,000 − 80,000) × 0.60 = 2,952,000; left 2,048,000;
      // 大病 year's base 2,048,000: (2,048,000 − 1,200,000) × 0.60 = 508,800.
      Admission(level: 2, place: .inCounty, inPolicy: 5_000_000, layers: [2_952_000, 508_800, 0, 0, 0]),
      // Second admission, 三级: deductible 800 元 × 0.5 = 400 元: (3,000,000 − 40,000) × 0.60 = 1,776,000;
      // left 1,224,000; 大病 base 2,048,000 → 3,272,000: S(after) = 1,800,000 × 0.60 + 272,000 × 0.65
      // = 1,080,000 + 176,800 = 1,256,800; S(before) = 508,800; pays 748,000.
      Admission(level: 2, place: .inCounty, inPolicy: 3_000_000, layers: [1_776_000, 748_000, 0, 0, 0]),
    ]),
    Person(name: "basic cap on the second admission, 大病 cap on the fourth", identities: 0, admissions: [
      // 三级, 200,000 元: basic (20,000,000 − 80,000) × 0.60 = 11,952,000; left 8,048,000;
      // 大病 1,800,000 × 0.60 + 5,048,000 × 0.65 = 1,080,000 + 3,281,200 = 4,361,200.
      Admission(level: 2, place: .inCounty, inPolicy: 20_000_000, layers: [11_952_000, 4_361_200, 0, 0, 0]),
      // 100,000 元, deductible 400 元: (10,000,000 − 40,000) × 0.60 = 5,976,000, room 15,000,000 − 11,952,000
      // = 3,048,000 (cap reached); left 6,952,000; 大病 base 8,048,000 → 15,000,000: S(after) = 1,080,000
      // + 7,000,000 × 0.65 + 5,000,000 × 0.75 = 1,080,000 + 4,550,000 + 3,750,000 = 9,380,000; pays
      // 9,380,000 − 4,361,200 = 5,018,800.
      Admission(level: 2, place: .inCounty, inPolicy: 10_000_000, layers: [3_048_000, 5_018_800, 0, 0, 0]),
      // 250,000 元: basic has no room; 大病 base → 40,000,000: S = 1,080,000 + 4,550,000 + 30,000,000 × 0.75
      // = 28,130,000; pays 28,130,000 − 9,380,000 = 18,750,000 (room 30,000,000 − 9,380,000 = 20,620,000).
      Admission(level: 2, place: .inCounty, inPolicy: 25_000_000, layers: [0, 18_750_000, 0, 0, 0]),
      // 50,000 元: 大病 base → 45,000,000: S = 31,880,000, + 3,750,000, but room 20,620,000 − 18,750,000
      // = 1,870,000: the 30 万 cap is reached.
      Admission(level: 2, place: .inCounty, inPolicy: 5_000_000, layers: [0, 1_870_000, 0, 0, 0]),
    ]),
    Person(name: "低保: every layer, 兜底 over the year", identities: minimum, admissions: [
      // 二级 in the city, referred, 80,000 元: deductible waived, 70 % → 5,600,000; left 2,400,000; 大病 0.5 万,
      // +5: (2,400,000 − 500,000) × 0.65 = 1,235,000; left 1,165,000; 救助 80 % → 932,000; left 233,000:
      // below 倾斜's 5,000 元; 兜底: the year's self-pay 233,000 ≤ 500,000.
      Admission(level: 1, place: .inCity, referred: true, inPolicy: 8_000_000, layers: [5_600_000, 1_235_000, 932_000, 0, 0]),
      // 200,000 元: 70 % → 14,000,000, room 15,000,000 − 5,600,000 = 9,400,000 (basic cap); left 10,600,000;
      // 大病 base 2,400,000 → 13,000,000: S(after) = 2,500,000 × 0.65 + 7,000,000 × 0.70 + 3,000,000 × 0.80
      // = 1,625,000 + 4,900,000 + 2,400,000 = 8,925,000, − 1,235,000 = 7,690,000; left 2,910,000;
      // 救助 80 % → 2,328,000; left 582,000; 倾斜 (582,000 − 500,000) × 0.90 = 73,800; left 508,200;
      // 兜底: year's self-pay 233,000 + 508,200 = 741,200, − 500,000 = 241,200 (the patient's year: 5,000 元).
      Admission(level: 1, place: .inCity, referred: true, inPolicy: 20_000_000,
        layers: [9_400_000, 7_690_000, 2_328_000, 73_800, 241_200]),
      // 一级 in the county, 10,000 元: basic has no room; 大病 base → 14,000,000: 1,000,000 × 0.80 = 800,000;
      // left 200,000; 救助 80 % → 160,000; left 40,000; 兜底: 781,200 − 500,000 − 241,200 = 40,000.
      Admission(level: 0, place: .inCounty, referred: true, inPolicy: 1_000_000, layers: [0, 800_000, 160_000, 0, 40_000]),
    ]),
    Person(name: "特困: 救助's 9 万 cap on the second admission, then 倾斜, general outpatient", identities: extreme, admissions: [
      // 三级 in the county, referred, 500,000 元: waived, 60 % → 30,000,000 → cap 15,000,000; left 35,000,000;
      // 大病 1,625,000 + 4,900,000 + 25,000,000 × 0.80 = 26,525,000; left 8,475,000; 救助 100 %.
      Admission(level: 2, place: .inCounty, referred: true, inPolicy: 50_000_000, layers: [15_000_000, 26_525_000, 8_475_000, 0, 0]),
      // 100,000 元: basic no room; 大病 10,000,000 × 0.80 = 8,000,000; left 2,000,000; 救助 room
      // min(10,000,000 − 8,475,000, 9,000,000 − 8,475,000) = 525,000 (cap reached); left 1,475,000;
      // 倾斜 特困 (1,475,000 − 500,000) × 1.00 = 975,000; left 500,000; 兜底 500,000 − 500,000 = 0.
      Admission(level: 2, place: .inCounty, referred: true, inPolicy: 10_000_000, layers: [0, 8_000_000, 525_000, 975_000, 0]),
      // 一级 out of province, unreferred, 20,000 元: basic no room; 大病 2,000,000 × 0.80 = 1,600,000;
      // left 400,000; 救助 no room for inpatient; no 倾斜 out of province; 兜底 500,000 + 400,000 − 500,000 = 400,000.
      Admission(level: 0, place: .outOfProvince, inPolicy: 2_000_000, layers: [0, 1_600_000, 0, 0, 400_000]),
      // General outpatient 二级, 1,000 元: waived, 50 % → 50,000 → its own 400 元 cap: 40,000; no 大病;
      // 救助 100 % of 60,000, under the general 1 万 and the yearly 10 万 (9,000,000 paid).
      Admission(kind: .generalOutpatient, level: 1, place: .inCounty, inPolicy: 100_000, layers: [40_000, 0, 60_000, 0, 0]),
    ]),
    Person(name: "no identity: outpatient claims are no admission, 大病's deductible met on the fourth admission", identities: 0, admissions: [
      // General outpatient 二级, 300 元: (30,000 − 10,000) × 0.50 = 10,000.
      Admission(kind: .generalOutpatient, level: 1, place: .inCounty, inPolicy: 30_000, layers: [10_000, 0, 0, 0, 0]),
      // First admission (the outpatient claim is none): 二级 in the city, unreferred, 10,000 元: 400 元,
      // 70 − 15 = 55 %: (1,000,000 − 40,000) × 0.55 = 528,000; left 472,000: 大病 base 472,000, below 1.2 万.
      Admission(level: 1, place: .inCity, inPolicy: 1_000_000, layers: [528_000, 0, 0, 0, 0]),
      // Second, 一级 (no repeat reduction), 5,000 元: (500,000 − 20,000) × 0.90 = 432,000; 大病 base 540,000.
      Admission(level: 0, place: .inCounty, inPolicy: 500_000, layers: [432_000, 0, 0, 0, 0]),
      // Third, 二级 in the province, referred, 12,345.67 元: 200 元: (1,234,567 − 20,000) × 0.70 = 850,196.9
      // → 850,197 (half up); left 384,370; 大病 base 924,370.
      Admission(level: 1, place: .inProvince, referred: true, inPolicy: 1_234_567, layers: [850_197, 0, 0, 0, 0]),
      // General outpatient 三级, 1,000 元: (100,000 − 20,000) × 0.40 = 32,000, room 40,000 − 10,000 = 30,000.
      Admission(kind: .generalOutpatient, level: 2, place: .inCounty, inPolicy: 100_000, layers: [30_000, 0, 0, 0, 0]),
      // Fourth, 二级 in the city, referred, 10,000 元: (1,000,000 − 20,000) × 0.70 = 686,000; left 314,000;
      // 大病 base 924,370 → 1,238,370: (1,238,370 − 1,200,000) × 0.60 = 23,022.
      Admission(level: 1, place: .inCity, referred: true, inPolicy: 1_000_000, layers: [686_000, 23_022, 0, 0, 0]),
    ]),
  ]

  @Test(arguments: persons)
  func handDerivedYears(_ person: Person) throws {
    let claims = person.admissions.map {
      PreparedClaim(total: $0.inPolicy, inPolicy: $0.inPolicy, kind: $0.kind, level: $0.level, place: $0.place,
        referred: $0.referred, identities: person.identities, year: BenchmarkTable.year)
    }
    var out = SettlementColumns()
    try engine.settle(claims, personStarts: [0], into: &out)
    var year = BenchmarkTable.YearByHand()
    for (i, a) in person.admissions.enumerated() {
      #expect((0..<5).map { out.amount(layer: $0, claim: i) } == a.layers, "engine, claim \(i)")
      #expect(out.fundTotal(claim: i) == a.layers.reduce(0, +), "engine, claim \(i)")
      #expect(BenchmarkTable.settleByHand(claims[i], year: &year) == a.layers.reduce(0, +), "by hand, claim \(i)")
    }
  }

  /// A claim of a later year starts the person's counters afresh, in both.
  @Test func laterYearStartsAfresh() throws {
    var g = ClaimGenerator(seed: 7, table: engine.table, year: BenchmarkTable.year)
    let first = g.claim(kind: .inpatient, identities: Self.minimum).prepared
    var next = g.claim(kind: .inpatient, identities: Self.minimum).prepared
    next.year += 1
    var big = first
    (big.total, big.inPolicy, big.fullyOwnPay, big.overLimit, big.payFirst) = (40_000_000, 40_000_000, 0, 0, 0)
    var out = SettlementColumns()
    try engine.settle([big, next], personStarts: [0], into: &out)
    var year = BenchmarkTable.YearByHand(), fresh = BenchmarkTable.YearByHand()
    #expect(BenchmarkTable.settleByHand(big, year: &year) == out.fundTotal(claim: 0))
    #expect(BenchmarkTable.settleByHand(next, year: &year) == out.fundTotal(claim: 1))
    #expect(BenchmarkTable.settleByHand(next, year: &fresh) == out.fundTotal(claim: 1))
    #expect(year == fresh)
  }

  /// Seeded random persons: the `year` scenario's own kind of population
  /// (inpatient admissions) and persons mixing every claim kind; the
  /// engine's per-person batch entry point and the hand-written loop pay
  /// the same funds, claim by claim.
  @Test(arguments: [(UInt64(1), false), (2, false), (3, true), (4, true)])
  func engineEqualsHandWrittenLoop(seed: UInt64, mixedKinds: Bool) throws {
    var g = ClaimGenerator(seed: seed, table: engine.table, year: BenchmarkTable.year)
    var synthetic: (claims: [SyntheticClaim], personStarts: [Int]) = ([], [])
    if mixedKinds {
      for _ in 0..<6_000 {
        let identities = g.personIdentities()
        synthetic.personStarts.append(synthetic.claims.count)
        for _ in 0..<(1 + g.uniform(8)) {
          let kind = [ClaimKind.inpatient, .outpatientChronic, .generalOutpatient][g.uniform(3)]
          synthetic.claims.append(g.claim(kind: kind, identities: identities))
        }
      }
    } else {
      let year = g.year(persons: 6_000)
      synthetic = (year.claims, year.personStarts)
    }
    let claims = synthetic.claims.map(\.prepared), starts = synthetic.personStarts
    var out = SettlementColumns()
    try engine.settle(claims, personStarts: starts, into: &out)
    // Every layer must pay and every yearly cap be reached somewhere, or the comparison proves little.
    for layer in 0..<5 { #expect(out.amounts(layer: layer).contains { $0 > 0 }, "layer \(layer) never pays") }
    var differences = 0, years: [BenchmarkTable.YearByHand] = []
    for (p, s) in starts.enumerated() {
      var year = BenchmarkTable.YearByHand()
      for i in s..<(p + 1 < starts.count ? starts[p + 1] : claims.count) {
        if BenchmarkTable.settleByHand(claims[i], year: &year) != out.fundTotal(claim: i) { differences += 1 }
      }
      years.append(year)
    }
    #expect(differences == 0)
    #expect(years.contains { $0.basicPaid == 15_000_000 })
    #expect(years.contains { $0.admissions >= 2 && $0.majorBase > 1_200_000 })
    if mixedKinds {
      #expect(years.contains { $0.basicPaidGeneral == 40_000 })
      #expect(years.contains { $0.assistancePaidGeneral > 0 })
    } else {
      #expect(years.contains { $0.majorPaid == 30_000_000 })
    }
  }
}
