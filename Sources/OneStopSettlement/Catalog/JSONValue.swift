public import Foundation

/// A JSON document as a value, with numbers kept as their exact text.
///
/// Policy-table files are merged before they are decoded (``JSONMerge``), so
/// the catalog holds them as plain JSON values. Numbers stay text
/// (`"0.655"`, `"15000.00"`): nothing passes through `Double`, and the text
/// reaches ``Money`` and ``Rate`` unchanged. Object members keep their
/// document order.
///
///     let v = try JSONValue.parse(Data(#"{"ratio": 0.655}"#.utf8))
///     v.member("ratio")   // .number("0.655")
public enum JSONValue: Sendable, Hashable {
  /// `null`.
  case null
  /// `true` or `false`.
  case bool(Bool)
  /// A number, as written in the document (`"15000.00"`).
  case number(String)
  /// A string.
  case string(String)
  /// An array.
  case array([JSONValue])
  /// An object, members in document order, keys unique.
  case object([Member])

  /// One member of an object.
  public struct Member: Sendable, Hashable {
    /// The key.
    public var key: String
    /// The value.
    public var value: JSONValue
    /// Creates a member.
    public init(_ key: String, _ value: JSONValue) { self.key = key; self.value = value }
  }

  /// The value of member `key` of an object (`nil` for a missing key or a non-object).
  public func member(_ key: String) -> JSONValue? {
    guard case .object(let members) = self else { return nil }
    return members.first { $0.key == key }?.value
  }

  /// The members of an object (`nil` for a non-object).
  public var members: [Member]? {
    if case .object(let m) = self { return m }
    return nil
  }

  /// The string, when the value is one.
  public var stringValue: String? {
    if case .string(let s) = self { return s }
    return nil
  }

  /// The value with member `key` set (appended when new); objects only.
  func setting(_ key: String, to value: JSONValue) -> JSONValue {
    guard case .object(var members) = self else { return self }
    if let i = members.firstIndex(where: { $0.key == key }) { members[i].value = value }
    else { members.append(Member(key, value)) }
    return .object(members)
  }

  /// The value without member `key`; objects only.
  func removing(_ key: String) -> JSONValue {
    guard case .object(let members) = self else { return self }
    return .object(members.filter { $0.key != key })
  }

  /// The document as compact JSON text (UTF-8), numbers as written.
  public func serialized() -> Data {
    var out = ""
    write(to: &out)
    return Data(out.utf8)
  }

  private func write(to out: inout String) {
    switch self {
    case .null: out += "null"
    case .bool(let b): out += b ? "true" : "false"
    case .number(let n): out += n
    case .string(let s): JSONValue.writeString(s, to: &out)
    case .array(let items):
      out += "["
      for (i, item) in items.enumerated() {
        if i > 0 { out += "," }
        item.write(to: &out)
      }
      out += "]"
    case .object(let members):
      out += "{"
      for (i, m) in members.enumerated() {
        if i > 0 { out += "," }
        JSONValue.writeString(m.key, to: &out)
        out += ":"
        m.value.write(to: &out)
      }
      out += "}"
    }
  }

  private static func writeString(_ s: String, to out: inout String) {
    out += "\""
    for u in s.unicodeScalars {
      switch u {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      default:
        if u.value < 0x20 {
          let hex = String(u.value, radix: 16)
          out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        } else {
          out.unicodeScalars.append(u)
        }
      }
    }
    out += "\""
  }
}
