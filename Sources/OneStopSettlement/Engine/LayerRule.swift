/// The rule of one layer kind: what the layer pays a claim before caps.
/// The settlement loop is generic over it, so each kind gets its own
/// specialised loop (static dispatch, no closures or existentials).
protocol LayerRule {
  /// The payment of `slot`'s layer for its claim before caps, or `nil` when
  /// the layer does not apply to it.
  static func payment<T: SettlementTrace>(
    _ engine: borrowing SettlementEngine, _ slot: LayerSlot, trace: inout T) throws(SettlementError) -> LayerPayment?
}

/// One claim at one layer, as a ``LayerRule`` sees it.
struct LayerSlot {
  /// The layer's index in the table.
  let layer: Int
  /// The claim's running state.
  let running: UnsafeMutablePointer<RunningClaim>
  /// The claim.
  let claim: UnsafePointer<PreparedClaim>
  /// The layer's base for this claim (in-policy self-pay left, plus 先行自付
  /// where the layer includes it), fen.
  let base: Int64
}
