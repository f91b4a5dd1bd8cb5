import OneStopSettlement
import SettlementTestSupport

/// `--compare`: the traced and the untraced path are one implementation, so
/// they must produce identical amounts, to the fen, and identical accumulators.
enum TraceComparison {
  static func check(_ claim: PreparedClaim, engine: SettlementEngine, fast: inout YearToDate, traced: inout YearToDate, label: String) throws {
    var trace = StepTrace()
    let a = try engine.settle(claim, yearToDate: &fast)
    let b = try engine.settle(claim, yearToDate: &traced, trace: &trace)
    if let d = SettlementComparison.firstDifference(a, b) ?? SettlementComparison.firstDifference(fast, traced, layers: engine.layerCount) {
      throw BenchmarkFailure("\(label): NoTrace and StepTrace differ: \(d)")
    }
    if trace.steps.isEmpty { throw BenchmarkFailure("\(label): StepTrace recorded nothing") }
  }

  /// The batch entry point's amounts for `claim` equal the per-claim settlement's.
  static func check(_ s: Settlement, batch: SettlementColumns, claim: Int, label: String) throws {
    for li in 0..<s.layerCount where s.layer(li).amount != batch.amount(layer: li, claim: claim) {
      throw BenchmarkFailure("\(label): batch layer \(li) pays \(batch.amount(layer: li, claim: claim)), per claim \(s.layer(li).amount)")
    }
    if s.fundTotal != batch.fundTotal(claim: claim) || s.patient != batch.patient(claim: claim) {
      throw BenchmarkFailure("\(label): batch totals \(batch.fundTotal(claim: claim))/\(batch.patient(claim: claim)), per claim \(s.fundTotal)/\(s.patient)")
    }
  }
}
