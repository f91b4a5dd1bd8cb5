/// Raised by ``JSONByteReader`` for anything it does not read: the caller
/// then decodes the same bytes with `JSONDecoder` (``JSONInput``), which
/// yields the value or the ``SettlementError`` it always did.
struct JSONFallback: Error {}

/// A strict pull reader over JSON bytes, for the fixed request schema.
///
/// It reads a conservative subset of JSON and gives up (``JSONFallback``) on
/// everything else, so that it never accepts what `JSONDecoder` rejects and
/// never reads a different value:
///
/// * whitespace is the four JSON whitespace bytes; the input is UTF-8 with
///   no byte-order mark;
/// * keys are strings without escapes; values are strings (escapes
///   `\" \\ \/ \b \f \n \r \t \uXXXX` outside the surrogate range, valid
///   UTF-8), `true`/`false`, and non-negative numbers
///   `0|[1-9][0-9]*` with an optional `.digits` (no exponent);
/// * `null`, negative numbers, surrogate escapes, control characters and
///   anything malformed make it give up.
///
/// The reader only lives inside `Data.withUnsafeBytes`.
struct JSONByteReader {
  /// The input.
  let b: UnsafeBufferPointer<UInt8>
  /// The read position.
  var p = 0

  init(_ bytes: UnsafeBufferPointer<UInt8>) { b = bytes }

  static let quote = UInt8(ascii: "\""), backslash = UInt8(ascii: "\\"), zero = UInt8(ascii: "0")

  /// Skips JSON whitespace.
  @inline(__always)
  mutating func skipSpace() {
    while p < b.count {
      let x = b[p]
      guard x == 0x20 || x == 0x0A || x == 0x0D || x == 0x09 else { return }
      p &+= 1
    }
  }

  /// The next byte after whitespace, not consumed.
  @inline(__always)
  mutating func peek() throws(JSONFallback) -> UInt8 {
    skipSpace()
    guard p < b.count else { throw JSONFallback() }
    return b[p]
  }

  /// Consumes `x` after whitespace.
  @inline(__always)
  mutating func expect(_ x: UInt8) throws(JSONFallback) {
    guard try peek() == x else { throw JSONFallback() }
    p &+= 1
  }

  /// Only whitespace is left.
  mutating func finish() throws(JSONFallback) {
    skipSpace()
    guard p == b.count else { throw JSONFallback() }
  }

  /// Reads an object; `member` reads the value of each key, given the key's
  /// bytes (a key without escapes).
  @inline(__always)
  mutating func object(_ member: (inout JSONByteReader, ByteRange) throws(JSONFallback) -> Void) throws(JSONFallback) {
    try expect(UInt8(ascii: "{"))
    if try peek() == UInt8(ascii: "}") { p &+= 1; return }
    while true {
      guard try peek() == Self.quote else { throw JSONFallback() }
      let key = try plainString()
      try expect(UInt8(ascii: ":"))
      try member(&self, key)
      let x = try peek()
      p &+= 1
      if x == UInt8(ascii: "}") { return }
      guard x == UInt8(ascii: ",") else { throw JSONFallback() }
    }
  }

  /// Reads an array; `element` reads each element.
  @inline(__always)
  mutating func array(_ element: (inout JSONByteReader) throws(JSONFallback) -> Void) throws(JSONFallback) {
    try expect(UInt8(ascii: "["))
    if try peek() == UInt8(ascii: "]") { p &+= 1; return }
    while true {
      try element(&self)
      let x = try peek()
      p &+= 1
      if x == UInt8(ascii: "]") { return }
      guard x == UInt8(ascii: ",") else { throw JSONFallback() }
    }
  }

  /// Whether the bytes of `r` spell `word`.
  @inline(__always)
  func matches(_ r: ByteRange, _ word: StaticString) -> Bool { ByteText.matches(r, in: b.span, word) }

  /// Marks field `bit` read; a key given twice gives up.
  @inline(__always)
  static func once(_ seen: inout UInt32, _ bit: UInt32) throws(JSONFallback) {
    guard seen & bit == 0 else { throw JSONFallback() }
    seen |= bit
  }

  // MARK: - Values

  /// A string without escapes or control characters, as the range of its
  /// contents (not checked as UTF-8).
  @inline(__always)
  mutating func plainString() throws(JSONFallback) -> ByteRange {
    try expect(Self.quote)
    let start = p
    while p < b.count {
      let x = b[p]
      if x == Self.quote {
        p &+= 1
        return ByteRange(start, p &- 1)
      }
      guard x >= 0x20, x != Self.backslash else { throw JSONFallback() }
      p &+= 1
    }
    throw JSONFallback()
  }

  /// A string value, escapes decoded, valid UTF-8.
  mutating func string() throws(JSONFallback) -> String {
    guard try peek() == Self.quote else { throw JSONFallback() }
    let start = p &+ 1
    if let r = try? plainString() { return try text(r) }
    // Escapes: decode into a buffer.
    p = start
    var out: [UInt8] = []
    out.reserveCapacity(32)
    while p < b.count {
      let x = b[p]
      p &+= 1
      if x == Self.quote { return try Self.validated(out) }
      guard x >= 0x20 else { throw JSONFallback() }
      guard x == Self.backslash else { out.append(x); continue }
      guard p < b.count else { throw JSONFallback() }
      let e = b[p]
      p &+= 1
      switch e {
      case Self.quote, Self.backslash, UInt8(ascii: "/"): out.append(e)
      case UInt8(ascii: "b"): out.append(0x08)
      case UInt8(ascii: "f"): out.append(0x0C)
      case UInt8(ascii: "n"): out.append(0x0A)
      case UInt8(ascii: "r"): out.append(0x0D)
      case UInt8(ascii: "t"): out.append(0x09)
      case UInt8(ascii: "u"):
        var v: UInt32 = 0
        for _ in 0..<4 {
          guard p < b.count, let h = Self.hex(b[p]) else { throw JSONFallback() }
          v = v << 4 | h
          p &+= 1
        }
        guard let scalar = Unicode.Scalar(v) else { throw JSONFallback() }  // surrogates
        out.append(contentsOf: scalar.utf8)
      default: throw JSONFallback()
      }
    }
    throw JSONFallback()
  }

  /// The bytes of `r` as a string, valid UTF-8 only.
  func text(_ r: ByteRange) throws(JSONFallback) -> String {
    let s = UnsafeBufferPointer(rebasing: b[r.lower..<r.upper])
    var ascii = true
    for x in s where x >= 0x80 { ascii = false; break }
    if ascii { return String(decoding: s, as: UTF8.self) }
    guard let t = String(validating: s, as: UTF8.self) else { throw JSONFallback() }
    return t
  }

  private static func validated(_ bytes: [UInt8]) throws(JSONFallback) -> String {
    guard let t = String(validating: bytes, as: UTF8.self) else { throw JSONFallback() }
    return t
  }

  private static func hex(_ x: UInt8) -> UInt32? {
    switch x {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(x &- UInt8(ascii: "0"))
    case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(x &- UInt8(ascii: "a") &+ 10)
    case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(x &- UInt8(ascii: "A") &+ 10)
    default: nil
    }
  }

  /// `true` or `false`.
  mutating func bool() throws(JSONFallback) -> Bool {
    let x = try peek()
    let word: StaticString = x == UInt8(ascii: "t") ? "true" : "false"
    let r = ByteRange(p, p &+ word.utf8CodeUnitCount)
    guard r.upper <= b.count, matches(r, word) else { throw JSONFallback() }
    p = r.upper
    return x == UInt8(ascii: "t")
  }

  /// A non-negative JSON number `0|[1-9][0-9]*(.[0-9]+)?`, as its range.
  /// What follows is checked by the caller's `,` `}` `]`.
  @inline(__always)
  mutating func number() throws(JSONFallback) -> ByteRange {
    let start = p
    guard p < b.count, b[p] &- Self.zero <= 9 else { throw JSONFallback() }
    if b[p] == Self.zero { p &+= 1 } else { digits() }
    if p < b.count, b[p] == UInt8(ascii: ".") {
      p &+= 1
      let f = p
      digits()
      guard p > f else { throw JSONFallback() }
    }
    return ByteRange(start, p)
  }

  @inline(__always)
  private mutating func digits() {
    while p < b.count, b[p] &- Self.zero <= 9 { p &+= 1 }
  }

  /// A non-negative integer of at most 18 digits.
  mutating func int() throws(JSONFallback) -> Int {
    _ = try peek()
    let r = try number()
    guard r.count <= 18 else { throw JSONFallback() }
    var v = 0
    for i in r.lower..<r.upper {
      let d = b[i] &- Self.zero
      guard d <= 9 else { throw JSONFallback() }  // a fraction
      v = v &* 10 &+ Int(d)
    }
    return v
  }

  /// A decimal as a number or a string, scaled to `decimals` places
  /// (``DecimalText/scaled(ascii:decimals:)``).
  mutating func scaled(decimals: Int) throws(JSONFallback) -> Int64 {
    let r = try peek() == Self.quote ? try plainString() : try number()
    guard let v = DecimalText.scaled(ascii: UnsafeBufferPointer(rebasing: b[r.lower..<r.upper]), decimals: decimals) else {
      throw JSONFallback()
    }
    return v
  }

  /// An amount in 0…``Money/maximumFen`` (the range `Check.amount` enforces).
  mutating func amount() throws(JSONFallback) -> Money {
    let fen = try scaled(decimals: 2)
    guard fen <= Money.maximumFen else { throw JSONFallback() }
    return Money(fen: fen)
  }

  /// A date string `yyyy-MM-dd` of ASCII digits, valid in ``CivilDate``.
  mutating func date() throws(JSONFallback) -> CivilDate {
    let r = try plainString()
    guard r.count == 10, b[r.lower &+ 4] == UInt8(ascii: "-"), b[r.lower &+ 7] == UInt8(ascii: "-") else { throw JSONFallback() }
    func field(_ from: Int, _ n: Int) throws(JSONFallback) -> Int {
      var v = 0
      for i in r.lower &+ from..<r.lower &+ from &+ n {
        let d = b[i] &- Self.zero
        guard d <= 9 else { throw JSONFallback() }
        v = v &* 10 &+ Int(d)
      }
      return v
    }
    let (y, m, d) = (try field(0, 4), try field(5, 2), try field(8, 2))
    guard let date = try? CivilDate(year: y, month: m, day: d) else { throw JSONFallback() }
    return date
  }
}
