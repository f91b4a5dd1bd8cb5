extension Provenance {
  private enum Fields: String, CodingKey { case source, illustrative, note }

  /// Decodes the `source`, `illustrative` and `note` keys of the object
  /// `decoder` reads (other keys are the caller's to check).
  init(decodingFrom decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: Fields.self)
    self.init(
      source: try c.decodeIfPresent(String.self, forKey: .source),
      illustrative: try c.decodeIfPresent(Bool.self, forKey: .illustrative) ?? false,
      note: try c.decodeIfPresent(String.self, forKey: .note))
  }

  /// Encodes the non-empty provenance keys into the object `encoder` writes.
  func encodeFields(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: Fields.self)
    try c.encodeIfPresent(source, forKey: .source)
    if illustrative { try c.encode(true, forKey: .illustrative) }
    try c.encodeIfPresent(note, forKey: .note)
  }
}
