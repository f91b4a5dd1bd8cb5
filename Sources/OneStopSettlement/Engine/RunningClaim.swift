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
  init(_ claim: PreparedClaim, index: Int, before: UnsafePointer<YearToDate>, inScope: UInt8) {
    remaining = claim.inPolicy
    payFirst = claim.payFirst
    kind = claim.kind.index
    admission = claim.kind == .inpatient ? before.pointee.admissions &+ 1 : before.pointee.admissions
    self.index = index
    self.before = before
    self.inScope = inScope
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
