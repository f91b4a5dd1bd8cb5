import Foundation
import OneStopSettlement

/// `settle regions` — list regions, their versions and effective tables.
struct RegionsCommand: SettleCommand {
  static let name = "regions"
  static let abstract = "List regions, table versions and validity ranges"
  static let help = """
    USAGE: settle regions [--tables DIR] [--json]
           settle regions --show REGION [--date yyyy-MM-dd] [--tables DIR]

    Reads every region under PolicyTables/ (each table is merged, validated
    and compiled) and lists, per region: its parent, its own version files
    with their validity ranges, and the effective tables (one per period on
    which the same version of the region and of each ancestor applies).
    Illustrative tables are marked '示例'.

    With --show, prints the merged table and regional rules the region uses
    on the date (default: today's period, else the last one) as JSON — what
    the inheritance and the versions add up to.

    OPTIONS:
      --tables DIR   the tables directory (default: ./PolicyTables, or the nearest parent's)
      --json         machine-readable output
      --show REGION  print one region's merged table and rules
      --date DATE    the day for --show
    """

  var tables: String?
  var json: Bool
  var show: String?
  var date: CivilDate?

  init(parsing p: inout ArgumentParser) throws {
    tables = try p.option("--tables")
    json = p.flag("--json")
    show = try p.option("--show")
    date = try p.option("--date").map { try CivilDate(parsing: $0) }
  }

  func validate() throws {
    if date != nil && show == nil { throw ValidationError("'--date' goes with '--show REGION'") }
  }

  /// The merged table and rules of one period.
  struct Shown: Encodable {
    var id: String
    var files: [String]
    var table: PolicyTable
    var regional: RegionalRules
  }

  func run() throws {
    let catalog = try CatalogLoader.load(tables)
    if let show {
      let region = try catalog.region(show)
      let policy: RegionalPolicy
      if let date { policy = try catalog.policy(region: show, on: date) }
      else if let last = region.periods.last { policy = last }
      else { throw ValidationError("\(show) has no table") }
      Files.write(JSONText.encode(Shown(id: policy.id, files: policy.files, table: policy.table, regional: policy.rules)))
      return
    }
    if json {
      Files.write(JSONText.encode(catalog.regions.map(Listing.init)))
      return
    }
    var out = ""
    for r in catalog.regions {
      out += "\(r.id)  \(r.name)" + (r.parent.map { "  ← \($0)" } ?? "") + (r.manifest.continuous ? "  （连续有效）" : "") + "\n"
      for v in r.versions {
        out += "  版本 \(v.label)  \(v.validFrom) … \(v.validTo)  \(v.file)\(v.provenance.illustrative ? "  示例" : "")\n"
      }
      for p in r.periods {
        out += "  有效表 \(p.id)  \(p.validFrom) … \(p.validTo)  \(p.table.layers.count) 层：" +
          p.table.layers.map(\.name).joined(separator: " → ") + "\n"
      }
    }
    Files.write(Data(out.utf8))
  }

  /// One region in `--json` output.
  struct Listing: Encodable {
    var id: String
    var name: String
    var parent: String?
    var continuous: Bool
    var versions: [Version]
    var tables: [Table]

    struct Version: Encodable { var label, file, validFrom, validTo, name: String; var illustrative: Bool; var source: String? }
    struct Table: Encodable { var id, name, validFrom, validTo: String; var files: [String]; var layers: [String] }

    init(_ r: PolicyRegion) {
      id = r.id; name = r.name; parent = r.parent; continuous = r.manifest.continuous
      versions = r.versions.map {
        Version(label: $0.label, file: $0.file, validFrom: $0.validFrom.description, validTo: $0.validTo.description,
          name: $0.name, illustrative: $0.provenance.illustrative, source: $0.provenance.source)
      }
      tables = r.periods.map {
        Table(id: $0.id, name: $0.table.name, validFrom: $0.validFrom.description, validTo: $0.validTo.description,
          files: $0.files, layers: $0.table.layers.map(\.id))
      }
    }
  }
}
