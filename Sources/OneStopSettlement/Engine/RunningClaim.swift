/// What the layers settled so far have left of one claim, in one slot of a
/// batch being settled (a single claim is a batch of one).
struct RunningClaim {
  /// In-policy self-pay not yet paid by a fund.
  var remaining: Int64
  /// 先行自付 not yet paid by a fund.
  var payFirst: Int64
  /// Paid by the layers so far.
  var funds: Int64 = 0
  /// The basic layer's applied deductible (major illness may exclude it).
  var basicDeductible: Int64 = 0
  /// The admission number this claim counts as (inpatient: this year's + 1).
  var admission: Int
  /// The claim's kind index.
  let kind: Int
  /// The claim's position in the caller's input (and output).
  let index: Int
  /// The accumulators this claim reads: the person's, or all-zero ones when
  /// the claim starts a new year.
  let before: UnsafePointer<YearToDate>
  /// Layers whose scope covers the claim (bit per layer).
  let inScope: UInt8
  /// Layers applied so far (bit per layer).
  var applied: UInt8 = 0

  @inline(__always)
  init(_ claim: UnsafePointer<PreparedClaim>, index: Int, before: UnsafePointer<YearToDate>, inScope: UInt8) {
    remaining = claim.pointee.inPolicy
    payFirst = claim.pointee.payFirst
    kind = claim.pointee.kind.index
    admission = claim.pointee.kind == .inpatient ? before.pointee.admissions &+ 1 : before.pointee.admissions
    self.index = index
    self.before = before
    self.inScope = inScope
  }

  /// What layer `li` paid this year before this claim, per claim kind
  /// (inpatient, chronic outpatient, general outpatient).
  @inline(__always)
  func paid(layer li: Int) -> (Int64, Int64, Int64) {
    (before.pointee.layerPaid[unchecked: li &* 3], before.pointee.layerPaid[unchecked: li &* 3 &+ 1],
     before.pointee.layerPaid[unchecked: li &* 3 &+ 2])
  }

  /// A layer paid `amount`: first from the in-policy self-pay, then from 先行自付.
  @inline(__always)
  mutating func pay(_ amount: Int64) {
    funds &+= amount
    let fromRemaining = min(amount, remaining)
    remaining &-= fromRemaining
    payFirst &-= amount &- fromRemaining
  }
}

/// The working columns of a batch of at most ``capacity`` claims: per slot,
/// where the claim is, whose accumulators it carries, its running state and
/// each layer's base and amount (kept for committing the accumulators once
/// every claim of the batch has settled).
struct SlotColumns {
  /// Slots per batch (a few KiB of state per column: stays in L1).
  static let capacity = 128

  /// Per slot: the claim's position in the caller's input and output.
  let index: UnsafeMutablePointer<Int>
  /// Per slot: the person's accumulators, or `nil` for fresh accumulators
  /// that are not kept.
  let yearToDate: UnsafeMutablePointer<UnsafeMutablePointer<YearToDate>?>
  /// Per slot: the running state (initialised by the engine).
  let running: UnsafeMutablePointer<RunningClaim>
  /// Per layer × slot: the layer's base and amount (`layer × stride + slot`).
  let base: UnsafeMutablePointer<Int64>, amount: UnsafeMutablePointer<Int64>
  /// Slots per layer row of ``base`` and ``amount``.
  let stride: Int

  /// Bytes needed for `slots` slots.
  static func byteCount(slots: Int) -> Int {
    slots * (MemoryLayout<Int>.stride + MemoryLayout<UnsafeMutablePointer<YearToDate>?>.stride
      + MemoryLayout<RunningClaim>.stride + 2 * 8 * MemoryLayout<Int64>.stride)
  }

  /// Columns for `slots` slots carved from `raw` (``byteCount(slots:)``
  /// bytes, 16-byte aligned).
  init(_ raw: UnsafeMutableRawPointer, slots: Int) {
    var p = raw
    func take<T>(_: T.Type, _ count: Int) -> UnsafeMutablePointer<T> {
      let t = p.bindMemory(to: T.self, capacity: count)
      p += count * MemoryLayout<T>.stride
      return t
    }
    running = take(RunningClaim.self, slots)
    base = take(Int64.self, 8 * slots)
    amount = take(Int64.self, 8 * slots)
    index = take(Int.self, slots)
    yearToDate = take(UnsafeMutablePointer<YearToDate>?.self, slots)
    stride = slots
  }
}

/// What one layer's rule decided for one claim, before the yearly caps.
struct LayerPayment {
  /// 计算基数 — the layer's base for this claim, fen.
  var base: Int64
  /// 起付线 — the deductible applied, fen.
  var deductible: Int64
  /// 比例 — the rate (a schedule's first segment's).
  var rate: Rate
  /// The payment before caps, fen.
  var raw: Int64
  /// The parameter group used.
  var group: Int
  /// 本次可支付限额 — the room left under the yearly caps, fen (`Int64.max`: uncapped).
  var room: Int64
}

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
