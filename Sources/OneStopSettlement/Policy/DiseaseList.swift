/// 病种目录 — a list of diseases keyed by diagnosis code, such as the
/// 大病专项救治 lists (30 种 national, 36/37 种 provincial).
///
/// A claim is on the list when any of its diagnosis codes starts with one
/// of the list's ICD-10 code prefixes (`"C34"` matches `"C34.901"`). Layers
/// and classes can be limited to a list (``Applicability/diseaseLists``) and
/// to designated hospitals (``Applicability/requiresDesignatedHospital``).
public struct DiseaseList: Sendable, Hashable, Codable {
  /// Identifier referenced by layers (`"special30"`).
  public var id: String
  /// Display name, e.g. `农村贫困人口大病专项救治（30种）`.
  public var name: String
  /// ICD-10 code prefixes; each may carry its disease name.
  public var codes: [DiseaseCode]
  /// Where the list comes from; `illustrative` when codes were not sourced.
  public var provenance: Provenance

  /// One disease of a list.
  public struct DiseaseCode: Sendable, Hashable, Codable {
    /// ICD-10 code prefix (`"C34"`).
    public var code: String
    /// Disease name (`肺癌`).
    public var name: String?

    /// Creates a code.
    public init(code: String, name: String? = nil) { self.code = code; self.name = name }

    private enum CodingKeys: String, CodingKey, CaseIterable { case code, name }

    /// Decodes `"C34"` or `{"code": "C34", "name": "肺癌"}`.
    public init(from decoder: any Decoder) throws {
      if let s = try? decoder.singleValueContainer().decode(String.self) {
        code = s; name = nil
        return
      }
      try decoder.rejectUnknownKeys(CodingKeys.names)
      let c = try decoder.container(keyedBy: CodingKeys.self)
      code = try c.decode(String.self, forKey: .code)
      name = try c.decodeIfPresent(String.self, forKey: .name)
    }
  }

  /// Creates a list.
  public init(id: String, name: String, codes: [DiseaseCode], provenance: Provenance = .unstated) {
    self.id = id; self.name = name; self.codes = codes; self.provenance = provenance
  }

  private enum CodingKeys: String, CodingKey, CaseIterable { case id, name, codes, source, illustrative, note }

  /// Decodes a list, rejecting unknown keys and empty codes.
  public init(from decoder: any Decoder) throws {
    try decoder.rejectUnknownKeys(CodingKeys.names)
    let c = try decoder.container(keyedBy: CodingKeys.self)
    id = try c.decode(String.self, forKey: .id)
    name = try c.decodeIfPresent(String.self, forKey: .name) ?? id
    codes = try c.decode([DiseaseCode].self, forKey: .codes)
    for (i, d) in codes.enumerated() where d.code.isEmpty {
      throw SettlementError(.invalidValue, at: decoder.path("codes") + "[\(i)]", expected: "a non-empty ICD-10 code prefix")
    }
    provenance = try Provenance(flattenedFrom: decoder)
  }

  /// Encodes a list.
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(id, forKey: .id)
    try c.encode(name, forKey: .name)
    try c.encode(codes, forKey: .codes)
    try provenance.encodeFlattened(to: encoder)
  }

  /// Whether any of `diagnoses` is on the list.
  public func contains(anyOf diagnoses: [String]) -> Bool {
    diagnoses.contains { d in codes.contains { d.hasPrefix($0.code) } }
  }
}
