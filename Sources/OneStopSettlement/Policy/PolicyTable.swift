public import Foundation

/// 政策表 — one region's settlement rules for one validity period, as data.
///
/// A table is decoded from JSON (``decode(from:)``), validated, and compiled
/// once into a ``SettlementEngine``. It holds no formulas: only parameters of
/// the layer kinds the engine knows, each number optionally carrying its
/// ``Provenance``.
///
///     let table = try PolicyTable.decode(from: jsonData)
///     let engine = try SettlementEngine(table: table)
///
/// The JSON schema is versioned by `schemaVersion` (currently 1) and
/// documented in `Documentation.docc/PolicyTableSchema.md`.
public struct PolicyTable: Sendable, Hashable, Codable {
  /// The schema version this library reads.
  public static let schemaVersion = 1
  /// At most this many layers per table.
  public static let maximumLayers = 8
  /// At most this many identity classes per table.
  public static let maximumIdentities = 64
  /// At most this many disease lists per table.
  public static let maximumDiseaseLists = 64

  /// Region and version identifier, e.g. `jiangsu/yancheng@2024`.
  public var id: String
  /// Display name, e.g. `盐城市 城乡居民 2024`.
  public var name: String
  /// 生效日期 — first day the table applies (discharge date).
  public var validFrom: CivilDate
  /// 失效日期 — last day the table applies (inclusive).
  public var validTo: CivilDate
  /// 舍入规则 — how layer amounts are rounded to the fen.
  public var rounding: RoundingRule
  /// Where the table as a whole comes from.
  public var provenance: Provenance
  /// 医院等级 — hospital levels and their codes.
  public var hospitalLevels: [HospitalLevel]
  /// 人员身份 — identity classes in precedence order (most generous first).
  public var identities: [IdentityClass]
  /// 病种目录 — disease lists layers may be limited to.
  public var diseaseLists: [DiseaseList]
  /// 保障层 — layers in settlement order.
  public var layers: [Layer]

  /// Creates a table; call ``validate()`` (or compile it) before use.
  public init(
    id: String, name: String, validFrom: CivilDate, validTo: CivilDate, rounding: RoundingRule,
    provenance: Provenance = .unstated, hospitalLevels: [HospitalLevel], identities: [IdentityClass],
    diseaseLists: [DiseaseList] = [], layers: [Layer]
  ) {
    self.id = id; self.name = name; self.validFrom = validFrom; self.validTo = validTo
    self.rounding = rounding; self.provenance = provenance; self.hospitalLevels = hospitalLevels
    self.identities = identities; self.diseaseLists = diseaseLists; self.layers = layers
  }

  /// Decodes and validates a table from JSON.
  ///
  /// - Throws: ``SettlementError`` naming the JSON path of the first problem:
  ///   malformed JSON, an unknown key, a missing field, a rate outside 0…1,
  ///   unsorted segments, a negative amount, an undefined reference.
  public static func decode(from data: Data) throws(SettlementError) -> PolicyTable {
    let table = try JSONInput.decode(PolicyTable.self, from: data)
    try table.validate()
    return table
  }

  /// The table as pretty-printed JSON with sorted keys.
  public func encoded() -> Data { JSONOutput.encode(self) }

  private enum CodingKeys: String, CodingKey, CaseIterable {
    case schemaVersion, id, name, validFrom, validTo, rounding, source, illustrative, note
    case hospitalLevels, identities, diseaseLists, layers
  }

  /// Decodes a table, checking `schemaVersion` first and rejecting unknown keys.
  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    let version = try c.decode(Int.self, forKey: .schemaVersion)
    guard version == PolicyTable.schemaVersion else {
      throw SettlementError(.unsupportedSchema, at: "schemaVersion", expected: "\(PolicyTable.schemaVersion)", found: "\(version)")
    }
    try decoder.rejectUnknownKeys(CodingKeys.names)
    id = try c.decode(String.self, forKey: .id)
    name = try c.decodeIfPresent(String.self, forKey: .name) ?? id
    validFrom = try c.decode(CivilDate.self, forKey: .validFrom)
    validTo = try c.decode(CivilDate.self, forKey: .validTo)
    rounding = try c.decode(RoundingRule.self, forKey: .rounding)
    provenance = try Provenance(flattenedFrom: decoder)
    hospitalLevels = try c.decode([HospitalLevel].self, forKey: .hospitalLevels)
    identities = try c.decodeIfPresent([IdentityClass].self, forKey: .identities) ?? []
    diseaseLists = try c.decodeIfPresent([DiseaseList].self, forKey: .diseaseLists) ?? []
    layers = try c.decode([Layer].self, forKey: .layers)
  }

  /// Encodes the table in the same shape it is decoded from.
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(PolicyTable.schemaVersion, forKey: .schemaVersion)
    try c.encode(id, forKey: .id)
    try c.encode(name, forKey: .name)
    try c.encode(validFrom, forKey: .validFrom)
    try c.encode(validTo, forKey: .validTo)
    try c.encode(rounding, forKey: .rounding)
    try provenance.encodeFlattened(to: encoder)
    try c.encode(hospitalLevels, forKey: .hospitalLevels)
    try c.encode(identities, forKey: .identities)
    if !diseaseLists.isEmpty { try c.encode(diseaseLists, forKey: .diseaseLists) }
    try c.encode(layers, forKey: .layers)
  }
}
