/// Reads the platform's short code fields (`"1"`, `"01"`, `1`, `true`) as
/// text: HIS systems send the same flag as a string, a number or a Boolean.
enum FlagText {
  /// The value at `decoder` as text: a string as is, an integer in decimal,
  /// `true`/`false` as `"1"`/`"0"`.
  static func decode(from decoder: any Decoder) throws -> String {
    let c = try decoder.singleValueContainer()
    if let s = try? c.decode(String.self) { return s }
    if let i = try? c.decode(Int.self) { return String(i) }
    if let b = try? c.decode(Bool.self) { return b ? "1" : "0" }
    throw SettlementError(.invalidValue, at: decoder.path, expected: "a code as a string or number")
  }

  /// A `0`/`1` flag as a Boolean.
  static func flag(from decoder: any Decoder) throws -> Bool {
    let text = try decode(from: decoder)
    switch text {
    case "1": return true
    case "0": return false
    default: throw SettlementError(.invalidValue, at: decoder.path, expected: "a flag 0 or 1", found: text)
    }
  }
}
