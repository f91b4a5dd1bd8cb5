/// A JSON document as a tree, numbers kept as their exact text.
///
/// Used to edit tables and parameters by path (``JSONOverride``): decoding
/// into `JSONValue` and encoding back changes no number, because a number is
/// never converted to binary floating point.
enum JSONValue: Sendable, Hashable {
  case null
  case bool(Bool)
  /// A number, as written (`0.5`, `15000`).
  case number(String)
  case string(String)
  case array([JSONValue])
  /// An object, keys in document order.
  case object([(key: String, value: JSONValue)])

  static func == (a: JSONValue, b: JSONValue) -> Bool {
    switch (a, b) {
    case (.null, .null): true
    case let (.bool(x), .bool(y)): x == y
    case let (.number(x), .number(y)): x == y
    case let (.string(x), .string(y)): x == y
    case let (.array(x), .array(y)): x == y
    case let (.object(x), .object(y)): x.map(\.key) == y.map(\.key) && x.map(\.value) == y.map(\.value)
    default: false
    }
  }

  func hash(into h: inout Hasher) {
    switch self {
    case .null: h.combine(0)
    case .bool(let b): h.combine(b)
    case .number(let n): h.combine(n)
    case .string(let s): h.combine(s)
    case .array(let a): h.combine(a)
    case .object(let o): for (k, v) in o { h.combine(k); h.combine(v) }
    }
  }

  /// Parses JSON text.
  static func parse(_ bytes: [UInt8]) throws(SettlementError) -> JSONValue {
    var p = JSONTextParser(bytes: bytes)
    p.skipSpace()
    let v = try p.value(depth: 0)
    p.skipSpace()
    guard p.pos == bytes.count else { throw p.error("the end of the document") }
    return v
  }

  /// Compact JSON text.
  var text: String {
    var s = ""
    write(to: &s)
    return s
  }

  private func write(to s: inout String) {
    switch self {
    case .null: s += "null"
    case .bool(let b): s += b ? "true" : "false"
    case .number(let n): s += n
    case .string(let t): JSONValue.quote(t, into: &s)
    case .array(let a):
      s += "["
      for (i, v) in a.enumerated() {
        if i > 0 { s += "," }
        v.write(to: &s)
      }
      s += "]"
    case .object(let o):
      s += "{"
      for (i, kv) in o.enumerated() {
        if i > 0 { s += "," }
        JSONValue.quote(kv.key, into: &s)
        s += ":"
        kv.value.write(to: &s)
      }
      s += "}"
    }
  }

  static func quote(_ t: String, into s: inout String) {
    s += "\""
    for u in t.unicodeScalars {
      switch u {
      case "\"": s += "\\\""
      case "\\": s += "\\\\"
      case "\n": s += "\\n"
      case "\r": s += "\\r"
      case "\t": s += "\\t"
      default:
        if u.value < 0x20 {
          let hex = String(u.value, radix: 16)
          s += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        } else {
          s.unicodeScalars.append(u)
        }
      }
    }
    s += "\""
  }

  /// The member `key` of an object.
  subscript(key: String) -> JSONValue? {
    guard case .object(let o) = self else { return nil }
    return o.first { $0.key == key }?.value
  }
}

/// Recursive-descent JSON parser over bytes.
private struct JSONTextParser {
  let bytes: [UInt8]
  var pos = 0

  func error(_ expected: String) -> SettlementError {
    SettlementError(.malformedJSON, at: "offset \(pos)", expected: expected)
  }

  mutating func skipSpace() {
    while pos < bytes.count, [32, 9, 10, 13].contains(bytes[pos]) { pos += 1 }
  }

  mutating func literal(_ word: String, _ v: JSONValue) throws(SettlementError) -> JSONValue {
    let w = Array(word.utf8)
    guard pos + w.count <= bytes.count, Array(bytes[pos..<pos + w.count]) == w else { throw error("a JSON value") }
    pos += w.count
    return v
  }

  mutating func value(depth: Int) throws(SettlementError) -> JSONValue {
    guard depth < 64 else { throw error("at most 64 levels of nesting") }
    guard pos < bytes.count else { throw error("a JSON value") }
    switch bytes[pos] {
    case UInt8(ascii: "n"): return try literal("null", .null)
    case UInt8(ascii: "t"): return try literal("true", .bool(true))
    case UInt8(ascii: "f"): return try literal("false", .bool(false))
    case UInt8(ascii: "\""): return .string(try string())
    case UInt8(ascii: "["):
      pos += 1
      var items: [JSONValue] = []
      skipSpace()
      if pos < bytes.count, bytes[pos] == UInt8(ascii: "]") { pos += 1; return .array(items) }
      while true {
        skipSpace()
        items.append(try value(depth: depth + 1))
        skipSpace()
        guard pos < bytes.count else { throw error("',' or ']'") }
        if bytes[pos] == UInt8(ascii: "]") { pos += 1; return .array(items) }
        guard bytes[pos] == UInt8(ascii: ",") else { throw error("',' or ']'") }
        pos += 1
      }
    case UInt8(ascii: "{"):
      pos += 1
      var members: [(key: String, value: JSONValue)] = []
      skipSpace()
      if pos < bytes.count, bytes[pos] == UInt8(ascii: "}") { pos += 1; return .object(members) }
      while true {
        skipSpace()
        guard pos < bytes.count, bytes[pos] == UInt8(ascii: "\"") else { throw error("a key") }
        let key = try string()
        skipSpace()
        guard pos < bytes.count, bytes[pos] == UInt8(ascii: ":") else { throw error("':'") }
        pos += 1
        skipSpace()
        members.append((key, try value(depth: depth + 1)))
        skipSpace()
        guard pos < bytes.count else { throw error("',' or '}'") }
        if bytes[pos] == UInt8(ascii: "}") { pos += 1; return .object(members) }
        guard bytes[pos] == UInt8(ascii: ",") else { throw error("',' or '}'") }
        pos += 1
      }
    default:
      let start = pos
      while pos < bytes.count, "-+.eE0123456789".utf8.contains(bytes[pos]) { pos += 1 }
      guard pos > start else { throw error("a JSON value") }
      return .number(String(decoding: bytes[start..<pos], as: UTF8.self))
    }
  }

  mutating func string() throws(SettlementError) -> String {
    pos += 1
    var out: [UInt8] = []
    while pos < bytes.count {
      let c = bytes[pos]
      if c == UInt8(ascii: "\"") { pos += 1; return String(decoding: out, as: UTF8.self) }
      if c == UInt8(ascii: "\\") {
        guard pos + 1 < bytes.count else { throw error("an escape") }
        let e = bytes[pos + 1]
        pos += 2
        switch e {
        case UInt8(ascii: "n"): out.append(10)
        case UInt8(ascii: "t"): out.append(9)
        case UInt8(ascii: "r"): out.append(13)
        case UInt8(ascii: "b"): out.append(8)
        case UInt8(ascii: "f"): out.append(12)
        case UInt8(ascii: "u"):
          var scalar = try hex()
          if (0xD800..<0xDC00).contains(scalar), pos + 1 < bytes.count, bytes[pos] == UInt8(ascii: "\\") {
            pos += 2
            let low = try hex()
            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
          }
          guard let u = Unicode.Scalar(scalar) else { throw error("a valid \\u escape") }
          out.append(contentsOf: Array(String(Character(u)).utf8))
        default: out.append(e)
        }
        continue
      }
      out.append(c)
      pos += 1
    }
    throw error("a closing quote")
  }

  mutating func hex() throws(SettlementError) -> UInt32 {
    guard pos + 4 <= bytes.count, let v = UInt32(String(decoding: bytes[pos..<pos + 4], as: UTF8.self), radix: 16) else {
      throw error("four hex digits")
    }
    pos += 4
    return v
  }
}
