import Foundation
import OneStopSettlement
import SettlementTestSupport

/// The table the scenarios settle against: ``BenchmarkTable`` by default, or
/// a shipped seed-region table (`--region hubei --date 2024-07-01`, read
/// from `--tables`, default `PolicyTables/`).
struct Workload: Sendable {
  /// The compiled table.
  let engine: SettlementEngine
  /// The claims' discharge year (the date's, for a region).
  let year: Int
  /// The region's date, if a region was chosen.
  let date: CivilDate?

  /// A short description for the stderr table.
  var label: String { date == nil ? "\(engine.table.id)" : "\(engine.table.id) on \(date?.description ?? "")" }

  init(_ options: Options) throws {
    guard let region = options.region else {
      engine = try BenchmarkTable.engine()
      year = BenchmarkTable.year
      date = nil
      return
    }
    let date = try CivilDate(parsing: options.date ?? "2024-07-01")
    let catalog = try PolicyCatalog(files: try Self.files(under: options.tables))
    engine = try SettlementEngine(table: try catalog.table(region: region, on: date))
    year = date.year
    self.date = date
  }

  /// A claim generator for this table.
  func generator(seed: UInt64) -> ClaimGenerator {
    ClaimGenerator(seed: seed, table: engine.table, year: year)
  }

  /// Every table file under `root` (golden cases left out).
  static func files(under root: String) throws -> [String: Data] {
    guard let walker = FileManager.default.enumerator(atPath: root) else {
      throw BenchmarkFailure("cannot read the tables directory '\(root)' (run from the package root or pass --tables)")
    }
    var files: [String: Data] = [:]
    while let relative = walker.nextObject() as? String {
      guard relative.hasSuffix(".json"), !relative.split(separator: "/").contains("cases") else { continue }
      guard let data = FileManager.default.contents(atPath: root + "/" + relative) else {
        throw BenchmarkFailure("cannot read '\(root)/\(relative)'")
      }
      files[relative] = data
    }
    return files
  }
}
