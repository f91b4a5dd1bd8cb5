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
    if !empty { out.byte(UInt8(ascii: ",")) ; out.byte(0x0A) }
    empty = false
    indent()
  }

  /// Starts an object member with a key known at compile time (plain ASCII).
  mutating func key(_ k: StaticString) {
    element()
    out.byte(UInt8(ascii: "\""))
    out.ascii(k)
    out.ascii("\" : ")
  }

  /// Starts an object member with a key from data (escaped).
  mutating func key(_ k: String) {
    element()
    string(k)
    out.ascii(" : ")
  }

  /// A string value, escaped as `JSONEncoder` escapes it.
  mutating func string(_ s: String) {
    out.byte(UInt8(ascii: "\""))
    var s = s
    s.withUTF8 { u in
      var mark = 0
      for (i, x) in u.enumerated() where x < 0x20 || x == UInt8(ascii: "\"") || x == UInt8(ascii: "\\") {
        out.bytes(u, mark..<i)
        out.byte(UInt8(ascii: "\\"))
        switch x {
        case 0x08: out.byte(UInt8(ascii: "b"))
        case 0x0C: out.byte(UInt8(ascii: "f"))
        case 0x0A: out.byte(UInt8(ascii: "n"))
        case 0x0D: out.byte(UInt8(ascii: "r"))
        case 0x09: out.byte(UInt8(ascii: "t"))
        case 0x20...: out.byte(x)
        default:
          out.ascii("u00")
          out.byte(ByteWriter.hexDigit(x >> 4))
          out.byte(ByteWriter.hexDigit(x & 15))
        }
        mark = i + 1
      }
      out.bytes(u, mark..<u.count)
    }
    out.byte(UInt8(ascii: "\""))
  }

  /// An amount as `Money` encodes it: a yuan string with two decimals.
  mutating func money(_ m: Money) {
    out.byte(UInt8(ascii: "\""))
    out.fen(m.fen)
    out.byte(UInt8(ascii: "\""))
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
    out.byte(0x0A)
    depth -= 1
    indent()
    out.byte(bracket)
    empty = false
  }

  private mutating func indent() {
    for _ in 0..<depth { out.ascii("  ") }
  }
}
