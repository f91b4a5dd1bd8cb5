import Foundation
import OneStopSettlement

/// `settle validate` — check a policy table.
struct ValidateCommand: SettleCommand {
  static let name = "validate"
  static let abstract = "Check a policy table, or every region of a tables directory"
  static let help = """
    USAGE: settle validate TABLE.json… | DIRECTORY

    Decodes, validates and compiles each table. Prints 'ok' with the layers,
    or the first error with its JSON path (exit code 1). A directory (such as
    PolicyTables) is loaded as a region catalog: every region's versions are
    merged, dated, validated and compiled.
    """

  var paths: [String]

  init(parsing p: inout ArgumentParser) throws {
    paths = p.positionals()
    guard !paths.isEmpty else { throw ValidationError("expected a table file") }
  }

  func run() throws {
    for path in paths {
      var isDirectory: ObjCBool = false
      if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
        let catalog = try CatalogLoader.load(path)
        for region in catalog.regions {
          let periods = region.periods.map { "\($0.validFrom)…\($0.validTo)" }.joined(separator: ", ")
          print("ok \(region.id): \(region.periods.count) table(s) \(periods)")
        }
        continue
      }
      let table: PolicyTable
      do {
        table = try PolicyTable.decode(from: Files.read(path))
        _ = try SettlementEngine(table: table)
      } catch let e as SettlementError {
        throw SettlementError(e.code, at: e.jsonPath.isEmpty ? path : "\(path): \(e.jsonPath)", expected: e.expectation, found: e.found)
      }
      let layers = table.layers.map { "\($0.name)(\($0.kind.rawValue))" }.joined(separator: " → ")
      print("ok \(path): \(table.id) \(table.validFrom)…\(table.validTo); \(layers)")
    }
  }
}
