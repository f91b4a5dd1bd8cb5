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

  /// Claims per batch call (the columns are reused from call to call).
  static let batch = 4_096

  /// Settles claims `range` (claim `i` is `pool[i % pool.count]`) with fresh
  /// accumulators, through the batch entry point; returns the sum of fund
  /// payments.
  static func settle(_ pool: UnsafeBufferPointer<PreparedClaim>, _ range: Range<Int>, engine: SettlementEngine) throws(SettlementError) -> Int64 {
    var checksum: Int64 = 0
    var out = SettlementColumns()
    var i = range.lowerBound
    while i < range.upperBound {
      let j = i % pool.count
      let n = min(batch, range.upperBound &- i, pool.count &- j)
      try engine.settle(UnsafeBufferPointer(rebasing: pool[j..<(j &+ n)]), into: &out)
      for f in out.fundTotals { checksum &+= f }
      i &+= n
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
    let n = min(claims, claimsPool.count)
    var out = SettlementColumns()
    try engine.settle(Array(claimsPool.prefix(n)), into: &out)
    for i in 0..<n {
      var ytd = YearToDate()
      try TraceComparison.check(engine.settle(claimsPool[i], yearToDate: &ytd), batch: out, claim: i, label: "aggregated claim \(i)")
    }
    return min(claims, claimsPool.count)
  }
}
