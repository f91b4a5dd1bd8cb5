public import Foundation

extension JSONValue {
  /// The deepest nesting of arrays and objects accepted.
  public static let maximumDepth = 128

  /// Parses a JSON document (RFC 8259), keeping number text exact.
  ///
  /// - Throws: ``SettlementError/Code/malformedJSON`` at `line L, column C`
  ///   for a syntax error; ``SettlementError/Code/duplicateDefinition`` for
  ///   an object with the same key twice, naming the JSON path.
  public static func parse(_ data: Data) throws(SettlementError) -> JSONValue {
    var p = JSONParser(bytes: Array(data))
    p.skipSpace()
    let value = try p.value(path: "", depth: 0)
    p.skipSpace()
    guard p.i == p.bytes.count else { throw p.error(expected: "the end of the document") }
    return value
  }
}

/// A recursive-descent JSON parser over UTF-8 bytes.
private struct JSONParser {
  let bytes: [UInt8]
  var i = 0

  init(bytes: [UInt8]) {
    self.bytes = bytes
    // Skip a UTF-8 byte-order mark.
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { i = 3 }
  }

  /// `line L, column C` of byte `index` (1-based, columns in bytes).
  func location(at index: Int) -> String {
    var line = 1, column = 1
    for b in bytes[..<min(index, bytes.count)] {
      if b == UInt8(ascii: "\n") { line += 1; column = 1 } else { column += 1 }
    }
    return "line \(line), column \(column)"
  }

  func error(expected: String) -> SettlementError {
    let found = i < bytes.count ? String(decoding: bytes[i..<min(i + 12, bytes.count)], as: UTF8.self) : "end of file"
    return SettlementError(.malformedJSON, at: location(at: i), expected: expected, found: found)
  }

  mutating func skipSpace() {
    while i < bytes.count, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[i]) { i += 1 }
  }

  mutating func value(path: String, depth: Int) throws(SettlementError) -> JSONValue {
    guard depth < JSONValue.maximumDepth else {
      throw error(expected: "at most \(JSONValue.maximumDepth) nested arrays and objects")
    }
    guard i < bytes.count else { throw error(expected: "a value") }
    switch bytes[i] {
    case UInt8(ascii: "{"): return try object(path: path, depth: depth)
    case UInt8(ascii: "["): return try array(path: path, depth: depth)
    case UInt8(ascii: "\""): return .string(try string())
    case UInt8(ascii: "t"): try literal("true"); return .bool(true)
    case UInt8(ascii: "f"): try literal("false"); return .bool(false)
    case UInt8(ascii: "n"): try literal("null"); return .null
    default: return .number(try number())
    }
  }

  mutating func literal(_ word: String) throws(SettlementError) {
    let w = Array(word.utf8)
    guard bytes.count - i >= w.count, Array(bytes[i..<i + w.count]) == w else { throw error(expected: "a value") }
    i += w.count
  }

  mutating func object(path: String, depth: Int) throws(SettlementError) -> JSONValue {
    i += 1
    var members: [JSONValue.Member] = []
    var seen = Set<String>()
    skipSpace()
    if i < bytes.count, bytes[i] == UInt8(ascii: "}") { i += 1; return .object([]) }
    while true {
      skipSpace()
      guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else { throw error(expected: "a key in double quotes") }
      let keyStart = i
      let key = try string()
      let keyPath = path.isEmpty ? key : "\(path).\(key)"
      guard seen.insert(key).inserted else {
        throw SettlementError(.duplicateDefinition, at: keyPath, expected: "each key once in an object (\(location(at: keyStart)))", found: key)
      }
      skipSpace()
      guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { throw error(expected: "':' after the key") }
      i += 1
      skipSpace()
      members.append(JSONValue.Member(key, try value(path: keyPath, depth: depth + 1)))
      skipSpace()
      guard i < bytes.count else { throw error(expected: "',' or '}'") }
      if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
      if bytes[i] == UInt8(ascii: "}") { i += 1; return .object(members) }
      throw error(expected: "',' or '}'")
    }
  }

  mutating func array(path: String, depth: Int) throws(SettlementError) -> JSONValue {
    i += 1
    var items: [JSONValue] = []
    skipSpace()
    if i < bytes.count, bytes[i] == UInt8(ascii: "]") { i += 1; return .array([]) }
    while true {
      skipSpace()
      items.append(try value(path: "\(path)[\(items.count)]", depth: depth + 1))
      skipSpace()
      guard i < bytes.count else { throw error(expected: "',' or ']'") }
      if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
      if bytes[i] == UInt8(ascii: "]") { i += 1; return .array(items) }
      throw error(expected: "',' or ']'")
    }
  }

  mutating func string() throws(SettlementError) -> String {
    i += 1
    var scalars = String.UnicodeScalarView()
    var run = i  // start of the current run of plain bytes
    func flush(_ end: Int) { scalars.append(contentsOf: String(decoding: bytes[run..<end], as: UTF8.self).unicodeScalars) }
    while i < bytes.count {
      let b = bytes[i]
      if b == UInt8(ascii: "\"") {
        flush(i)
        i += 1
        return String(scalars)
      }
      if b < 0x20 { throw error(expected: "no control characters in a string (use \\n, \\t …)") }
      if b != UInt8(ascii: "\\") { i += 1; continue }
      flush(i)
      i += 1
      guard i < bytes.count else { break }
      let e = bytes[i]
      i += 1
      switch e {
      case UInt8(ascii: "\""): scalars.append("\"")
      case UInt8(ascii: "\\"): scalars.append("\\")
      case UInt8(ascii: "/"): scalars.append("/")
      case UInt8(ascii: "b"): scalars.append("\u{08}")
      case UInt8(ascii: "f"): scalars.append("\u{0C}")
      case UInt8(ascii: "n"): scalars.append("\n")
      case UInt8(ascii: "r"): scalars.append("\r")
      case UInt8(ascii: "t"): scalars.append("\t")
      case UInt8(ascii: "u"):
        var code = try hex4()
        if (0xD800..<0xDC00).contains(code) {
          guard bytes.count - i >= 6, bytes[i] == UInt8(ascii: "\\"), bytes[i + 1] == UInt8(ascii: "u") else {
            throw error(expected: "a low surrogate after a high surrogate")
          }
          i += 2
          let low = try hex4()
          guard (0xDC00..<0xE000).contains(low) else { throw error(expected: "a low surrogate") }
          code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
        }
        guard let u = Unicode.Scalar(code) else { throw error(expected: "a valid Unicode escape") }
        scalars.append(u)
      default:
        i -= 1
        throw error(expected: "a valid escape (\\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)")
      }
      run = i
    }
    throw error(expected: "a closing '\"'")
  }

  mutating func hex4() throws(SettlementError) -> UInt32 {
    guard bytes.count - i >= 4 else { throw error(expected: "four hex digits") }
    var v: UInt32 = 0
    for _ in 0..<4 {
      guard let d = Character(Unicode.Scalar(bytes[i])).hexDigitValue else { throw error(expected: "four hex digits") }
      v = v * 16 + UInt32(d)
      i += 1
    }
    return v
  }

  /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`
  mutating func number() throws(SettlementError) -> String {
    let start = i
    func digits() -> Int {
      let s = i
      while i < bytes.count, bytes[i] >= UInt8(ascii: "0"), bytes[i] <= UInt8(ascii: "9") { i += 1 }
      return i - s
    }
    if i < bytes.count, bytes[i] == UInt8(ascii: "-") { i += 1 }
    let intStart = i
    let n = digits()
    guard n > 0, n == 1 || bytes[intStart] != UInt8(ascii: "0") else { i = start; throw error(expected: "a value") }
    if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
      i += 1
      guard digits() > 0 else { throw error(expected: "digits after '.'") }
    }
    if i < bytes.count, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
      i += 1
      if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
      guard digits() > 0 else { throw error(expected: "digits in the exponent") }
    }
    return String(decoding: bytes[start..<i], as: UTF8.self)
  }
}
