/// 地区说明 — a region's `region.json`: its name and whether its versions
/// must follow each other without a gap.
///
///     { "schemaVersion": 1, "name": "盐城市", "continuous": true,
///       "source": "盐卫财务〔2021〕30号" }
///
/// The region's id is its directory under `PolicyTables/`
/// (`jiangsu/yancheng`); its parent is the nearest ancestor directory that
/// has a `region.json` (`jiangsu`).
public struct RegionManifest: Sendable, Hashable, Codable {
  /// 名称 — display name, e.g. `盐城市`.
  public var name: String
  /// 连续有效 — when `true`, every day from the first version's `validFrom`
  /// to the last version's `validTo` must be covered (a gap is a
  /// ``SettlementError/Code/versionGap``).
  public var continuous: Bool
  /// Where the region's tables come from, as a whole.
  public var provenance: Provenance

  /// Creates a manifest.
  public init(name: String, continuous: Bool = true, provenance: Provenance = .unstated) {
    self.name = name; self.continuous = continuous; self.provenance = provenance
  }

  private enum CodingKeys: String, CodingKey, CaseIterable { case schemaVersion, name, continuous, source, illustrative, note }

  /// Decodes a manifest, checking `schemaVersion` and rejecting unknown keys.
  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    try c.requireSchemaVersion(.schemaVersion)
    try decoder.rejectUnknownKeys(CodingKeys.names)
    name = try c.decode(String.self, forKey: .name)
    continuous = try c.decodeIfPresent(Bool.self, forKey: .continuous) ?? false
    provenance = try Provenance(flattenedFrom: decoder)
  }

  /// Encodes a manifest.
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(PolicyTable.schemaVersion, forKey: .schemaVersion)
    try c.encode(name, forKey: .name)
    try c.encode(continuous, forKey: .continuous)
    try provenance.encodeFlattened(to: encoder)
  }
}
