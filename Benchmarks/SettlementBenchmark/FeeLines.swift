import OneStopSettlement
import SettlementTestSupport

/// `fee-lines`: claims of 50 fee lines each; per claim, every line looked
/// up in the catalogue by item code and split four ways
/// (`CompiledCatalogue.totals(of:)`), the totals written into the claim,
/// and the claims settled through the benchmark table with fresh
/// accumulators, `batch` at a time through the engine's batch entry point
/// (the same settlement as `engine.settle(_:yearToDate:)`, to the fen).
/// One thread.
///
/// Held once, outside the timed loop: the catalogue compiled
/// (`CompiledCatalogue`, once per catalogue download) and each visit's lines
/// prepared (`PreparedFeeLines`: codes packed into fixed-width words with
/// their hash, quantities and prices already integers, refunds checked,
/// lines whose amount is exactly `cnt × pric` noted; nothing that depends on
/// a catalogue) — the in-memory form of the fee-line rows a HIS keeps for a
/// visit, made once when lines are charged, not per settlement. Its cost is
/// reported apart (`prepare_ns_per_line`). Timed per claim: the look-up of
/// all 50 item codes in the catalogue, the split, the settlement.
///
/// Before timing, every pooled visit is totalled by both paths and the
/// totals must agree to the fen with `Catalogue.split` (the explained path,
/// per-line detail and memos), and the pool settled in batches must pay
/// what its claims settled one at a time by `engine.settle(_:yearToDate:)`
/// pay, so the checksum is the explained path's.
enum FeeLines {
  /// Lines per claim.
  static let linesPerClaim = 50
  /// Distinct visits; the run cycles through them.
  static let poolSize = 512
  /// Claims split, then settled together (the batch's columns reused).
  static let batch = 256

  /// Splits and settles claims `0 ..< claims` (claim `i` has visit
  /// `i % poolSize`'s lines and `pool[i % poolSize]`'s person and kind);
  /// returns the sum of fund payments.
  static func settle(
    _ claims: Int, _ visits: [PreparedFeeLines], _ pool: [PreparedClaim], compiled: CompiledCatalogue,
    engine: SettlementEngine
  ) throws -> Int64 {
    var checksum: Int64 = 0
    var out = SettlementColumns()
    var split = Array(pool.prefix(batch))
    var i = 0
    while i < claims {
      let n = min(batch, claims &- i)
      for k in 0..<n {
        let p = (i &+ k) % poolSize
        let totals = try compiled.totals(of: visits[p])
        var claim = pool[p]
        claim.total = totals.sum; claim.fullyOwnPay = totals.fullyOwnPay; claim.overLimit = totals.overLimit
        claim.payFirst = totals.payFirst; claim.inPolicy = totals.inPolicy
        split[k] = claim
      }
      try split.withUnsafeBufferPointer { try engine.settle(UnsafeBufferPointer(rebasing: $0[0..<n]), into: &out) }
      for f in out.fundTotals { checksum &+= f }
      i &+= n
    }
    return checksum
  }

  static func run(claims: Int, options: Options, workload w: Workload) throws -> [Measurement] {
    let engine = w.engine
    var lines = FeeLineGenerator(seed: Scenario.seed &+ 3)
    var people = w.generator(seed: Scenario.seed &+ 4)
    let visits = (0..<poolSize).map { _ in lines.visit(lines: linesPerClaim) }
    let claimsPool = people.claims(poolSize).map(\.prepared)
    let catalogue = lines.catalogue
    let compiled = try CompiledCatalogue(catalogue)
    let prepare = try timed { try visits.map { try PreparedFeeLines($0) } }
    let prepared = prepare.result
    let explained = try timed(runs: 1) { try visits.map { try catalogue.split($0).totals } }
    for (p, visit) in prepared.enumerated() {
      let fast = try compiled.totals(of: visit)
      guard fast == explained.result[p] else {
        throw BenchmarkFailure("fee-lines: visit \(p) totals \(fast) by the compiled catalogue, \(explained.result[p]) by Catalogue.split")
      }
    }
    // The batch settles the pool as the claims settle one at a time.
    var oneByOne: Int64 = 0
    for (p, split) in explained.result.enumerated() {
      var claim = claimsPool[p]
      claim.total = split.sum; claim.fullyOwnPay = split.fullyOwnPay; claim.overLimit = split.overLimit
      claim.payFirst = split.payFirst; claim.inPolicy = split.inPolicy
      var ytd = YearToDate()
      oneByOne &+= try engine.settle(claim, yearToDate: &ytd).fundTotal
    }
    let batched = try settle(poolSize, prepared, claimsPool, compiled: compiled, engine: engine)
    guard batched == oneByOne else {
      throw BenchmarkFailure("fee-lines: the pool pays \(batched) fen settled in batches, \(oneByOne) one claim at a time")
    }
    let t = try timed { try settle(claims, prepared, claimsPool, compiled: compiled, engine: engine) }
    blackHole(t.result)
    let pooledLines = Double(poolSize * linesPerClaim)
    return [Measurement(scenario: "fee-lines", claims: claims, seconds: t.seconds, threads: 1, checksum: t.result,
      extra: [("lines_per_claim", "\(linesPerClaim)"), ("lines_per_s", format(Double(claims * linesPerClaim) / t.seconds, 0)),
              ("prepare_ns_per_line", format(prepare.seconds * 1e9 / pooledLines, 1)),
              ("explained_split_claims_per_s", format(Double(poolSize) / explained.seconds, 0))],
      note: "best of \(t.all.count); \(w.label), \(linesPerClaim) lines/claim, \(FeeLineGenerator.itemCount)-item catalogue, compiled")]
  }
}
