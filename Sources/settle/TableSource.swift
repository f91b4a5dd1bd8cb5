import Foundation
import OneStopSettlement

/// A policy table named on the command line: a table file, or a region of
/// the `PolicyTables` catalog on a date (`--region R --date D`).
struct TableSource {
  /// The table.
  var table: PolicyTable
  /// The region's rules beside the table (先诊疗后付费 …), for a region.
  var rules: RegionalRules?

  /// Loads `spec`: an existing file is a table; anything else is a region
  /// id, which needs `date` to pick its period.
  static func load(_ spec: String, date: CivilDate?, tables: String?) throws -> TableSource {
    var isDirectory: ObjCBool = false
    if FileManager.default.fileExists(atPath: spec, isDirectory: &isDirectory), !isDirectory.boolValue {
      return TableSource(table: try Tables.load(spec), rules: nil)
    }
    guard let date else {
      throw ValidationError("'\(spec)' is not a table file; for a region of the catalog pass '--date yyyy-MM-dd' to pick its period")
    }
    let policy = try CatalogLoader.load(tables).policy(region: spec, on: date)
    return TableSource(table: policy.table, rules: policy.rules)
  }

  /// Parses `--table FILE` or `--region ID` (with `--date` and `--tables`).
  static func parse(_ p: inout ArgumentParser) throws -> (spec: String, date: CivilDate?, tables: String?) {
    let table = try p.option("--table"), region = try p.option("--region")
    let date = try p.option("--date").map { try CivilDate(parsing: $0) }
    let tables = try p.option("--tables")
    switch (table, region) {
    case let (t?, nil): return (t, date, tables)
    case let (nil, r?):
      guard date != nil else { throw ValidationError("'--region \(r)' needs '--date yyyy-MM-dd' to pick the period") }
      return (r, date, tables)
    case (nil, nil): throw ValidationError("missing '--table FILE' or '--region ID --date yyyy-MM-dd'")
    default: throw ValidationError("give '--table' or '--region', not both")
    }
  }
}
