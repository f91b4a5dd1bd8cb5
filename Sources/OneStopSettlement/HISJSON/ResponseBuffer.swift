internal import Foundation

/// The bytes of one response, in memory this buffer owns: each write checks
/// the room once and stores through a pointer (no copy-on-write check, no
/// array bounds checks), for ``PrettyJSONWriter``.
///
/// Non-copyable: the memory is freed once, when the buffer ends.
struct ResponseBuffer: ~Copyable {
  /// The start of the memory.
  private var base: UnsafeMutablePointer<UInt8>
  /// The bytes the memory holds.
  private var capacity: Int
  /// The bytes written.
  private(set) var count = 0

  /// An empty buffer with room for `capacity` bytes (it grows as needed).
  init(capacity: Int) {
    self.capacity = max(capacity, 64)
    base = .allocate(capacity: self.capacity)
  }

  deinit { base.deallocate() }

  /// The bytes written, as `Data`.
  var data: Data { Data(bytes: base, count: count) }

  /// Makes room for `n` more bytes and lets `body` write up to `n` of them
  /// at `o + p`, advancing `p`.
  @inline(__always)
  mutating func withReservedBytes(_ n: Int, _ body: (UnsafeMutablePointer<UInt8>, inout Int) -> Void) {
    if count &+ n > capacity { grow(count + n) }
    var p = count
    body(base, &p)
    count = p
  }

  private mutating func grow(_ needed: Int) {
    var size = capacity * 2
    while size < needed { size *= 2 }
    let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: size)
    bigger.update(from: base, count: count)
    base.deallocate()
    base = bigger
    capacity = size
  }

  /// Appends one byte.
  @inline(__always)
  mutating func byte(_ x: UInt8) { withReservedBytes(1) { o, p in ByteWriter.put(x, o, &p) } }

  /// Appends text known at compile time.
  @inline(__always)
  mutating func ascii(_ s: StaticString) { withReservedBytes(s.utf8CodeUnitCount) { o, p in ByteWriter.put(s, o, &p) } }

  /// Appends a decimal integer.
  @inline(__always)
  mutating func int(_ v: Int) { withReservedBytes(24) { o, p in ByteWriter.putInt(v, o, &p) } }

  /// Appends a scaled integer as ``DecimalText/render(_:decimals:minimumDecimals:)`` renders it.
  mutating func scaled(_ value: Int64, decimals: Int, minimumDecimals: Int) {
    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: DecimalText.maximumRenderedBytes) { buffer in
      var n = 0
      do {
        var ms = buffer.mutableSpan
        DecimalText.put(value, decimals: decimals, minimumDecimals: minimumDecimals, &ms, &n)
      }
      guard let text = buffer.baseAddress else { return }
      withReservedBytes(n) { o, p in
        PrettyJSONWriter.copy(text, count: n, to: o + p)
        p &+= n
      }
    }
  }
}
