/// 出处 — where a policy number comes from.
///
/// Every number in a table may carry it. A number not traced to a document is
/// marked `illustrative: true` with a one-line `note` saying why; such a
/// number is never presented as policy.
public struct Provenance: Sendable, Hashable, Codable {
  /// Document number, article and/or URL (e.g. `国办发〔2021〕42号 第二条`).
  public var source: String?
  /// `true` when the number is illustrative rather than sourced policy.
  public var illustrative: Bool
  /// A short note (why illustrative, how derived).
  public var note: String?

  /// Creates provenance.
  public init(source: String? = nil, illustrative: Bool = false, note: String? = nil) {
    self.source = source
    self.illustrative = illustrative
    self.note = note
  }

  /// No provenance given.
  public static let unstated = Provenance()

  /// Reads `source`, `illustrative` and `note` from an object that also has
  /// other keys (a table, a layer, a disease list).
  init(flattenedFrom decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: AnyKey.self)
    source = try c.decodeIfPresent(String.self, forKey: AnyKey("source"))
    illustrative = try c.decodeIfPresent(Bool.self, forKey: AnyKey("illustrative")) ?? false
    note = try c.decodeIfPresent(String.self, forKey: AnyKey("note"))
  }

  /// Writes `source`, `illustrative` (when true) and `note` into an object.
  func encodeFlattened(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: AnyKey.self)
    try c.encodeIfPresent(source, forKey: AnyKey("source"))
    if illustrative { try c.encode(true, forKey: AnyKey("illustrative")) }
    try c.encodeIfPresent(note, forKey: AnyKey("note"))
  }
}

/// A table parameter with its provenance.
///
/// In JSON either the bare value (`800`) or an object
/// `{"value": 800, "source": "…", "illustrative": true, "note": "…"}`.
public struct Sourced<Value: Sendable & Hashable & Codable>: Sendable, Hashable, Codable {
  /// The parameter.
  public var value: Value
  /// Where it comes from.
  public var provenance: Provenance

  /// Creates a parameter.
  public init(_ value: Value, _ provenance: Provenance = .unstated) {
    self.value = value
    self.provenance = provenance
  }

  private enum Keys: String, CodingKey, CaseIterable { case value, source, illustrative, note }

  /// Decodes a bare value or a `{"value": …}` object.
  public init(from decoder: any Decoder) throws {
    if let c = try? decoder.container(keyedBy: Keys.self) {
      try decoder.rejectUnknownKeys(Keys.names)
      value = try c.decode(Value.self, forKey: .value)
      provenance = Provenance(
        source: try c.decodeIfPresent(String.self, forKey: .source),
        illustrative: try c.decodeIfPresent(Bool.self, forKey: .illustrative) ?? false,
        note: try c.decodeIfPresent(String.self, forKey: .note))
    } else {
      value = try Value(from: decoder)
      provenance = .unstated
    }
  }

  /// Encodes the bare value when there is no provenance, else the object.
  public func encode(to encoder: any Encoder) throws {
    if provenance == .unstated {
      try value.encode(to: encoder)
      return
    }
    var c = encoder.container(keyedBy: Keys.self)
    try c.encode(value, forKey: .value)
    try c.encodeIfPresent(provenance.source, forKey: .source)
    if provenance.illustrative { try c.encode(true, forKey: .illustrative) }
    try c.encodeIfPresent(provenance.note, forKey: .note)
  }
}
