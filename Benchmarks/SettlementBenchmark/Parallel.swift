import Dispatch
import OneStopSettlement
import SettlementTestSupport
import Synchronization

/// `parallel`: the `aggregated` claims on `--threads` threads (default all
/// cores), one contiguous share of the claims per thread, one shared
/// engine; reports the speed-up over the same claims on one thread.
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

  static func run(claims: Int, options: Options, workload w: Workload) throws -> [Measurement] {
    let engine = w.engine
    let pool = Aggregated.pool(w)
    let one = try timed { try settle(pool, claims: claims, threads: 1, engine: engine) }
    let many = try timed { try settle(pool, claims: claims, threads: options.threads, engine: engine) }
    guard one.result == many.result else {
      throw BenchmarkFailure("parallel: checksum \(many.result) on \(options.threads) threads differs from \(one.result) on one")
    }
    let speedUp = one.seconds / many.seconds
    return [Measurement(scenario: "parallel", claims: claims, seconds: many.seconds, threads: options.threads, checksum: many.result,
      extra: [("speedup", format(speedUp, 3)), ("single_thread_claims_per_s", format(Double(claims) / one.seconds, 0))],
      note: "speed-up \(format(speedUp, 2))× over 1 thread (\(grouped(Int(Double(claims) / one.seconds))) claims/s); best of \(many.all.count); \(w.label)")]
  }
}
