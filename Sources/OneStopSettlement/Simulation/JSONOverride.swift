public import Foundation

/// 参数覆盖 — one `PATH=VALUE` change to a JSON document (a policy table, or
/// synthesis parameters).
///
/// The path is dot-separated keys. In an array, a segment selects the
/// element whose `id` (or `name`) equals it, or an index (`segments.1`);
/// so `layers.majorIllness.identityOverrides.jiance.deductibleFactor`
/// addresses the `majorIllness` layer by its id. Missing object keys on the
/// way are created. Under `identityOverrides` a table identity's name or
/// code may stand for its id (`…identityOverrides.监测对象.deductibleFactor`).
///
/// The value is JSON when it reads as JSON (`0.5`, `true`, `{"value": 0.5}`,
/// `"text"`), otherwise a string (`halfUp`). Numbers keep their exact text.
/// The edited document is then decoded and validated like any other, so an
/// override can never produce a table the engine would reject.
///
///     let o = try JSONOverride(parsing: "layers.majorIllness.deductible=12000")
///     let reform = try o.applied(to: baseline)
public struct JSONOverride: Sendable, Hashable, CustomStringConvertible {
  /// The path segments.
  public var path: [String]
  /// The value text.
  public var value: String

  /// Creates an override.
  public init(path: [String], value: String) { self.path = path; self.value = value }

  /// Parses `PATH=VALUE`.
  public init(parsing text: String) throws(SettlementError) {
    guard let eq = text.firstIndex(of: "=") else {
      throw SettlementError(.invalidValue, at: text, expected: "PATH=VALUE")
    }
    let path = text[..<eq].split(separator: ".", omittingEmptySubsequences: false).map(String.init)
    guard !path.isEmpty, path.allSatisfy({ !$0.isEmpty }) else {
      throw SettlementError(.invalidValue, at: text, expected: "a dot-separated path before '='")
    }
    self.init(path: path, value: String(text[text.index(after: eq)...]))
  }

  /// `layers.majorIllness.deductible=12000`.
  public var description: String { path.joined(separator: ".") + "=" + value }

  /// The value as JSON.
  var json: JSONValue {
    let t = value.trimmingCharacters(in: .whitespaces)
    if let v = try? JSONValue.parse(Data(t.utf8)) { return v }
    return .string(value)
  }

  /// Applies the override to a JSON document.
  ///
  /// - Parameter alias: maps `(parent key, key)` to the key to use when
  ///   `key` is not in the object (e.g. identity name → id).
  func apply(to document: JSONValue, alias: (String, String) -> String? = { _, _ in nil }) throws(SettlementError) -> JSONValue {
    try set(document, at: path[...], parent: "", done: [], alias: alias)
  }

  private func set(
    _ node: JSONValue, at rest: ArraySlice<String>, parent: String, done: [String], alias: (String, String) -> String?
  ) throws(SettlementError) -> JSONValue {
    guard let key = rest.first else { return json }
    let here = done + [key]
    switch node {
    case .object(var members):
      var name = key
      if !members.contains(where: { $0.key == key }), let a = alias(parent, key) { name = a }
      if let i = members.firstIndex(where: { $0.key == name }) {
        members[i].value = try set(members[i].value, at: rest.dropFirst(), parent: name, done: here, alias: alias)
      } else {
        members.append(JSONValue.Member(name, try set(.object([]), at: rest.dropFirst(), parent: name, done: here, alias: alias)))
      }
      return .object(members)
    case .array(var items):
      let index: Int? = Int(key).flatMap { $0 >= 0 && $0 < items.count ? $0 : nil }
        ?? items.firstIndex { $0.member("id") == .string(key) } ?? items.firstIndex { $0.member("name") == .string(key) }
      guard let i = index else {
        let ids = items.compactMap { $0.member("id")?.stringValue ?? $0.member("name")?.stringValue }
        throw SettlementError(.undefinedReference, at: here.joined(separator: "."),
          expected: "an index below \(items.count)" + (ids.isEmpty ? "" : " or one of " + ids.joined(separator: ", ")), found: key)
      }
      items[i] = try set(items[i], at: rest.dropFirst(), parent: parent, done: here, alias: alias)
      return .array(items)
    default:
      throw SettlementError(.invalidValue, at: here.dropLast().joined(separator: "."),
        expected: "an object or array to hold '\(key)'", found: String(decoding: node.serialized(), as: UTF8.self))
    }
  }

  /// Applies `overrides` to JSON data (no table-specific aliases).
  public static func apply(_ overrides: [JSONOverride], to data: Data) throws(SettlementError) -> Data {
    var doc = try JSONValue.parse(data)
    for o in overrides {
      do { doc = try o.apply(to: doc) } catch { throw error.located(under: "--set \(o)") }
    }
    return doc.serialized()
  }

  /// Applies one `PATH=VALUE` text to JSON data; errors name `label`.
  public static func apply(_ text: String, to data: Data, label: String) throws(SettlementError) -> Data {
    let o: JSONOverride
    do { o = try JSONOverride(parsing: text) } catch { throw SettlementError(error.code, at: "\(label) \(text)", expected: error.expectation) }
    var doc = try JSONValue.parse(data)
    do { doc = try o.apply(to: doc) } catch { throw SettlementError(error.code, at: "\(label) \(o): \(error.jsonPath)", expected: error.expectation, found: error.found) }
    return doc.serialized()
  }
}

extension PolicyTable {
  /// 政策调整 — this table with `overrides` applied, decoded and validated
  /// like any table.
  ///
  /// Under `identityOverrides`, an identity's name or code may stand for its
  /// id. The result keeps the table's id with `+reform` appended unless an
  /// override sets `id`.
  ///
  /// - Throws: ``SettlementError`` naming the override and the JSON path:
  ///   `.undefinedReference` for a path that selects nothing, or any error
  ///   of ``decode(from:)`` for the edited table.
  public func applying(_ overrides: [JSONOverride]) throws(SettlementError) -> PolicyTable {
    guard !overrides.isEmpty else { return self }
    var doc = try JSONValue.parse(encoded())
    let identityIds = identities.flatMap { c in ([c.name] + c.codes).map { ($0, c.id) } }
    let alias: (String, String) -> String? = { parent, key in
      parent == "identityOverrides" ? identityIds.first { $0.0 == key }?.1 : nil
    }
    var setsId = false
    for o in overrides {
      do { doc = try o.apply(to: doc, alias: alias) } catch { throw SettlementError(error.code, at: "--set \(o): \(error.jsonPath)", expected: error.expectation, found: error.found) }
      if o.path == ["id"] { setsId = true }
    }
    if !setsId, case .object(var members) = doc, let i = members.firstIndex(where: { $0.key == "id" }) {
      members[i].value = .string(id + "+reform")
      doc = .object(members)
    }
    do {
      return try PolicyTable.decode(from: doc.serialized())
    } catch {
      let what = overrides.map(\.description).joined(separator: ", ")
      throw SettlementError(error.code, at: "--set \(what): \(error.jsonPath)", expected: error.expectation, found: error.found)
    }
  }
}
