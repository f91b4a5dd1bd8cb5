/// The rule of one layer kind: what the layer pays a claim before caps.
/// The settlement loop is generic over it, so each kind gets its own
/// specialised code (static dispatch, no closures or existentials).
protocol LayerRule {
  /// The payment of `slot`'s layer for its claim before caps, or `nil` when
  /// the layer does not apply to it.
  static func payment<Year: YearStart, T: SettlementTrace>(
    _ engine: borrowing SettlementEngine, _ slot: LayerSlot<Year>, trace: inout T) throws(SettlementError) -> LayerPayment?
}

/// One claim at one layer, as a ``LayerRule`` sees it. `Year` says how the
/// accumulators before the claim are read (``FreshYear``: all zero).
struct LayerSlot<Year: YearStart> {
  /// The layer's index in the table.
  let layer: Int
  /// The claim's running state.
  let running: UnsafeMutablePointer<RunningClaim>
  /// The claim.
  let claim: UnsafePointer<PreparedClaim>
  /// The layer's base for this claim (in-policy self-pay left, plus 先行自付
  /// where the layer includes it), fen.
  let base: Int64

  /// What this layer paid this year before the claim, per claim kind
  /// (inpatient, outpatient chronic, general outpatient).
  @_transparent
  var paidBefore: (Int64, Int64, Int64) {
    if Year.isFresh { return (0, 0, 0) }
    let ytd = running.pointee.before
    return (ytd.pointee.layerPaid[unchecked: layer &* 3], ytd.pointee.layerPaid[unchecked: layer &* 3 &+ 1],
      ytd.pointee.layerPaid[unchecked: layer &* 3 &+ 2])
  }

  /// 累计基数 — this layer's yearly base before the claim, fen.
  @_transparent
  var baseBefore: Int64 { Year.isFresh ? 0 : running.pointee.before.pointee.layerBase[unchecked: layer] }

  /// 累计起付线 — the basic deductible paid this year before the claim, fen.
  @_transparent
  var basicDeductiblePaidBefore: Int64 { Year.isFresh ? 0 : running.pointee.before.pointee.basicDeductiblePaid }

  /// 政策范围内费用累计 — in-policy cost this year before the claim, fen.
  @_transparent
  var inPolicyCostBefore: Int64 { Year.isFresh ? 0 : running.pointee.before.pointee.inPolicyCost }

  /// The room left under the yearly caps of `step` (its kind's terms in
  /// `table`) given the year's payments so far (`Int64.max`: uncapped; a
  /// claim with fresh accumulators reads ``LayerStep/room`` instead).
  @_transparent
  func room(_ table: CompiledTable, _ step: UnsafePointer<LayerStep>) -> Int64 {
    CompiledCaps.room(count: Int(step.pointee.capCount), paid: paidBefore, terms: table.capTerms + Int(step.pointee.capTerms))
  }
}
