/// A range of bytes in a line buffer (32-bit offsets keep rows small).
struct ByteRange: Sendable, Hashable {
  var start: Int32
  var end: Int32

  init(_ start: Int, _ end: Int) { self.start = Int32(truncatingIfNeeded: start); self.end = Int32(truncatingIfNeeded: end) }
  static let empty = ByteRange(0, 0)

  var lower: Int { Int(start) }
  var upper: Int { Int(end) }
  var count: Int { Int(end &- start) }
  var isEmpty: Bool { end <= start }

  /// The bytes as a string (slow path: errors and owned rows).
  func string(in bytes: Span<UInt8>) -> String {
    var a: [UInt8] = []
    a.reserveCapacity(count)
    var i = lower
    while i < upper, i < bytes.count { a.append(bytes[i]); i += 1 }
    return String(decoding: a, as: UTF8.self)
  }

  /// Whether the bytes equal `other` bytes in `otherBytes`.
  func equals(_ other: ByteRange, in bytes: Span<UInt8>, _ otherBytes: Span<UInt8>) -> Bool {
    guard count == other.count else { return false }
    var i = lower, j = other.lower
    while i < upper {
      if bytes[i] != otherBytes[j] { return false }
      i &+= 1; j &+= 1
    }
    return true
  }
}
