import Dispatch
import OneStopSettlement
import SettlementTestSupport
import Synchronization

/// `parallel`: the `aggregated` claims on `--threads` threads (default all
/// cores), one contiguous share of the claims per thread, one shared
/// engine; reports the speed-up over the same claims on one thread: nine
/// rounds of one one-thread run then one all-thread run, the best of each
/// kind (each round's ratio and their median are listed too: a low one
/// shows the host held back a core).
enum Parallel {
  /// Settles claims `0..<claims` split into `threads` shares; returns the
  /// sum of fund payments (identical for any thread count).
  static func settle(_ pool: [PreparedClaim], claims: Int, threads: Int, engine: SettlementEngine) throws -> Int64 {
    let sums = Mutex<[Int64?]>(Array(repeating: nil, count: threads))
    let errors = Mutex<[String]>([])
    DispatchQueue.concurrentPerform(iterations: threads) { t in
      let range = (claims * t / threads)..<(claims * (t + 1) / threads)
      do {
        let sum = try pool.withUnsafeBufferPointer { p throws(SettlementError) in try Aggregated.settle(p, range, engine: engine) }
        sums.withLock { $0[t] = sum }
      } catch {
        errors.withLock { $0.append("\(error)") }
      }
    }
    if let e = errors.withLock({ $0.first }) { throw BenchmarkFailure("parallel: \(e)") }
    return sums.withLock { $0.reduce(0) { $0 &+ ($1 ?? 0) } }
  }

  /// Timed rounds: one run on one thread, then one on all threads.
  static let rounds = 9

  static func run(claims: Int, options: Options, workload w: Workload) throws -> [Measurement] {
    let engine = w.engine
    let pool = Aggregated.pool(w)
    // One thread and all threads in turns, so a change of the host's speed
    // during the run (other work on a shared machine) lands on both.
    var one: [Double] = [], many: [Double] = []
    var sums: (one: Int64, many: Int64) = (0, 0)
    _ = try settle(pool, claims: claims, threads: options.threads, engine: engine)  // warm-up
    for _ in 0..<rounds {
      var start = ContinuousClock.now
      sums.one = try settle(pool, claims: claims, threads: 1, engine: engine)
      one.append(seconds(ContinuousClock.now - start))
      start = ContinuousClock.now
      sums.many = try settle(pool, claims: claims, threads: options.threads, engine: engine)
      many.append(seconds(ContinuousClock.now - start))
    }
    guard sums.one == sums.many else {
      throw BenchmarkFailure("parallel: checksum \(sums.many) on \(options.threads) threads differs from \(sums.one) on one")
    }
    // The speed-up is the best one-thread run over the best all-thread run,
    // as every figure of this benchmark is the least disturbed run; both
    // kinds are sampled over the same minute, in turns. Each round's ratio
    // and their median are reported too: a round in which the host held
    // back a core shows as a low ratio.
    let (bestOne, bestMany) = (one.min() ?? 0, many.min() ?? 0)
    let speedUp = bestOne / bestMany
    let ratios = zip(one, many).map { $0 / $1 }
    let median = ratios.sorted()[ratios.count / 2]
    return [Measurement(scenario: "parallel", claims: claims, seconds: bestMany, threads: options.threads, checksum: sums.many,
      extra: [("speedup", format(speedUp, 3)), ("single_thread_claims_per_s", format(Double(claims) / bestOne, 0)),
        ("speedup_per_round", "[" + ratios.map { format($0, 3) }.joined(separator: ",") + "]"),
        ("speedup_median_round", format(median, 3))],
      note: "speed-up \(format(speedUp, 2))× over 1 thread (\(grouped(Int(Double(claims) / bestOne))) claims/s), best runs of "
        + "\(rounds) alternating rounds (per round, in order: \(ratios.map { format($0, 2) }.joined(separator: " ")); "
        + "median \(format(median, 2))×); \(w.label)")]
  }
}
