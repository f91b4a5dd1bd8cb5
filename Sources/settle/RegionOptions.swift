import Foundation
import OneStopSettlement

/// The options shared by the per-person regional commands: `--region`,
/// `--date`, `--tables` and repeatable `--identity CODE`.
struct RegionOptions {
  var region: String
  var date: CivilDate
  var tables: String?
  var identities: [String]

  init(parsing p: inout ArgumentParser) throws {
    guard let r = try p.option("--region") else { throw ValidationError("missing '--region ID'") }
    guard let d = try p.option("--date") else { throw ValidationError("missing '--date yyyy-MM-dd'") }
    region = r
    date = try CivilDate(parsing: d)
    tables = try p.option("--tables")
    identities = try p.options("--identity")
  }

  /// The person: identities valid on every day.
  var person: Person { Person(scheme: "390", identities: identities.map { IdentityRecord(code: $0) }) }

  /// The region's policy on the date.
  func policy() throws -> RegionalPolicy {
    try CatalogLoader.load(tables).policy(region: region, on: date)
  }

  /// `区域名  region@from` header line.
  static func header(_ policy: RegionalPolicy, name: String) -> String {
    "\(name)  表 \(policy.id)（\(policy.validFrom) … \(policy.validTo)）"
  }
}

extension Provenance {
  /// `（source；示例：note）` for display, empty when nothing is stated.
  var label: String {
    var parts: [String] = []
    if let source { parts.append(source) }
    if illustrative { parts.append("示例" + (note.map { "：" + $0 } ?? "")) } else if let note, !note.isEmpty { parts.append(note) }
    return parts.isEmpty ? "" : "（" + parts.joined(separator: "；") + "）"
  }
}
