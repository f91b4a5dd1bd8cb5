/// The person id of the rows being read, to tell whether the next row is
/// the same person's (a person's rows are contiguous).
///
/// Ids of up to 16 bytes — the usual ones — are kept in two words and
/// compared with two loads; longer ids are copied and compared bytewise.
/// Holds its own copy, so it stays valid when the scanner's buffer moves.
struct CurrentPersonId: Sendable {
  /// The id's length, `-1` before the first person.
  private(set) var count = -1
  private var low: UInt64 = 0
  private var high: UInt64 = 0
  /// Ids longer than 16 bytes.
  private var long: [UInt8] = []

  /// Whether `b[id]` is the current id.
  @inline(__always)
  func matches(_ id: ByteRange, in b: Span<UInt8>) -> Bool {
    guard id.count == count else { return false }
    return b.withUnsafeBufferPointer { p in
      guard let base = p.baseAddress else { return count == 0 }
      if count <= 16 {
        let (l, h) = Self.words(base, id, p.count)
        return l == low && h == high
      }
      return long.withUnsafeBufferPointer { c in
        var i = 0
        while i < count, c[i] == base[id.lower &+ i] { i &+= 1 }
        return i == count
      }
    }
  }

  /// Makes `b[id]` the current id.
  @inline(__always)
  mutating func set(_ id: ByteRange, in b: Span<UInt8>) {
    count = id.count
    b.withUnsafeBufferPointer { p in
      guard let base = p.baseAddress else { (low, high) = (0, 0); return }
      if id.count <= 16 {
        (low, high) = Self.words(base, id, p.count)
      } else {
        long.removeAll(keepingCapacity: true)
        long.append(contentsOf: UnsafeBufferPointer(start: base + id.lower, count: id.count))
      }
    }
  }

  /// Whether the id of `n` ≤ 16 bytes with the words `low`, `high`
  /// (``words(_:_:_:)``) is the current id.
  @inline(__always)
  func matches(low: UInt64, high: UInt64, count n: Int) -> Bool { n == count && low == self.low && high == self.high }

  /// Makes the id of `n` ≤ 16 bytes with the words `low`, `high` the current id.
  @inline(__always)
  mutating func set(low: UInt64, high: UInt64, count n: Int) {
    count = n
    self.low = low
    self.high = high
  }

  /// The bytes of an id of at most 16 bytes, little-endian in two words,
  /// zero past its end: two loads when 16 bytes lie before `bufferCount`.
  @inline(__always)
  static func words(_ base: UnsafePointer<UInt8>, _ id: ByteRange, _ bufferCount: Int) -> (UInt64, UInt64) {
    let n = id.count
    if id.lower &+ 16 <= bufferCount {
      let s = UnsafeRawPointer(base + id.lower)
      var l = s.loadUnaligned(as: UInt64.self), h = s.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
      if n < 8 { l &= (1 &<< UInt64(n &* 8)) &- 1 }
      if n <= 8 { h = 0 } else if n < 16 { h &= (1 &<< UInt64((n &- 8) &* 8)) &- 1 }
      return (l, h)
    }
    var l: UInt64 = 0, h: UInt64 = 0
    var i = 0
    while i < n {
      let x = UInt64(base[id.lower &+ i])
      if i < 8 { l |= x &<< UInt64(i &* 8) } else { h |= x &<< UInt64((i &- 8) &* 8) }
      i &+= 1
    }
    return (l, h)
  }
}
