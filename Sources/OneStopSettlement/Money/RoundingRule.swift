/// 舍入规则 — how an exact amount is rounded to the fen.
///
/// Every policy table names its rule (`"rounding"`), and a layer may override
/// it. The engine computes each layer's amount exactly, in millionths of a
/// fen, and rounds **once per layer amount** (for a segmented schedule: once
/// for the whole cumulative segment sum). Caps, subtractions and sums after
/// that point are exact integer operations on fen.
///
/// | exact amount (fen) | `halfUp` | `halfEven` | `towardZero` |
/// |--------------------|---------:|-----------:|-------------:|
/// | 12.5               | 13       | 12         | 12           |
/// | 13.5               | 14       | 14         | 13           |
/// | 13.4999            | 13       | 13         | 13           |
/// | 13.6               | 14       | 14         | 13           |
/// | −12.5              | −13      | −12        | −12          |
public enum RoundingRule: String, Sendable, Hashable, Codable, CaseIterable {
  /// 四舍五入 — to nearest, ties away from zero (`HALF_UP`). 12.5 → 13.
  case halfUp
  /// 银行家舍入 — to nearest, ties to the even neighbour (`HALF_EVEN`).
  /// 12.5 → 12, 13.5 → 14.
  case halfEven
  /// 截尾 — toward zero (truncate). 13.6 → 13, −13.6 → −13.
  case towardZero
}

extension RoundingRule {
  /// Divides `numerator` by a positive `divisor`, rounding by this rule.
  ///
  /// The invariant `numerator == q * divisor + r` with `|r| < divisor` holds
  /// for the truncated quotient `q` before the adjustment below.
  ///
  ///     RoundingRule.halfUp.divide(12_500_000, by: 1_000_000)   // 13
  ///     RoundingRule.halfEven.divide(12_500_000, by: 1_000_000) // 12
  ///
  /// - Parameters:
  ///   - numerator: the exact amount, scaled by `divisor`.
  ///   - divisor: a positive scale such as ``Rate/scale``.
  /// - Returns: the rounded quotient.
  @inlinable @inline(__always)
  public func divide(_ numerator: Int64, by divisor: Int64) -> Int64 {
    let q = numerator / divisor
    let r = numerator % divisor  // same sign as numerator
    if r == 0 { return q }
    let step: Int64 = numerator < 0 ? -1 : 1
    let twice = r.magnitude * 2
    switch self {
    case .towardZero:
      return q
    case .halfUp:
      return twice >= divisor.magnitude ? q + step : q
    case .halfEven:
      if twice > divisor.magnitude { return q + step }
      if twice == divisor.magnitude { return q & 1 == 0 ? q : q + step }
      return q
    }
  }
}
