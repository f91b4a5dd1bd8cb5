internal import Foundation

/// Writes JSON byte for byte as ``JSONOutput`` does (Foundation's
/// `JSONEncoder` with `.prettyPrinted`, `.sortedKeys`,
/// `.withoutEscapingSlashes`), for records written by hand:
///
/// * two spaces of indent per level, `"key" : value`, members separated by
///   `,` and a line break; an empty object or array is `{`, two line breaks,
///   the indent and `}`;
/// * strings escape `"` and `\`, `\b \f \n \r \t`, other control characters
///   as `\u00xx` (lower-case hex); `/` and all other text as is (UTF-8);
/// * the caller writes keys in sorted order (by UTF-8 bytes, as
///   `JSONEncoder` sorts them); ``forEachSorted(_:_:)`` sorts a dictionary's.
struct PrettyJSONWriter: ~Copyable {
  /// The bytes written.
  var out = ResponseBuffer(capacity: 8_192)
  /// Nesting depth.
  private var depth = 0
  /// Whether the container just opened has no member yet.
  private var empty = true

  /// The bytes written, as `Data`.
  var data: Data { out.data }

  /// Opens an object (as a value).
  mutating func beginObject() { open(UInt8(ascii: "{")) }
  /// Closes an object.
  mutating func endObject() { close(UInt8(ascii: "}")) }
  /// Opens an array (as a value).
  mutating func beginArray() { open(UInt8(ascii: "[")) }
  /// Closes an array.
  mutating func endArray() { close(UInt8(ascii: "]")) }

  /// Starts the next array element.
  mutating func element() {
    let (first, depth) = (empty, depth)
    empty = false
    out.withReservedBytes(2 &+ 2 &* depth &+ 8) { o, p in Self.separator(first: first, depth: depth, o, &p) }
  }

  /// Starts an object member with a key known at compile time (plain ASCII,
  /// nothing to escape).
  mutating func key(_ k: StaticString) {
    let (first, depth) = (empty, depth)
    empty = false
    let n = k.utf8CodeUnitCount
    out.withReservedBytes(2 &+ 2 &* depth &+ n &+ 5 &+ 8) { o, p in
      Self.separator(first: first, depth: depth, o, &p)
      o[p] = Self.quote
      Self.copy(k.utf8Start, count: n, to: o + (p &+ 1))
      p &+= n &+ 1
      Self.colon(o, &p)
    }
  }

  /// Starts an object member with a key from data (escaped).
  mutating func key(text k: String) {
    element()
    string(k)
    out.withReservedBytes(4) { o, p in
      p &-= 1  // over the closing quote, which `colon` writes
      Self.colon(o, &p)
    }
  }

  /// A string value, escaped as `JSONEncoder` escapes it.
  mutating func string(_ s: String) {
    var s = s
    s.withUTF8 { u in
      out.withReservedBytes(u.count &* 6 &+ 2) { o, p in
        o[p] = Self.quote
        p &+= 1
        var i = 0
        let n = u.count
        // Eight bytes at a time: stored at once, then the position moved
        // past the bytes before the first that needs escaping (all eight
        // when none does), that byte escaped.
        while i &+ 8 <= n {
          let eight = UnsafeRawPointer(u.baseAddress.unsafelyUnwrapped + i).loadUnaligned(as: UInt64.self)
          UnsafeMutableRawPointer(o + p).storeBytes(of: eight, as: UInt64.self)  // within the reservation: n − i ≥ 8
          let mask = Self.escapeMask(eight)
          if mask == 0 {
            p &+= 8
            i &+= 8
            continue
          }
          let clean = mask.trailingZeroBitCount &>> 3
          p &+= clean
          i &+= clean
          Self.escaped(u[i], o, &p)
          i &+= 1
        }
        while i < n {
          Self.escaped(u[i], o, &p)
          i &+= 1
        }
        o[p] = Self.quote
        p &+= 1
      }
    }
  }

  private static let quote = UInt8(ascii: "\""), backslash = UInt8(ascii: "\\")

  /// One byte of a string as `JSONEncoder` writes it (at most 6 bytes at `o + p`).
  @inline(__always)
  private static func escaped(_ x: UInt8, _ o: UnsafeMutablePointer<UInt8>, _ p: inout Int) {
    if x >= 0x20, x != quote, x != backslash {
      o[p] = x
      p &+= 1
      return
    }
    o[p] = backslash
    switch x {
    case 0x08: o[p &+ 1] = UInt8(ascii: "b")
    case 0x0C: o[p &+ 1] = UInt8(ascii: "f")
    case 0x0A: o[p &+ 1] = UInt8(ascii: "n")
    case 0x0D: o[p &+ 1] = UInt8(ascii: "r")
    case 0x09: o[p &+ 1] = UInt8(ascii: "t")
    case 0x20...: o[p &+ 1] = x
    default:
      o[p &+ 1] = UInt8(ascii: "u"); o[p &+ 2] = ByteText.zero; o[p &+ 3] = ByteText.zero
      o[p &+ 4] = ByteWriter.hexDigit(x >> 4); o[p &+ 5] = ByteWriter.hexDigit(x & 15)
      p &+= 4
    }
    p &+= 2
  }

  /// Whether any of eight bytes is a control character, `"` or a backslash.
  @inline(__always)
  static func needsEscape(_ w: UInt64) -> Bool { escapeMask(w) != 0 }

  /// The high bit set in each byte (of eight, little-endian) that may need
  /// escaping: zero when none does, and the lowest bit set is exactly the
  /// first byte that does (a borrow can only mark bytes after it).
  @inline(__always)
  static func escapeMask(_ w: UInt64) -> UInt64 {
    let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
    @inline(__always) func zeros(_ v: UInt64) -> UInt64 { (v &- ones) & ~v & highs }
    let control = (w &- ones &* 0x20) & ~w & highs  // bytes below 0x20
    return control | zeros(w ^ (ones &* UInt64(quote))) | zeros(w ^ (ones &* UInt64(backslash)))
  }

  /// `,` and a line break unless first, then the indent (at most
  /// `2 + 2 × depth` bytes at `o + p`, and up to 8 bytes past them
  /// overwritten, reserved by the caller).
  @inline(__always)
  private static func separator(first: Bool, depth: Int, _ o: UnsafeMutablePointer<UInt8>, _ p: inout Int) {
    if !first { o[p] = UInt8(ascii: ","); o[p &+ 1] = 0x0A; p &+= 2 }
    indent(depth, o, &p)
  }

  /// `2 × depth` spaces at `o + p`, eight at a store (up to 8 bytes past
  /// them overwritten).
  @inline(__always)
  private static func indent(_ depth: Int, _ o: UnsafeMutablePointer<UInt8>, _ p: inout Int) {
    let end = p &+ depth &* 2
    while p < end {
      UnsafeMutableRawPointer(o + p).storeBytes(of: 0x2020_2020_2020_2020 as UInt64, as: UInt64.self)
      p &+= 8
    }
    p = end
  }

  /// Copies `n` bytes, short runs by a few overlapping loads and stores
  /// (never reading or writing outside the `n` bytes) instead of a call.
  @inline(__always)
  static func copy(_ from: UnsafePointer<UInt8>, count n: Int, to: UnsafeMutablePointer<UInt8>) {
    let s = UnsafeRawPointer(from), d = UnsafeMutableRawPointer(to)
    @inline(__always) func move<T>(_ offset: Int, _: T.Type) {
      d.storeBytes(of: s.loadUnaligned(fromByteOffset: offset, as: T.self), toByteOffset: offset, as: T.self)
    }
    switch n {
    case 0: return
    case 1...3: for i in 0..<n { to[i] = from[i] }
    case 4...8: move(0, UInt32.self); move(n &- 4, UInt32.self)
    case 9...16: move(0, UInt64.self); move(n &- 8, UInt64.self)
    case 17...32: move(0, UInt64.self); move(8, UInt64.self); move(n &- 16, UInt64.self); move(n &- 8, UInt64.self)
    default: to.update(from: from, count: n)
    }
  }

  /// `" : ` after a key's closing quote (4 bytes at `o + p`, reserved by the caller).
  @inline(__always)
  private static func colon(_ o: UnsafeMutablePointer<UInt8>, _ p: inout Int) {
    o[p] = quote; o[p &+ 1] = ByteText.space; o[p &+ 2] = UInt8(ascii: ":"); o[p &+ 3] = ByteText.space
    p &+= 4
  }

  /// An amount as `Money` encodes it: a yuan string with two decimals.
  mutating func money(_ m: Money) {
    out.withReservedBytes(26) { o, p in
      o[p] = Self.quote
      p &+= 1
      ByteWriter.putFen(m.fen, o, &p)  // at most 24 bytes
      o[p] = Self.quote
      p &+= 1
    }
  }

  /// A rate as `Rate` encodes it: a string with four to six decimals.
  mutating func rate(_ r: Rate) {
    out.byte(UInt8(ascii: "\""))
    out.scaled(r.micros, decimals: 6, minimumDecimals: 4)
    out.byte(UInt8(ascii: "\""))
  }

  /// An integer.
  mutating func int(_ v: Int) { out.int(v) }

  /// `true` or `false`.
  mutating func bool(_ v: Bool) { v ? out.ascii("true") : out.ascii("false") }

  /// Calls `body` with a dictionary's members in the order `JSONEncoder`
  /// writes them (keys by UTF-8 bytes): the members are read once (no
  /// look-up per key) and their positions sorted, not the members.
  static func forEachSorted<V>(_ d: [String: V], _ body: (String, V) -> Void) {
    if d.count < 2 {
      for (k, v) in d { body(k, v) }
      return
    }
    let members = Array(d)
    withUnsafeTemporaryAllocation(of: Int.self, capacity: members.count) { order in
      for i in 0..<members.count {  // insertion sort: a handful of keys
        var j = i
        while j > 0, precedes(members[i].key, members[order[j &- 1]].key) {
          order[j] = order[j &- 1]
          j &-= 1
        }
        order[j] = i
      }
      for i in order { body(members[i].key, members[i].value) }
    }
  }

  /// Whether `a` sorts before `b` by UTF-8 bytes, compared in place.
  static func precedes(_ a: String, _ b: String) -> Bool {
    var (a, b) = (a, b)
    return a.withUTF8 { x in b.withUTF8 { y in x.lexicographicallyPrecedes(y) } }
  }

  private mutating func open(_ bracket: UInt8) {
    out.byte(bracket)
    out.byte(0x0A)
    depth += 1
    empty = true
  }

  private mutating func close(_ bracket: UInt8) {
    depth -= 1
    let depth = depth
    out.withReservedBytes(2 &+ 2 &* depth &+ 8) { o, p in
      o[p] = 0x0A
      p &+= 1
      Self.indent(depth, o, &p)
      o[p] = bracket
      p &+= 1
    }
    empty = false
  }
}
