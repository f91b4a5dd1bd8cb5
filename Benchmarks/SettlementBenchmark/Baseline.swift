import OneStopSettlement
import SettlementTestSupport

/// `baseline`: the benchmark issue's reference — a hand-written loop that
/// settles the simplified three-tier policy (``ThreeTierTable/settleByHand(_:)``)
/// — against the engine settling the same claims under the same policy as a
/// table (``ThreeTierTable``), one thread, fresh accumulators. The two
/// checksums must be equal to the fen; the ratio of the two rates is what
/// the table-driven engine costs over hand-written code on identical work.
enum Baseline {
  static func run(claims: Int, options: Options, workload _: Workload) throws -> [Measurement] {
    let engine = try ThreeTierTable.engine()
    var g = ClaimGenerator(seed: Scenario.seed &+ 9, table: engine.table, year: ThreeTierTable.year)
    let pool = g.claims(Aggregated.poolSize).map(\.prepared)
    let hand = try pool.withUnsafeBufferPointer { p in try timed { try settleByHand(p, 0..<claims) } }
    let table = try pool.withUnsafeBufferPointer { p in try timed { try Aggregated.settle(p, 0..<claims, engine: engine) } }
    blackHole(hand.result &+ table.result)
    guard hand.result == table.result else {
      throw BenchmarkFailure("baseline: hand-written loop \(hand.result) fen vs engine \(table.result) fen")
    }
    return [
      Measurement(scenario: "baseline-hand", claims: claims, seconds: hand.seconds, threads: 1, checksum: hand.result,
        note: "hand-written three-tier loop, best of \(hand.all.count); \(pool.count) distinct claims"),
      Measurement(scenario: "baseline-table", claims: claims, seconds: table.seconds, threads: 1, checksum: table.result,
        note: "engine, \(engine.table.id), \(engine.layerCount) layers, best of \(table.all.count); same claims, same checksum"),
    ]
  }

  /// Σ fund payments of claims `range` (claim `i` is `pool[i % pool.count]`)
  /// settled by the hand-written loop.
  static func settleByHand(_ pool: UnsafeBufferPointer<PreparedClaim>, _ range: Range<Int>) throws -> Int64 {
    var checksum: Int64 = 0
    var i = range.lowerBound
    while i < range.upperBound {
      let j = i % pool.count
      let n = min(range.upperBound &- i, pool.count &- j)
      for k in j..<(j &+ n) {
        guard let funds = ThreeTierTable.settleByHand(pool[k]) else { throw BenchmarkFailure("baseline: overflow in claim \(k)") }
        checksum &+= funds
      }
      i &+= n
    }
    return checksum
  }
}
