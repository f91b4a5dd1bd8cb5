/// The working columns of a batch of at most ``capacity`` claims: per slot,
/// where the claim is, whose accumulators it carries, its running state and
/// each layer's base and amount (kept for committing the accumulators once
/// every claim of the batch has settled).
struct SlotColumns {
  /// Slots per batch (a few KiB of state per column: stays in L1).
  static let capacity = 128
  /// Persons settled side by side by the per-person entry points: their
  /// accumulators (296 B each) stay in L1 with the columns.
  static let lanes = 32

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
