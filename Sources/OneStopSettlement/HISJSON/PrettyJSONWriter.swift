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
///   `JSONEncoder` sorts them); ``sortedKeys(_:)`` sorts a dictionary's.
struct PrettyJSONWriter {
  /// The bytes written.
  var out = ByteWriter(capacity: 8_192)
  /// Nesting depth.
  private var depth = 0
  /// Whether the container just opened has no member yet.
  private var empty = true

  /// The bytes written, as `Data`.
  var data: Data { Data(out.bytes) }

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
    out.withReserved(2 &+ 2 &* depth) { ms, p in Self.separator(first: first, depth: depth, &ms, &p) }
  }

  /// Starts an object member with a key known at compile time (plain ASCII,
  /// nothing to escape).
  mutating func key(_ k: StaticString) {
    let (first, depth) = (empty, depth)
    empty = false
    let n = k.utf8CodeUnitCount
    out.withReserved(2 &+ 2 &* depth &+ n &+ 5) { ms, p in
      Self.separator(first: first, depth: depth, &ms, &p)
      ms[p] = Self.quote
      let src = k.utf8Start
      for i in 0..<n { ms[p &+ 1 &+ i] = src[i] }
      p &+= n &+ 1
      Self.colon(&ms, &p)
    }
  }

  /// Starts an object member with a key from data (escaped).
  mutating func key(text k: String) {
    element()
    string(k)
    out.withReserved(4) { ms, p in
      p &-= 1  // over the closing quote, which `colon` writes
      Self.colon(&ms, &p)
    }
  }

  /// A string value, escaped as `JSONEncoder` escapes it.
  mutating func string(_ s: String) {
    var s = s
    s.withUTF8 { u in
      out.withReserved(u.count &* 6 &+ 2) { ms, p in
        ms[p] = Self.quote
        p &+= 1
        for x in u {
          if x >= 0x20, x != Self.quote, x != Self.backslash {
            ms[p] = x
            p &+= 1
            continue
          }
          ms[p] = Self.backslash
          switch x {
          case 0x08: ms[p &+ 1] = UInt8(ascii: "b")
          case 0x0C: ms[p &+ 1] = UInt8(ascii: "f")
          case 0x0A: ms[p &+ 1] = UInt8(ascii: "n")
          case 0x0D: ms[p &+ 1] = UInt8(ascii: "r")
          case 0x09: ms[p &+ 1] = UInt8(ascii: "t")
          case 0x20...: ms[p &+ 1] = x
          default:
            ms[p &+ 1] = UInt8(ascii: "u"); ms[p &+ 2] = ByteText.zero; ms[p &+ 3] = ByteText.zero
            ms[p &+ 4] = ByteWriter.hexDigit(x >> 4); ms[p &+ 5] = ByteWriter.hexDigit(x & 15)
            p &+= 4
          }
          p &+= 2
        }
        ms[p] = Self.quote
        p &+= 1
      }
    }
  }

  private static let quote = UInt8(ascii: "\""), backslash = UInt8(ascii: "\\")

  /// `,` and a line break unless first, then the indent.
  @inline(__always)
  private static func separator(first: Bool, depth: Int, _ ms: inout MutableSpan<UInt8>, _ p: inout Int) {
    if !first { ms[p] = UInt8(ascii: ","); ms[p &+ 1] = 0x0A; p &+= 2 }
    for _ in 0..<depth &* 2 { ms[p] = ByteText.space; p &+= 1 }
  }

  /// `" : ` after a key's closing quote.
  @inline(__always)
  private static func colon(_ ms: inout MutableSpan<UInt8>, _ p: inout Int) {
    ms[p] = quote; ms[p &+ 1] = ByteText.space; ms[p &+ 2] = UInt8(ascii: ":"); ms[p &+ 3] = ByteText.space
    p &+= 4
  }

  /// An amount as `Money` encodes it: a yuan string with two decimals.
  mutating func money(_ m: Money) {
    out.withReserved(26) { ms, p in
      ms[p] = Self.quote
      p &+= 1
      ByteWriter.putFen(m.fen, &ms, &p)
      ms[p] = Self.quote
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

  /// A dictionary's keys in the order `JSONEncoder` writes them.
  static func sortedKeys<V>(_ d: [String: V]) -> [String] {
    d.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
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
    out.withReserved(2 &+ 2 &* depth) { ms, p in
      ms[p] = 0x0A
      p &+= 1
      for _ in 0..<depth &* 2 { ms[p] = ByteText.space; p &+= 1 }
      ms[p] = bracket
      p &+= 1
    }
    empty = false
  }
}
