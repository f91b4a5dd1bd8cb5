import OneStopSettlement
import SettlementTestSupport

/// `year`: persons with 1–6 admissions over a year, accumulators carried
/// from one admission to the next (大病 cumulative schedule, annual caps,
/// repeat-admission deductibles). One thread.
enum YearScenario {
  /// Distinct persons; the run cycles through them.
  static let persons = 4_096

  /// The claims, person after person, and where each person starts (with
  /// the end index appended).
  static func population(_ w: Workload) -> (claims: [PreparedClaim], starts: [Int]) {
    var g = w.generator(seed: Scenario.seed &+ 1)
    let year = g.year(persons: persons)
    return (year.claims.map(\.prepared), year.personStarts + [year.claims.count])
  }

  /// Settles at least `count` claims, the whole population at a time through
  /// the batch entry point (each person's accumulators carried from claim to
  /// claim); returns (claims settled, sum of fund payments).
  static func settle(_ claims: UnsafeBufferPointer<PreparedClaim>, starts: UnsafeBufferPointer<Int>, count: Int, engine: SettlementEngine) throws(SettlementError) -> (Int, Int64) {
    var checksum: Int64 = 0
    var done = 0
    var out = SettlementColumns()
    let persons = UnsafeBufferPointer(rebasing: starts.dropLast())
    while done < count {
      try engine.settle(claims, personStarts: persons, into: &out)
      for f in out.fundTotals { checksum &+= f }
      done &+= claims.count
    }
    return (done, checksum)
  }

  static func run(claims: Int, options: Options, workload w: Workload) throws -> [Measurement] {
    let engine = w.engine
    let (pool, starts) = population(w)
    let t = try pool.withUnsafeBufferPointer { c in
      try starts.withUnsafeBufferPointer { s in try timed { try settle(c, starts: s, count: claims, engine: engine) } }
    }
    blackHole(t.result)
    return [Measurement(scenario: "year", claims: t.result.0, seconds: t.seconds, threads: 1, checksum: t.result.1,
      note: "best of \(t.all.count); \(w.label), \(persons) persons, \(pool.count) admissions, accumulators carried")]
  }

  static func compare(claims: Int, workload w: Workload) throws -> Int {
    let engine = w.engine
    let (pool, starts) = population(w)
    var compared = 0
    for p in 0..<(starts.count - 1) where compared < claims {
      var fast = YearToDate(), traced = YearToDate()
      for c in starts[p]..<starts[p + 1] {
        try TraceComparison.check(pool[c], engine: engine, fast: &fast, traced: &traced, label: "person \(p) claim \(c)")
        compared += 1
      }
    }
    // The batch entry point settles every claim as the per-claim path does.
    var out = SettlementColumns()
    try engine.settle(pool, personStarts: Array(starts.dropLast()), into: &out)
    for p in 0..<(starts.count - 1) {
      var ytd = YearToDate()
      for c in starts[p]..<starts[p + 1] {
        try TraceComparison.check(engine.settle(pool[c], yearToDate: &ytd), batch: out, claim: c, label: "person \(p) claim \(c)")
      }
    }
    return compared
  }
}
