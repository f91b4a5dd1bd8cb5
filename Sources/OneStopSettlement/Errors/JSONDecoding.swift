internal import Foundation

/// A coding key for any string or index, used to list an object's keys.
struct AnyKey: CodingKey {
  var stringValue: String
  var intValue: Int?
  init(_ s: String) { stringValue = s; intValue = nil }
  init?(stringValue: String) { self.init(stringValue) }
  init?(intValue: Int) { stringValue = "\(intValue)"; self.intValue = intValue }
}

/// Renders a coding path as `layers[2].segments[1].rate`.
func pathDescription(_ path: [any CodingKey]) -> String {
  var s = ""
  for key in path {
    // Array positions come as `Index 2`; dictionary keys that look like
    // numbers (`"2"`) also carry an intValue but stay object keys.
    if let i = key.intValue, key.stringValue.hasPrefix("Index") {
      s += "[\(i)]"
    } else {
      s += s.isEmpty ? key.stringValue : ".\(key.stringValue)"
    }
  }
  return s
}

extension Decoder {
  /// Throws ``SettlementError/Code/unknownKey`` for a key not in `known`.
  func rejectUnknownKeys(_ known: Set<String>) throws {
    let c = try container(keyedBy: AnyKey.self)
    for key in c.allKeys where !known.contains(key.stringValue) {
      throw SettlementError(
        .unknownKey, at: pathDescription(codingPath + [key]),
        expected: "one of " + known.sorted().joined(separator: ", "), found: key.stringValue)
    }
  }

  /// The JSON path of `key` under this decoder.
  func path(_ key: String) -> String { pathDescription(codingPath + [AnyKey(key)]) }
  /// The JSON path of this decoder.
  var path: String { pathDescription(codingPath) }
}

extension CodingKey where Self: CaseIterable {
  /// The names of all keys, for ``Decoder/rejectUnknownKeys(_:)``.
  static var names: Set<String> { Set(allCases.map(\.stringValue)) }
}

/// The one place JSON is decoded: converts every decoding failure into a
/// ``SettlementError`` naming the JSON path.
enum JSONInput {
  static func decode<T: Decodable>(_ type: T.Type, from data: Data) throws(SettlementError) -> T {
    do {
      return try JSONDecoder().decode(T.self, from: data)
    } catch let e as SettlementError {
      throw e
    } catch let e as DecodingError {
      throw convert(e)
    } catch {
      throw SettlementError(.malformedJSON, expected: "valid JSON", found: "\(error)")
    }
  }

  static func convert(_ error: DecodingError) -> SettlementError {
    switch error {
    case .keyNotFound(let key, let ctx):
      return SettlementError(.missingField, at: pathDescription(ctx.codingPath + [key]), expected: "a value for '\(key.stringValue)'")
    case .typeMismatch(let type, let ctx):
      return SettlementError(.invalidValue, at: pathDescription(ctx.codingPath), expected: "\(readable(type))")
    case .valueNotFound(let type, let ctx):
      return SettlementError(.missingField, at: pathDescription(ctx.codingPath), expected: "\(readable(type)), found null")
    case .dataCorrupted(let ctx):
      if ctx.codingPath.isEmpty {
        return SettlementError(.malformedJSON, expected: "valid JSON", found: ctx.debugDescription)
      }
      return SettlementError(.invalidValue, at: pathDescription(ctx.codingPath), expected: ctx.debugDescription)
    @unknown default:
      return SettlementError(.malformedJSON, expected: "valid JSON", found: "\(error)")
    }
  }

  private static func readable(_ type: Any.Type) -> String {
    switch type {
    case is String.Type: return "a string"
    case is Bool.Type: return "true or false"
    case is Int.Type, is Int64.Type, is Int32.Type: return "an integer"
    case is [Any].Type: return "an array"
    case is [String: Any].Type: return "an object"
    default: return "a value of type \(type)"
    }
  }
}

/// The one place JSON is encoded: sorted keys, pretty printed, stable.
enum JSONOutput {
  static func encode<T: Encodable>(_ value: T) -> Data {
    let e = JSONEncoder()
    e.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    // Every value this library encodes is plain data; encoding cannot fail.
    return (try? e.encode(value)) ?? Data("{}".utf8)
  }
}
