/// The head every versioned data document of this library shares
/// (catalogue, region profile): `schemaVersion`, `id`, `name` and the
/// provenance keys `source`, `illustrative`, `note`.
struct DocumentHead {
  /// The head's keys, to add to a document's known keys.
  enum Keys: String, CodingKey, CaseIterable { case schemaVersion, id, name, source, illustrative, note }

  var id: String
  var name: String
  var provenance: Provenance

  init(id: String, name: String, provenance: Provenance) { self.id = id; self.name = name; self.provenance = provenance }

  /// Decodes the head, checking `schemaVersion` first.
  init(from decoder: any Decoder, schemaVersion: Int) throws {
    let c = try decoder.container(keyedBy: Keys.self)
    let version = try c.decode(Int.self, forKey: .schemaVersion)
    guard version == schemaVersion else {
      throw SettlementError(.unsupportedSchema, at: decoder.path("schemaVersion"), expected: "\(schemaVersion)", found: "\(version)")
    }
    id = try c.decode(String.self, forKey: .id)
    name = try c.decodeIfPresent(String.self, forKey: .name) ?? id
    provenance = try Provenance(flattenedFrom: decoder)
  }

  /// Encodes the head in the same shape.
  func encode(to encoder: any Encoder, schemaVersion: Int) throws {
    var c = encoder.container(keyedBy: Keys.self)
    try c.encode(schemaVersion, forKey: .schemaVersion)
    try c.encode(id, forKey: .id)
    try c.encode(name, forKey: .name)
    try provenance.encodeFlattened(to: encoder)
  }
}
