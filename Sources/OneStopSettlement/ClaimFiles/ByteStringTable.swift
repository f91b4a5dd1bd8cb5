/// Interns byte strings: gives each distinct byte string a dense index
/// (0, 1, 2 … in order of first insertion).
///
/// Open addressing over FNV-1a hashes, keys kept in one byte arena, so a
/// look-up allocates nothing and a new key costs an append. Used to resolve
/// codes (hospital level, identity, diagnosis); memory grows with distinct
/// keys, never with rows.
struct ByteStringTable: Sendable {
  private var arena: [UInt8] = []
  private var bounds: [Int] = [0]
  private var hashes: [UInt64] = []
  private var slots: [Int32]
  private var mask: Int

  /// Creates an empty table.
  init() {
    slots = [Int32](repeating: -1, count: 16)
    mask = 15
  }

  /// The number of distinct keys.
  var count: Int { hashes.count }

  /// The index of the key equal to `b[r]`, or `nil`.
  @inline(__always)
  func find(_ r: ByteRange, in b: Span<UInt8>) -> Int? {
    let h = ByteText.hash(r, in: b)
    var s = Int(truncatingIfNeeded: h) & mask
    let a = arena.span
    while true {
      let k = Int(slots[s])
      if k < 0 { return nil }
      if hashes[k] == h, equal(k, r, b, a) { return k }
      s = (s &+ 1) & mask
    }
  }

  /// Inserts `b[r]` if new; returns its index and whether it was new.
  @discardableResult
  mutating func insert(_ r: ByteRange, in b: Span<UInt8>) -> (index: Int, inserted: Bool) {
    let h = ByteText.hash(r, in: b)
    var s = Int(truncatingIfNeeded: h) & mask
    while true {
      let k = Int(slots[s])
      if k < 0 { break }
      if hashes[k] == h, equal(k, r, b, arena.span) { return (k, false) }
      s = (s &+ 1) & mask
    }
    let index = hashes.count
    var i = r.lower
    while i < r.upper { arena.append(b[i]); i &+= 1 }
    bounds.append(arena.count)
    hashes.append(h)
    slots[s] = Int32(truncatingIfNeeded: index)
    if hashes.count * 2 > slots.count { grow() }
    return (index, true)
  }

  /// Inserts a string's UTF-8 bytes.
  @discardableResult
  mutating func insert(_ key: String) -> (index: Int, inserted: Bool) {
    let bytes = Array(key.utf8)
    return insert(ByteRange(0, bytes.count), in: bytes.span)
  }

  private func equal(_ k: Int, _ r: ByteRange, _ b: Span<UInt8>, _ a: Span<UInt8>) -> Bool {
    let start = bounds[k], end = bounds[k &+ 1]
    guard end &- start == r.count else { return false }
    var i = start, j = r.lower
    while i < end {
      if a[i] != b[j] { return false }
      i &+= 1; j &+= 1
    }
    return true
  }

  private mutating func grow() {
    let size = slots.count * 2
    slots = [Int32](repeating: -1, count: size)
    mask = size - 1
    for (k, h) in hashes.enumerated() {
      var s = Int(truncatingIfNeeded: h) & mask
      while slots[s] >= 0 { s = (s &+ 1) & mask }
      slots[s] = Int32(truncatingIfNeeded: k)
    }
  }
}
