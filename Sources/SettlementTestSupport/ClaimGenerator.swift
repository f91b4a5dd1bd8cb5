public import OneStopSettlement

/// 合成数据 — a seeded generator of realistic claims for a table's shape
/// (its number of hospital levels and identities; by default ``BenchmarkTable``).
///
/// The same seed yields the same claims on every run and platform
/// (``SplitMix64`` and integer arithmetic only). The mix is illustrative:
/// mostly general outpatient and inpatient claims, about one person in eight
/// holding a 救助 identity, most care in county, amounts from a few yuan to
/// a few hundred thousand.
///
///     var g = ClaimGenerator(seed: 42)
///     let claims = g.claims(1_000)          // fresh-accumulator claims
///     let year = g.year(persons: 1_000)     // 1–6 admissions per person
public struct ClaimGenerator: Sendable {
  /// The random source.
  public var rng: SplitMix64
  /// Number of hospital levels (claims use levels `0..<levels`).
  public let levels: Int
  /// Number of identities (persons hold bits `0..<identities`).
  public let identities: Int
  /// Discharge year.
  public let year: Int

  /// Creates a generator for ``BenchmarkTable``.
  public init(seed: UInt64) {
    self.init(seed: seed, levels: BenchmarkTable.levels.count, identities: BenchmarkTable.identities.count, year: BenchmarkTable.year)
  }

  /// Creates a generator for a table with `levels` hospital levels and
  /// `identities` identities, claims discharged in `year`.
  public init(seed: UInt64, levels: Int, identities: Int, year: Int) {
    rng = SplitMix64(seed: seed)
    self.levels = max(levels, 1); self.identities = min(max(identities, 0), 64); self.year = year
  }

  /// Creates a generator for `table`, claims discharged in `year`.
  public init(seed: UInt64, table: PolicyTable, year: Int) {
    self.init(seed: seed, levels: table.hospitalLevels.count, identities: table.identities.count, year: year)
  }

  /// `count` independent claims, each of a different person.
  public mutating func claims(_ count: Int) -> [SyntheticClaim] {
    (0..<count).map { _ in
      let kind = pick([ClaimKind.inpatient, .outpatientChronic, .generalOutpatient], weights: [35, 20, 45])
      return claim(kind: kind, identities: personIdentities())
    }
  }

  /// A year of `persons` people, each with 1–6 admissions in date order.
  public mutating func year(persons: Int) -> SyntheticYear {
    var out = SyntheticYear()
    for _ in 0..<persons {
      let identities = personIdentities()
      let admissions = pick([1, 2, 3, 4, 5, 6], weights: [35, 25, 15, 10, 8, 7])
      var stay = (0..<admissions).map { _ in claim(kind: .inpatient, identities: identities) }
      stay.sort { ($0.month, $0.day) < ($1.month, $1.day) }
      out.personStarts.append(out.claims.count)
      out.claims += stay
    }
    return out
  }

  /// The identity mask of a new person: 88 % hold none, 11.5 % one
  /// identity (each equally likely), 0.5 % two (the 2nd and 4th, e.g. 低保 + 监测).
  public mutating func personIdentities() -> UInt64 {
    let roll = uniform(1_000)
    if identities == 0 || roll < 880 { return 0 }
    if roll < 995 || identities < 4 { return 1 << UInt64(uniform(identities)) }
    return 0b1010
  }

  /// One claim of `kind` for a person holding `identities`.
  public mutating func claim(kind: ClaimKind, identities: UInt64) -> SyntheticClaim {
    let level: Int
    let total: Int64
    switch kind {
    case .inpatient:
      level = self.level(weights: [25, 45, 30])
      // yuan bands: 1k–5k, 5k–15k, 15k–40k, 40k–100k, 100k–300k
      total = amount(bands: [100_000, 500_000, 1_500_000, 4_000_000, 10_000_000, 30_000_000], weights: [30, 35, 20, 10, 5])
    case .outpatientChronic:
      level = self.level(weights: [50, 30, 20])
      total = amount(bands: [20_000, 200_000, 1_000_000, 5_000_000], weights: [60, 30, 10])
    case .generalOutpatient:
      level = self.level(weights: [60, 25, 15])
      total = amount(bands: [2_000, 20_000, 100_000, 300_000], weights: [60, 35, 5])
    }
    let place = pick([Place.inCounty, .inCity, .inProvince, .outOfProvince], weights: [75, 12, 9, 4])
    let referred = kind == .inpatient && below(60, of: 100)
    // Shares in thousandths: 全自费 0–15 %, 超限价 0–3 %, 先行自付 0–8 %.
    let fullyOwnPay = total * Int64(uniform(151)) / 1000
    let overLimit = total * Int64(uniform(31)) / 1000
    let payFirst = total * Int64(uniform(81)) / 1000
    return SyntheticClaim(
      kind: kind, level: level, place: place, referred: referred, identities: identities,
      year: year, month: 1 + uniform(12), day: 1 + uniform(28),
      total: total, fullyOwnPay: fullyOwnPay, overLimit: overLimit, payFirst: payFirst,
      inPolicy: total - fullyOwnPay - overLimit - payFirst)
  }

  /// A hospital level: the first three levels with `weights` (一级, 二级, 三级
  /// in the usual order), any further levels as rare as the last.
  mutating func level(weights: [Int]) -> Int {
    let w = (0..<levels).map { $0 < weights.count ? weights[$0] : weights[weights.count - 1] / 4 + 1 }
    return pick(Array(0..<levels), weights: w)
  }

  /// A uniform integer in `0..<n`.
  public mutating func uniform(_ n: Int) -> Int { Int(rng.next() % UInt64(n)) }

  /// True with probability `k / n`.
  mutating func below(_ k: Int, of n: Int) -> Bool { uniform(n) < k }

  /// One of `values`, with integer `weights`.
  mutating func pick<T>(_ values: [T], weights: [Int]) -> T {
    var r = uniform(weights.reduce(0, +))
    for (v, w) in zip(values, weights) {
      if r < w { return v }
      r -= w
    }
    return values[values.count - 1]
  }

  /// A fen amount: a band `bands[i]..<bands[i+1]` chosen by `weights`, then uniform in it.
  mutating func amount(bands: [Int64], weights: [Int]) -> Int64 {
    let i = pick(Array(weights.indices), weights: weights)
    return bands[i] + Int64(rng.next() % UInt64(bands[i + 1] - bands[i]))
  }
}

/// A synthetic year: claims of many persons, each person's in date order.
public struct SyntheticYear: Sendable {
  /// All claims, person after person.
  public var claims: [SyntheticClaim] = []
  /// Index in ``claims`` of each person's first claim.
  public var personStarts: [Int] = []

  /// The claims of person `p`.
  public func claims(ofPerson p: Int) -> ArraySlice<SyntheticClaim> {
    claims[personStarts[p]..<(p + 1 < personStarts.count ? personStarts[p + 1] : claims.count)]
  }
}
