import Foundation

/// Deterministic JSON output for the CLI: sorted keys, pretty printed.
enum JSONText {
  static func encode<T: Encodable>(_ value: T) -> Data {
    let e = JSONEncoder()
    e.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    do { return try e.encode(value) } catch { return Data("{\"error\": \"encoding failed\"}".utf8) }
  }
}
