/// 继承与覆盖 — how a child table overrides its parent, key by key.
///
/// An overlay is a partial JSON document applied to a base document
/// (a province table, or the region's previous version). The rules, in the
/// order they are tried:
///
/// 1. **Objects merge by key.** Each overlay member replaces or merges into
///    the base member with the same key; members the overlay does not name
///    are kept; new members are appended in overlay order.
/// 2. **`null` deletes.** An overlay member whose value is `null` removes
///    that key from the base (as in JSON Merge Patch, RFC 7396).
/// 3. **Arrays of objects with `id` merge by `id`.** When every element of a
///    non-empty overlay array and of the base array is an object with a string
///    `id` (layers, identities, hospital levels, disease lists, regional
///    grants and classes), each overlay element merges (rules 1–2) into the
///    base element with the same `id`, keeping its position; an element with a
///    new `id` is appended; `{"id": "x", "$delete": true}` removes element
///    `x`. Deleting an `id` the base lacks is an error.
/// 4. **Everything else replaces.** Numbers, strings, booleans, arrays
///    without ids (segments, benefit blocks, assistance classes, code lists)
///    and a value whose JSON type differs are replaced as a whole.
///
/// `$delete` is the only directive; any other key starting with `$` is an
/// error, as is `$delete` outside an `id` array.
///
///     base    {"layers": [{"id": "basic", "ratio": 0.7}, {"id": "tilt"}], "note": "x"}
///     overlay {"layers": [{"id": "basic", "ratio": 0.8}, {"id": "tilt", "$delete": true}], "note": null}
///     result  {"layers": [{"id": "basic", "ratio": 0.8}]}
public enum JSONMerge {
  /// The overlay's only directive: delete the element with this `id`.
  public static let deleteDirective = "$delete"

  /// Applies `overlay` to `base`.
  ///
  /// - Parameters:
  ///   - overlay: the partial document.
  ///   - base: the document it overrides.
  ///   - path: the JSON path of both, for errors (`""` at the root).
  /// - Returns: the merged document, free of directives and `null` deletions.
  /// - Throws: ``SettlementError`` naming the overlay path of an unknown
  ///   directive or a deletion of an element the base lacks.
  /// - Complexity: O(size of overlay × elements of the id-keyed arrays it touches).
  public static func apply(_ overlay: JSONValue, to base: JSONValue?, at path: String = "") throws(SettlementError) -> JSONValue {
    switch (overlay, base) {
    case (.object(let patch), .object(let members)?):
      var result = members
      for m in patch {
        let p = join(path, m.key)
        try checkKey(m.key, at: p)
        let i = result.firstIndex { $0.key == m.key }
        if case .null = m.value {
          if let i { result.remove(at: i) }
        } else if let i {
          result[i].value = try apply(m.value, to: result[i].value, at: p)
        } else {
          result.append(JSONValue.Member(m.key, try apply(m.value, to: nil, at: p)))
        }
      }
      return .object(result)
    case (.array(let patch), .array(let elements)?) where !patch.isEmpty && isKeyed(patch) && isKeyed(elements):
      return .array(try mergeByID(patch, into: elements, at: path))
    default:
      return try clean(overlay, at: path)
    }
  }

  /// Whether every element is an object with a string `id`.
  static func isKeyed(_ elements: [JSONValue]) -> Bool {
    elements.allSatisfy { $0.member("id")?.stringValue != nil }
  }

  private static func mergeByID(_ patch: [JSONValue], into elements: [JSONValue], at path: String) throws(SettlementError) -> [JSONValue] {
    var result = elements
    for (k, e) in patch.enumerated() {
      let p = "\(path)[\(k)]"
      let id = e.member("id")?.stringValue ?? ""
      let i = result.firstIndex { $0.member("id")?.stringValue == id }
      if let d = e.member(deleteDirective) {
        guard case .bool(true) = d else {
          throw SettlementError(.invalidValue, at: "\(p).\(deleteDirective)", expected: "true")
        }
        guard let i else {
          throw SettlementError(.undefinedReference, at: p, expected: "an element with this id to delete", found: id)
        }
        guard e.members?.count == 2 else {
          throw SettlementError(.invalidValue, at: p, expected: "only 'id' beside '\(deleteDirective)'")
        }
        result.remove(at: i)
      } else if let i {
        result[i] = try apply(e, to: result[i], at: p)
      } else {
        result.append(try apply(e, to: nil, at: p))
      }
    }
    return result
  }

  /// A value entering the document whole: no directives, no `null` members.
  private static func clean(_ value: JSONValue, at path: String) throws(SettlementError) -> JSONValue {
    switch value {
    case .object(let members):
      var out: [JSONValue.Member] = []
      for m in members {
        let p = join(path, m.key)
        try checkKey(m.key, at: p)
        if case .null = m.value { continue }
        out.append(JSONValue.Member(m.key, try clean(m.value, at: p)))
      }
      return .object(out)
    case .array(let items):
      var out: [JSONValue] = []
      for (i, item) in items.enumerated() {
        if item.member(deleteDirective) != nil {
          throw SettlementError(.undefinedReference, at: "\(path)[\(i)]", expected: "an element with this id to delete",
            found: item.member("id")?.stringValue ?? "")
        }
        out.append(try clean(item, at: "\(path)[\(i)]"))
      }
      return .array(out)
    default:
      return value
    }
  }

  private static func checkKey(_ key: String, at path: String) throws(SettlementError) {
    guard key.hasPrefix("$") else { return }
    throw SettlementError(.unknownKey, at: path,
      expected: "no directive other than '\(deleteDirective)', and that one only beside an 'id' in an array", found: key)
  }

  private static func join(_ path: String, _ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }
}
