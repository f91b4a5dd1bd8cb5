/// 地区 — one region of a ``PolicyCatalog``: its manifest, its own version
/// files and the effective tables they yield together with its ancestors'.
public struct PolicyRegion: Sendable {
  /// The region id: its directory under `PolicyTables/` (`jiangsu/yancheng`).
  public let id: String
  /// The parent region (`jiangsu`), or `nil` for a province.
  public let parent: String?
  /// The region's `region.json`.
  public let manifest: RegionManifest
  /// The region's own version files, by `validFrom`.
  public let versions: [TableVersion]
  /// 有效期 — the effective tables, by date, without overlaps.
  public internal(set) var periods: [RegionalPolicy]

  /// 名称, e.g. `盐城市`.
  public var name: String { manifest.name }

  /// The effective policy on `date`, if a period covers it.
  public func period(on date: CivilDate) -> RegionalPolicy? {
    periods.first { $0.validFrom <= date && date <= $0.validTo }
  }
}

/// 有效政策 — a region's policy for one period: the merged table, the
/// regional rules and the compiled engine, with the files they come from.
///
/// The period is the stretch of days on which the same version of the region
/// and of each ancestor applies; its table id is `region@validFrom`
/// (`jiangsu/yancheng@2022-01-01`).
public struct RegionalPolicy: Sendable {
  /// The region id.
  public let region: String
  /// `region@validFrom`, also the table's id.
  public let id: String
  /// First day.
  public let validFrom: CivilDate
  /// Last day.
  public let validTo: CivilDate
  /// The versions that decide this period, one per region from the province
  /// down (each applied on top of its region's earlier versions).
  public let versions: [TableVersion]
  /// Every file applied, in order.
  public let files: [String]
  /// The merged policy table.
  public let table: PolicyTable
  /// The merged regional rules.
  public let rules: RegionalRules
  /// The table compiled for settlement.
  public let engine: SettlementEngine
}
