public import Foundation

/// 政策目录 — every region's dated policy tables, with inheritance.
///
/// Built from the contents of the files under `PolicyTables/`, keyed by
/// their path relative to it (the CLI reads the directory; this type does no
/// I/O):
///
///     jiangsu/region.json              地区说明 (RegionManifest)
///     jiangsu/2020.json                a version (TableVersion)
///     jiangsu/2022.json
///     jiangsu/yancheng/region.json     a city: parent = nearest ancestor region
///     jiangsu/yancheng/2021.json
///     jiangsu/yancheng/cases/*.json    golden cases: ignored here
///
/// The table for a region on a day is the parent's table on that day with
/// the region's versions up to that day applied on top, each by
/// ``JSONMerge`` rules; the same holds for the regional rules. Every
/// resulting period is decoded, validated and compiled when the catalog is
/// built, so a catalog that exists has no bad table.
///
///     let catalog = try PolicyCatalog(files: files)
///     let policy = try catalog.policy(region: "jiangsu/yancheng", on: try CivilDate(parsing: "2024-05-01"))
///     policy.table.id   // "jiangsu/yancheng@2022-01-01"
///
/// - Complexity: building is O(regions × versions × size of the tables).
public struct PolicyCatalog: Sendable {
  /// The regions, by id.
  public let regions: [PolicyRegion]

  /// Builds the catalog from file contents keyed by relative path.
  ///
  /// Files named `region.json` are manifests; other `.json` files beside
  /// one are versions; paths with a `cases` directory are ignored.
  ///
  /// - Throws: ``SettlementError`` whose path names the file or the period:
  ///   `.overlappingVersions`, `.versionGap` (continuous regions),
  ///   `.undefinedReference` for a version file outside any region, and any
  ///   table or rule error of a merged period.
  public init(files: [String: Data]) throws(SettlementError) {
    regions = try CatalogBuilder(files: files).build()
  }

  /// The region with id `id`.
  ///
  /// - Throws: ``SettlementError/Code/unknownRegion`` listing the known ids.
  public func region(_ id: String) throws(SettlementError) -> PolicyRegion {
    guard let r = regions.first(where: { $0.id == id }) else {
      throw SettlementError(.unknownRegion, at: "region",
        expected: "one of " + regions.map(\.id).joined(separator: ", "), found: id)
    }
    return r
  }

  /// The region's effective policy (table, rules, engine) on `date`.
  ///
  /// - Throws: `.unknownRegion`, or ``SettlementError/Code/dateNotCovered``
  ///   listing the region's periods.
  public func policy(region id: String, on date: CivilDate) throws(SettlementError) -> RegionalPolicy {
    let r = try region(id)
    guard let p = r.period(on: date) else {
      throw SettlementError(.dateNotCovered, at: "date",
        expected: "a date in a period of \(id) (" + r.periods.map { "\($0.validFrom)…\($0.validTo)" }.joined(separator: ", ") + ")",
        found: date.description)
    }
    return p
  }

  /// The region's policy table on `date`.
  ///
  /// - Throws: as ``policy(region:on:)``.
  public func table(region id: String, on date: CivilDate) throws(SettlementError) -> PolicyTable {
    try policy(region: id, on: date).table
  }
}
