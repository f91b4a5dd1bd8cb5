public import OneStopSettlement

/// 合成数据 — a seeded generator of realistic claims for ``BenchmarkTable``.
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

  /// Creates a generator.
  public init(seed: UInt64) { rng = SplitMix64(seed: seed) }

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

  /// The identity mask of a new person: about 88 % hold none.
  public mutating func personIdentities() -> UInt64 {
    // none, 特困, 低保, 返贫致贫, 监测, 低保边缘, 因病致贫, 低保 + 监测
    let masks: [UInt64] = [0, 0b1, 0b10, 0b100, 0b1000, 0b1_0000, 0b10_0000, 0b1010]
    return pick(masks, weights: [880, 10, 40, 20, 15, 20, 10, 5])
  }

  /// One claim of `kind` for a person holding `identities`.
  public mutating func claim(kind: ClaimKind, identities: UInt64) -> SyntheticClaim {
    let level: Int
    let total: Int64
    switch kind {
    case .inpatient:
      level = pick([0, 1, 2], weights: [25, 45, 30])
      // yuan bands: 1k–5k, 5k–15k, 15k–40k, 40k–100k, 100k–300k
      total = amount(bands: [100_000, 500_000, 1_500_000, 4_000_000, 10_000_000, 30_000_000], weights: [30, 35, 20, 10, 5])
    case .outpatientChronic:
      level = pick([0, 1, 2], weights: [50, 30, 20])
      total = amount(bands: [20_000, 200_000, 1_000_000, 5_000_000], weights: [60, 30, 10])
    case .generalOutpatient:
      level = pick([0, 1, 2], weights: [60, 25, 15])
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
      month: 1 + uniform(12), day: 1 + uniform(28),
      total: total, fullyOwnPay: fullyOwnPay, overLimit: overLimit, payFirst: payFirst,
      inPolicy: total - fullyOwnPay - overLimit - payFirst)
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
