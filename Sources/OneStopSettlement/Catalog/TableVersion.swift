public import Foundation

/// 版本 — one dated version file of a region: a validity range and two
/// overlays, one on the policy table and one on the regional rules.
///
///     { "schemaVersion": 1, "version": "2022",
///       "validFrom": "2022-01-01", "validTo": "2025-12-31",
///       "name": "江苏省 城乡居民 医疗保障（2022–2025）",
///       "source": "…", "note": "…",
///       "table":    { … partial PolicyTable … },
///       "regional": { … partial RegionalRules … } }
///
/// A version overrides, by ``JSONMerge`` rules, the region's previous
/// version and, through it, the parent region's table on the same day. The
/// catalog sets the table's `schemaVersion`, `id`, `name`, `validFrom` and
/// `validTo`, so `table` may not.
public struct TableVersion: Sendable, Hashable {
  /// The file, relative to `PolicyTables/` (`jiangsu/2022.json`).
  public var file: String
  /// The region the file belongs to (`jiangsu`).
  public var region: String
  /// 版本号 — a short label (`"2022"`).
  public var label: String
  /// 生效日期 — first day (inclusive).
  public var validFrom: CivilDate
  /// 失效日期 — last day (inclusive).
  public var validTo: CivilDate
  /// 名称 — display name of the tables this version yields.
  public var name: String
  /// Where the version comes from, as a whole.
  public var provenance: Provenance
  /// Partial ``PolicyTable`` JSON.
  public var tableOverlay: JSONValue
  /// Partial ``RegionalRules`` JSON.
  public var regionalOverlay: JSONValue

  /// Keys of the table the catalog sets; an overlay may not.
  public static let reservedTableKeys: Set<String> = ["schemaVersion", "id", "name", "validFrom", "validTo"]

  /// Decodes a version file.
  ///
  /// - Throws: ``SettlementError`` whose path starts with `file`.
  public static func decode(file: String, region: String, from data: Data) throws(SettlementError) -> TableVersion {
    do throws(SettlementError) {
      let header = try JSONInput.decode(Header.self, from: data)
      let document = try JSONValue.parse(data)
      var overlays: [JSONValue] = []
      for key in ["table", "regional"] {
        let overlay = document.member(key) ?? .object([])
        guard let members = overlay.members else {
          throw SettlementError(.invalidValue, at: key, expected: "an object (a partial document)")
        }
        if key == "table", let reserved = members.first(where: { reservedTableKeys.contains($0.key) }) {
          throw SettlementError(.unknownKey, at: "table.\(reserved.key)",
            expected: "no \(reservedTableKeys.sorted().joined(separator: ", ")) (the catalog sets them from the version)", found: reserved.key)
        }
        overlays.append(overlay)
      }
      guard header.validFrom <= header.validTo else {
        throw SettlementError(.invalidDate, at: "validTo", expected: "a date on or after validFrom (\(header.validFrom))", found: header.validTo.description)
      }
      return TableVersion(
        file: file, region: region, label: header.version, validFrom: header.validFrom, validTo: header.validTo,
        name: header.name, provenance: header.provenance, tableOverlay: overlays[0], regionalOverlay: overlays[1])
    } catch {
      throw error.inFile(file)
    }
  }

  /// The top-level keys other than the overlays.
  private struct Header: Decodable {
    var version: String
    var validFrom: CivilDate
    var validTo: CivilDate
    var name: String
    var provenance: Provenance

    enum CodingKeys: String, CodingKey, CaseIterable {
      case schemaVersion, version, validFrom, validTo, name, source, illustrative, note, table, regional
    }

    init(from decoder: any Decoder) throws {
      let c = try decoder.container(keyedBy: CodingKeys.self)
      try c.requireSchemaVersion(.schemaVersion)
      try decoder.rejectUnknownKeys(CodingKeys.names)
      version = try c.decode(String.self, forKey: .version)
      validFrom = try c.decode(CivilDate.self, forKey: .validFrom)
      validTo = try c.decode(CivilDate.self, forKey: .validTo)
      name = try c.decode(String.self, forKey: .name)
      provenance = try Provenance(flattenedFrom: decoder)
    }
  }
}

extension SettlementError {
  /// The error with its path prefixed by a file name: `jiangsu/2022.json: table.layers[1]`.
  public func inFile(_ file: String) -> SettlementError {
    var e = self
    e.jsonPath = jsonPath.isEmpty ? file : "\(file): \(jsonPath)"
    return e
  }
}
