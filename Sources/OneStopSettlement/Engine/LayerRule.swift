/// The rule of one layer kind: what the layer pays a claim before caps.
/// The settlement loop is generic over it, so each kind gets its own
/// specialised loop (static dispatch, no closures or existentials).
protocol LayerRule {
  /// The payment of layer `li` for the claim in slot `r` before caps, or
  /// `nil` when the layer does not apply to it.
  static func payment<Trace: SettlementTrace>(
    _ engine: borrowing SettlementEngine, _ li: Int, _ r: UnsafeMutablePointer<RunningClaim>, _ claim: UnsafePointer<PreparedClaim>,
    base: Int64, trace: inout Trace
  ) throws(SettlementError) -> LayerPayment?
}
