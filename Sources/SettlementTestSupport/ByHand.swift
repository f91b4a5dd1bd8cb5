/// The arithmetic of the hand-written reference loops
/// (``ThreeTierTable/settleByHand(_:)``, ``BenchmarkTable/settleByHand(_:)``),
/// written as such a loop writes it: `Int64` fen, rates in millionths,
/// overflow-checked products, half up. Inlinable, as those loops are: the
/// benchmark inlines them into its own loop.
@usableFromInline enum ByHand {
  /// `round(amount × micros / 10⁶)`, half up, for a non-negative amount.
  @inlinable
  static func halfUp(_ amount: Int64, _ micros: Int64) -> Int64? {
    let (p, o) = amount.multipliedReportingOverflow(by: micros)
    return o ? nil : (p &+ 500_000) / 1_000_000
  }

  /// The exact share of `x` between `lower` and `upper` times `micros`.
  @inlinable
  static func segment(_ x: Int64, _ lower: Int64, _ upper: Int64, _ micros: Int64) -> Int64? {
    guard x > lower else { return 0 }
    let (p, o) = (min(x, upper) &- lower).multipliedReportingOverflow(by: micros)
    return o ? nil : p
  }
}
