/// 费用分割 — a visit's fee lines split, with the claim totals.
///
/// ``totals`` feed the settlement (``ClaimAmounts``); ``lines`` are for
/// printing. Under ``RoundingPoint/perLine`` the lines add up to the totals
/// exactly; under ``RoundingPoint/onTotals`` ``drift`` says by how much
/// they do not.
public struct FeeSplit: Sendable, Hashable {
  /// Every line's split, in input order.
  public var lines: [FeeLineSplit]
  /// The claim's four-way totals, rounded at ``roundingPoint``.
  public var totals: LineParts
  /// Where sub-fen parts were rounded.
  public var roundingPoint: RoundingPoint
  /// `totals − Σ lines`, field by field (all zero per line).
  public var drift: LineParts

  /// Creates a split.
  public init(lines: [FeeLineSplit], totals: LineParts, roundingPoint: RoundingPoint, drift: LineParts) {
    self.lines = lines; self.totals = totals; self.roundingPoint = roundingPoint; self.drift = drift
  }

  /// The totals as claim amounts.
  public var amounts: ClaimAmounts { totals.claimAmounts }
}
