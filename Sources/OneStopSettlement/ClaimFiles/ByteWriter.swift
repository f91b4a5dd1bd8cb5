/// A growable output buffer with exact, allocation-free renderers for the
/// values claims files hold: fen as yuan with two decimals, dates, integers
/// and text escaped for CSV or JSON.
///
///     var w = ByteWriter()
///     w.fen(730_103)        // "7301.03"
///     w.date(20240501)      // "2024-05-01"
///     w.bytes               // the UTF-8 written so far
public struct ByteWriter: Sendable {
  var storage: [UInt8]
  /// The number of bytes written.
  public internal(set) var count: Int = 0

  /// Creates an empty buffer.
  public init(capacity: Int = 1 << 16) {
    storage = [UInt8](repeating: 0, count: max(capacity, 64))
  }

  /// Creates an empty buffer without clearing its bytes first (only bytes
  /// written are ever read): for short-lived buffers, where clearing would
  /// cost more than the writing.
  init(uninitializedCapacity capacity: Int) {
    storage = [UInt8](unsafeUninitializedCapacity: max(capacity, 64)) { _, n in n = max(capacity, 64) }
  }

  /// The bytes written so far.
  public var bytes: ArraySlice<UInt8> { storage[0..<count] }

  /// Forgets the bytes written, keeping the capacity.
  public mutating func removeAll() { count = 0 }

  /// Makes room for `n` more bytes.
  @inline(__always)
  mutating func reserve(_ n: Int) {
    if count &+ n > storage.count { grow(count + n) }
  }

  private mutating func grow(_ needed: Int) {
    var size = storage.count * 2
    while size < needed { size *= 2 }
    storage.append(contentsOf: repeatElement(0, count: size - storage.count))
  }

  /// Appends one byte.
  @inline(__always)
  public mutating func byte(_ x: UInt8) {
    reserve(1)
    storage[count] = x
    count &+= 1
  }

  /// Appends ASCII or UTF-8 text known at compile time.
  @inline(__always)
  public mutating func ascii(_ s: StaticString) {
    let n = s.utf8CodeUnitCount
    reserve(n)
    let p = count
    let src = s.utf8Start
    do {
      var ms = storage.mutableSpan
      var i = 0
      while i < n { ms[p &+ i] = src[i]; i &+= 1 }
    }
    count = p &+ n
  }

  /// Appends a string's UTF-8 bytes as they are.
  public mutating func text(_ s: String) {
    for x in s.utf8 { byte(x) }
  }

  /// Appends an amount in fen as yuan with two decimals (`-12.50`).
  @inline(__always)
  public mutating func fen(_ value: Int64) {
    withReservedBytes(24) { o, p in Self.putFen(value, o, &p) }
  }

  /// Appends a decimal integer.
  @inline(__always)
  public mutating func int(_ value: Int) {
    withReservedBytes(24) { o, p in Self.putInt(value, o, &p) }
  }

  /// Appends a packed `yyyymmdd` date as `yyyy-MM-dd`.
  @inline(__always)
  public mutating func date(_ packed: Int32) {
    withReservedBytes(10) { o, p in Self.putDate(packed, o, &p) }
  }

  /// Appends bytes as a CSV field, quoted when they hold `,` `"` or a line break.
  @inline(__always)
  mutating func csvField(_ r: ByteRange, in b: Span<UInt8>) {
    withReservedBytes(r.count &* 2 &+ 2) { o, p in Self.putCSV(r, b, o, &p) }
  }

  /// Appends bytes as a JSON string (with quotes and escapes).
  @inline(__always)
  mutating func jsonString(_ r: ByteRange, in b: Span<UInt8>) {
    withReservedBytes(r.count &* 6 &+ 2) { o, p in Self.putJSON(r, b, o, &p) }
  }

  /// Appends a string as a CSV field.
  public mutating func csvField(_ s: String) {
    let a = Array(s.utf8)
    csvField(ByteRange(0, a.count), in: a.span)
  }

  /// Appends a string as a JSON string.
  public mutating func jsonString(_ s: String) {
    let a = Array(s.utf8)
    jsonString(ByteRange(0, a.count), in: a.span)
  }
}

extension ByteWriter {
  /// Appends bytes as they are.
  @inline(__always)
  mutating func bytes(_ a: [UInt8]) {
    withReservedBytes(a.count) { o, p in Self.put(a, o, &p) }
  }
}
