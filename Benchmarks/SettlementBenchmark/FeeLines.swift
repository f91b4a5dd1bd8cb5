import OneStopSettlement
import SettlementTestSupport

/// `fee-lines`: claims of 50 fee lines each; every line looked up in the
/// catalogue by item code and split four ways (`Catalogue.split`), the
/// totals settled through the benchmark table with fresh accumulators.
/// One thread.
enum FeeLines {
  /// Lines per claim.
  static let linesPerClaim = 50
  /// Distinct visits; the run cycles through them.
  static let poolSize = 512

  static func run(claims: Int, options: Options, workload w: Workload) throws -> [Measurement] {
    let engine = w.engine
    var lines = FeeLineGenerator(seed: Scenario.seed &+ 3)
    var people = w.generator(seed: Scenario.seed &+ 4)
    let visits = (0..<poolSize).map { _ in lines.visit(lines: linesPerClaim) }
    let claimsPool = people.claims(poolSize).map(\.prepared)
    let catalogue = lines.catalogue
    let t = try timed {
      var checksum: Int64 = 0
      for i in 0..<claims {
        let p = i % poolSize
        let split = try catalogue.split(visits[p]).totals
        var claim = claimsPool[p]
        claim.total = split.sum; claim.fullyOwnPay = split.fullyOwnPay; claim.overLimit = split.overLimit
        claim.payFirst = split.payFirst; claim.inPolicy = split.inPolicy
        var ytd = YearToDate()
        checksum &+= try engine.settle(claim, yearToDate: &ytd).fundTotal
      }
      return checksum
    }
    blackHole(t.result)
    return [Measurement(scenario: "fee-lines", claims: claims, seconds: t.seconds, threads: 1, checksum: t.result,
      extra: [("lines_per_claim", "\(linesPerClaim)"), ("lines_per_s", format(Double(claims * linesPerClaim) / t.seconds, 0))],
      note: "best of \(t.all.count); \(w.label), \(linesPerClaim) lines/claim, \(FeeLineGenerator.itemCount)-item catalogue")]
  }
}
