/// The keys every regional grant and class shares — `id`, `name`,
/// `identities` and provenance — read from and written to the entry's own
/// (flat) object. The entry checks its other keys and unknown ones.
struct RegionalEntry {
  var id: String
  var name: String
  var identities: [String]
  var provenance: Provenance

  private enum Keys: String, CodingKey { case id, name, identities }

  /// Reads the shared keys of the object `decoder` reads.
  init(decodingFrom decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: Keys.self)
    id = try c.decode(String.self, forKey: .id)
    name = try c.decodeIfPresent(String.self, forKey: .name) ?? id
    identities = try c.decode([String].self, forKey: .identities)
    provenance = try Provenance(flattenedFrom: decoder)
  }

  init(id: String, name: String, identities: [String], provenance: Provenance) {
    self.id = id; self.name = name; self.identities = identities; self.provenance = provenance
  }

  /// Writes the shared keys into the object `encoder` writes.
  func encodeFields(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: Keys.self)
    try c.encode(id, forKey: .id)
    try c.encode(name, forKey: .name)
    try c.encode(identities, forKey: .identities)
    try provenance.encodeFlattened(to: encoder)
  }
}
