import Foundation
import OneStopSettlement

/// Finds and reads the `PolicyTables` directory (the library does no I/O).
enum CatalogLoader {
  /// The directory name looked for.
  static let directoryName = "PolicyTables"

  /// The tables directory: `--tables DIR` when given, else `PolicyTables`
  /// in the current directory or the nearest parent that has one.
  static func locate(_ option: String?) throws -> URL {
    let fm = FileManager.default
    if let option {
      var isDirectory: ObjCBool = false
      guard fm.fileExists(atPath: option, isDirectory: &isDirectory), isDirectory.boolValue else {
        throw ValidationError("'--tables \(option)' is not a directory")
      }
      return URL(fileURLWithPath: option, isDirectory: true)
    }
    var dir = URL(fileURLWithPath: fm.currentDirectoryPath, isDirectory: true)
    while true {
      let candidate = dir.appendingPathComponent(directoryName, isDirectory: true)
      var isDirectory: ObjCBool = false
      if fm.fileExists(atPath: candidate.path, isDirectory: &isDirectory), isDirectory.boolValue { return candidate }
      let up = dir.deletingLastPathComponent()
      if up.path == dir.path {
        throw ValidationError("no \(directoryName) directory here or above \(fm.currentDirectoryPath); pass --tables DIR")
      }
      dir = up
    }
  }

  /// Every `.json` file under `root`, keyed by its path relative to `root`.
  static func files(under root: URL) throws -> [String: Data] {
    let fm = FileManager.default
    let base = root.standardizedFileURL.path
    guard let walker = fm.enumerator(atPath: base) else { throw ValidationError("cannot read '\(base)'") }
    var files: [String: Data] = [:]
    while let relative = walker.nextObject() as? String {
      guard relative.hasSuffix(".json") else { continue }
      files[relative] = try Files.read(base + "/" + relative)
    }
    return files
  }

  /// The catalog of the tables directory (`--tables DIR` or located).
  static func load(_ option: String?) throws -> PolicyCatalog {
    try PolicyCatalog(files: files(under: locate(option)).filter { !$0.key.split(separator: "/").contains("cases") })
  }
}
