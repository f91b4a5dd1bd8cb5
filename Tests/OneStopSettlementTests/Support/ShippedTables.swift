import Foundation
import OneStopSettlement

/// The package's `PolicyTables/` directory, found by walking up from this
/// file to the directory holding `Package.swift`, and its catalog.
enum ShippedTables {
  /// The package root, or `nil` if no `Package.swift` is found above this file.
  static let packageRoot: URL? = {
    var dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    while dir.path != "/" {
      if FileManager.default.fileExists(atPath: dir.appendingPathComponent("Package.swift").path) { return dir }
      dir = dir.deletingLastPathComponent()
    }
    return nil
  }()

  /// `PolicyTables/` under the package root.
  static var directory: URL? { packageRoot?.appendingPathComponent("PolicyTables") }

  /// Every `.json` file under `PolicyTables/`, by relative path.
  static let files: [String: Data] = {
    guard let base = directory?.path, let walker = FileManager.default.enumerator(atPath: base) else { return [:] }
    var out: [String: Data] = [:]
    while let relative = walker.nextObject() as? String {
      if relative.hasSuffix(".json"), let data = FileManager.default.contents(atPath: base + "/" + relative) {
        out[relative] = data
      }
    }
    return out
  }()

  /// The table and region files (everything outside `cases/`).
  static var tableFiles: [String: Data] { files.filter { !$0.key.split(separator: "/").contains("cases") } }

  /// The catalog of the shipped tables, or the error building it.
  static let catalog: Result<PolicyCatalog, SettlementError> = {
    do throws(SettlementError) { return .success(try PolicyCatalog(files: tableFiles)) } catch { return .failure(error) }
  }()

  /// The golden-case files, by region: `region/cases/name.json`.
  static var caseFiles: [(region: String, path: String, data: Data)] {
    files.compactMap { path, data in
      let parts = path.split(separator: "/").map(String.init)
      guard let i = parts.firstIndex(of: "cases"), i > 0, i == parts.count - 2 else { return nil }
      return (parts[..<i].joined(separator: "/"), path, data)
    }.sorted { $0.path < $1.path }
  }
}
