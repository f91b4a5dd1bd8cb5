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

/// 基本医保 (``SettlementEngine/basicPayment(_:_:_:trace:)``).
enum BasicStep: LayerRule {
  @inline(__always)
  static func payment<Trace: SettlementTrace>(
    _ engine: borrowing SettlementEngine, _ li: Int, _ r: UnsafeMutablePointer<RunningClaim>, _ claim: UnsafePointer<PreparedClaim>,
    base: Int64, trace: inout Trace
  ) throws(SettlementError) -> LayerPayment? { try engine.basicPayment(li, r, claim, trace: &trace) }
}

/// 大病保险, 医疗救助, 倾斜救助 (``SettlementEngine/schedulePayment(_:_:_:base:trace:)``).
enum ScheduleStep: LayerRule {
  @inline(__always)
  static func payment<Trace: SettlementTrace>(
    _ engine: borrowing SettlementEngine, _ li: Int, _ r: UnsafeMutablePointer<RunningClaim>, _ claim: UnsafePointer<PreparedClaim>,
    base: Int64, trace: inout Trace
  ) throws(SettlementError) -> LayerPayment? { try engine.schedulePayment(li, r, claim, base: base, trace: &trace) }
}

/// 兜底 (``SettlementEngine/ceilingPayment(_:_:_:base:trace:)``).
enum CeilingStep: LayerRule {
  @inline(__always)
  static func payment<Trace: SettlementTrace>(
    _ engine: borrowing SettlementEngine, _ li: Int, _ r: UnsafeMutablePointer<RunningClaim>, _ claim: UnsafePointer<PreparedClaim>,
    base: Int64, trace: inout Trace
  ) throws(SettlementError) -> LayerPayment? { try engine.ceilingPayment(li, r, claim, base: base, trace: &trace) }
}

/// 补足 (``SettlementEngine/topUpPayment(_:_:_:base:trace:)``).
enum TopUpStep: LayerRule {
  @inline(__always)
  static func payment<Trace: SettlementTrace>(
    _ engine: borrowing SettlementEngine, _ li: Int, _ r: UnsafeMutablePointer<RunningClaim>, _ claim: UnsafePointer<PreparedClaim>,
    base: Int64, trace: inout Trace
  ) throws(SettlementError) -> LayerPayment? { try engine.topUpPayment(li, r, claim, base: base, trace: &trace) }
}
