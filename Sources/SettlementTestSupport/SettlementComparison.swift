public import OneStopSettlement

/// 结果比对 — field-by-field comparison of two settlements, to the fen.
///
/// Used by the benchmark's `--compare` mode (the same claims settled with
/// ``StepTrace`` and with ``NoTrace`` must agree exactly) and by tests.
///
///     if let d = SettlementComparison.firstDifference(traced, fast) { print(d) }
public enum SettlementComparison {
  /// The first field in which `a` and `b` differ, named, or `nil` when every
  /// amount, base, deductible, rate, cap room and group is identical.
  public static func firstDifference(_ a: Settlement, _ b: Settlement) -> String? {
    let totals: [(String, Int64, Int64)] = [
      ("total", a.total, b.total), ("fullyOwnPay", a.fullyOwnPay, b.fullyOwnPay), ("overLimit", a.overLimit, b.overLimit),
      ("payFirst", a.payFirst, b.payFirst), ("inPolicy", a.inPolicy, b.inPolicy),
      ("basicDeductible", a.basicDeductible, b.basicDeductible), ("fundTotal", a.fundTotal, b.fundTotal),
      ("patient", a.patient, b.patient), ("layerCount", Int64(a.layerCount), Int64(b.layerCount)),
    ]
    for (name, x, y) in totals where x != y { return "\(name): \(x) vs \(y)" }
    for i in 0..<a.layerCount where a.layer(i) != b.layer(i) {
      return "layers[\(i)]: \(a.layer(i)) vs \(b.layer(i))"
    }
    return nil
  }

  /// The first difference between two accumulators, or `nil`.
  public static func firstDifference(_ a: YearToDate, _ b: YearToDate, layers: Int) -> String? {
    if a == b { return nil }
    let totals: [(String, Int64, Int64)] = [
      ("year", Int64(a.year), Int64(b.year)), ("admissions", Int64(a.admissions), Int64(b.admissions)),
      ("totalCost", a.totalCost, b.totalCost), ("inPolicyCost", a.inPolicyCost, b.inPolicyCost),
      ("basicDeductiblePaid", a.basicDeductiblePaid, b.basicDeductiblePaid),
    ]
    for (name, x, y) in totals where x != y { return "yearToDate.\(name): \(x) vs \(y)" }
    for i in 0..<layers {
      if a.base(layer: i) != b.base(layer: i) { return "yearToDate.base(layer: \(i)): \(a.base(layer: i)) vs \(b.base(layer: i))" }
      for k in ClaimKind.allCases where a.paid(layer: i, kind: k) != b.paid(layer: i, kind: k) {
        return "yearToDate.paid(layer: \(i), kind: \(k)): \(a.paid(layer: i, kind: k)) vs \(b.paid(layer: i, kind: k))"
      }
    }
    return "yearToDate: differs"
  }
}
