import OneStopSettlement
import SettlementTestSupport

/// `aggregated`: claims with aggregated amounts (no fee lines) through the
/// full benchmark table, a realistic identity / kind / level / place mix,
/// fresh accumulators for every claim. One thread.
enum Aggregated {
  /// Distinct claims; the run cycles through them (1.5 MB, cache resident,
  /// so the figure is the engine's, not the memory bus's).
  static let poolSize = 1 << 14

  static func pool(_ w: Workload) -> [PreparedClaim] {
    var g = w.generator(seed: Scenario.seed)
    return g.claims(poolSize).map(\.prepared)
  }

  /// Settles claims `range` (claim `i` is `pool[i % pool.count]`) with fresh
  /// accumulators; returns the sum of fund payments.
  static func settle(_ pool: UnsafeBufferPointer<PreparedClaim>, _ range: Range<Int>, engine: SettlementEngine) throws(SettlementError) -> Int64 {
    var checksum: Int64 = 0
    var j = range.lowerBound % pool.count
    for _ in range {
      var ytd = YearToDate()
      let s = try engine.settle(pool[j], yearToDate: &ytd)
      checksum &+= s.fundTotal
      j &+= 1
      if j == pool.count { j = 0 }
    }
    return checksum
  }

  static func run(claims: Int, options: Options, workload w: Workload) throws -> [Measurement] {
    let engine = w.engine
    let claimsPool = pool(w)
    let t = try claimsPool.withUnsafeBufferPointer { p in try timed { try settle(p, 0..<claims, engine: engine) } }
    blackHole(t.result)
    return [Measurement(scenario: "aggregated", claims: claims, seconds: t.seconds, threads: 1, checksum: t.result,
      note: "best of \(t.all.count); \(w.label), \(engine.layerCount) layers, \(poolSize) distinct claims")]
  }

  static func compare(claims: Int, workload w: Workload) throws -> Int {
    let engine = w.engine
    let claimsPool = pool(w)
    for i in 0..<min(claims, claimsPool.count) {
      var fast = YearToDate(), traced = YearToDate()
      try TraceComparison.check(claimsPool[i], engine: engine, fast: &fast, traced: &traced, label: "aggregated claim \(i)")
    }
    return min(claims, claimsPool.count)
  }
}
