import OneStopSettlement
import SettlementTestSupport

/// `baseline`: the benchmark issue's reference — hand-written loops — against
/// the engine settling the same claims under the same policy as a table, one
/// thread, fresh accumulators. Two pairs:
///
/// * `baseline-hand` / `baseline-table`: the simplified three-tier
///   policy (``ThreeTierTable/settleByHand(_:)`` and ``ThreeTierTable``);
/// * `baseline-full-hand` / `baseline-full-table`: the `aggregated`
///   scenario's own table and claims (``BenchmarkTable/settleByHand(_:)`` and
///   ``BenchmarkTable``: five layers, three levels, six identities);
/// * `baseline-year-hand` / `baseline-year-table`: the `year` scenario's own
///   persons (``YearScenario/population(_:)``) with their accumulators
///   carried from admission to admission
///   (``BenchmarkTable/settleByHand(_:year:)`` person by person, and the
///   engine's ``SettlementEngine/settle(_:personStarts:into:)``).
///
/// Each pair's checksums must be equal to the fen; the ratio of the two
/// rates is what the table-driven engine costs over hand-written code on
/// identical work.
enum Baseline {
  static func run(claims: Int, options: Options, workload w: Workload) throws -> [Measurement] {
    let threeTier = try ThreeTierTable.engine()
    var g = ClaimGenerator(seed: Scenario.seed &+ 9, table: threeTier.table, year: ThreeTierTable.year)
    let simple = try pair("baseline", threeTier, g.claims(Aggregated.poolSize).map(\.prepared), claims: claims,
      by: { try settle($0, $1) { ThreeTierTable.settleByHand($0) } }, note: "hand-written three-tier loop")
    let full = try BenchmarkTable.engine()
    var h = ClaimGenerator(seed: Scenario.seed, table: full.table, year: BenchmarkTable.year)  // the `aggregated` pool
    let fullPool = h.claims(Aggregated.poolSize).map(\.prepared)
    let whole = try pair("baseline-full", full, fullPool, claims: claims,
      by: { try settle($0, $1) { BenchmarkTable.settleByHand($0) } }, note: "hand-written loop of the benchmark table")
    let year = try yearPair(w.date == nil ? w : Workload(benchmark: full), claims: claims)
    return simple + whole + year
  }

  /// Times the `year` scenario's work by hand (``settleYearByHand``) and
  /// through the engine (``YearScenario/settle``) on the scenario's own
  /// persons (`w` is the default workload, ``BenchmarkTable``) and checks
  /// that their checksums are equal.
  static func yearPair(_ w: Workload, claims: Int) throws -> [Measurement] {
    let (pool, starts) = YearScenario.population(w)
    let (byHand, table) = try pool.withUnsafeBufferPointer { c in
      try starts.withUnsafeBufferPointer { s in
        (try timed { try settleYearByHand(c, starts: s, count: claims) },
         try timed { try YearScenario.settle(c, starts: s, count: claims, engine: w.engine) })
      }
    }
    blackHole(byHand.result.1 &+ table.result.1)
    guard byHand.result == table.result else {
      throw BenchmarkFailure("baseline-year: hand-written loop \(byHand.result) vs engine \(table.result) (claims, fen)")
    }
    let note = "\(starts.count - 1) persons, \(pool.count) admissions, accumulators carried"
    return [
      Measurement(scenario: "baseline-year-hand", claims: byHand.result.0, seconds: byHand.seconds, threads: 1,
        checksum: byHand.result.1, note: "hand-written year loop of the benchmark table, best of \(byHand.all.count); \(note)"),
      Measurement(scenario: "baseline-year-table", claims: table.result.0, seconds: table.seconds, threads: 1,
        checksum: table.result.1,
        note: "engine, \(w.engine.table.id), best of \(table.all.count); \(note); same claims, same checksum"),
    ]
  }

  /// The `year` scenario's loop written by hand: at least `count` claims,
  /// the whole population at a time, each person from empty accumulators
  /// (``BenchmarkTable/YearByHand``) carried from claim to claim; returns
  /// (claims settled, Σ fund payments), as ``YearScenario/settle`` does.
  /// Not inlined, so a profiler can single it out
  /// (`--toggle-collect='*settleYearByHand*'`).
  @inline(never)
  static func settleYearByHand(
    _ claims: UnsafeBufferPointer<PreparedClaim>, starts: UnsafeBufferPointer<Int>, count: Int
  ) throws -> (Int, Int64) {
    var checksum: Int64 = 0
    var done = 0
    while done < count {
      for p in 0..<(starts.count &- 1) {
        var year = BenchmarkTable.YearByHand()
        for i in starts[p]..<starts[p &+ 1] {
          guard let funds = BenchmarkTable.settleByHand(claims[i], year: &year) else {
            throw BenchmarkFailure("baseline-year: overflow in claim \(i)")
          }
          checksum &+= funds
        }
      }
      done &+= claims.count
    }
    return (done, checksum)
  }

  /// Times the hand-written loop `hand` (claims `range` of the pool, cycled;
  /// returns Σ fund payments) and the engine on `pool` (cycled to `claims`)
  /// and checks that their checksums are equal.
  static func pair(
    _ name: String, _ engine: SettlementEngine, _ pool: [PreparedClaim], claims: Int,
    by hand: (UnsafeBufferPointer<PreparedClaim>, Range<Int>) throws -> Int64, note: String
  ) throws -> [Measurement] {
    let byHand = try pool.withUnsafeBufferPointer { p in try timed { try hand(p, 0..<claims) } }
    let table = try pool.withUnsafeBufferPointer { p in try timed { try Aggregated.settle(p, 0..<claims, engine: engine) } }
    blackHole(byHand.result &+ table.result)
    guard byHand.result == table.result else {
      throw BenchmarkFailure("\(name): hand-written loop \(byHand.result) fen vs engine \(table.result) fen")
    }
    return [
      Measurement(scenario: "\(name)-hand", claims: claims, seconds: byHand.seconds, threads: 1, checksum: byHand.result,
        note: "\(note), best of \(byHand.all.count); \(pool.count) distinct claims"),
      Measurement(scenario: "\(name)-table", claims: claims, seconds: table.seconds, threads: 1, checksum: table.result,
        note: "engine, \(engine.table.id), \(engine.layerCount) layers, best of \(table.all.count); same claims, same checksum"),
    ]
  }

  /// Σ fund payments of claims `range` (claim `i` is `pool[i % pool.count]`)
  /// settled by `hand` (inlined into each caller's closure, so the
  /// hand-written function is called directly and inlined).
  @inline(__always)
  static func settle(
    _ pool: UnsafeBufferPointer<PreparedClaim>, _ range: Range<Int>, _ hand: (PreparedClaim) -> Int64?
  ) throws -> Int64 {
    var checksum: Int64 = 0
    var i = range.lowerBound
    while i < range.upperBound {
      let j = i % pool.count
      let n = min(range.upperBound &- i, pool.count &- j)
      for k in j..<(j &+ n) {
        guard let funds = hand(pool[k]) else { throw BenchmarkFailure("baseline: overflow in claim \(k)") }
        checksum &+= funds
      }
      i &+= n
    }
    return checksum
  }
}

extension Workload {
  /// The default workload: ``BenchmarkTable`` compiled into `engine`, claims of its year.
  init(benchmark engine: SettlementEngine) {
    self.engine = engine
    year = BenchmarkTable.year
    date = nil
  }
}
