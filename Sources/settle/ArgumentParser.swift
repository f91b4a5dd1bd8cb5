import Foundation

/// A small argument parser: `--flag`, `--option value`, `--option=value`
/// and positionals, with every unused argument reported as an error.
struct ArgumentParser {
  private var args: [String]
  private var used: [Bool]

  init(_ args: [String]) {
    self.args = args
    used = Array(repeating: false, count: args.count)
  }

  /// Whether `--name` is present.
  mutating func flag(_ name: String) -> Bool {
    for (i, a) in args.enumerated() where !used[i] && a == name {
      used[i] = true
      return true
    }
    return false
  }

  /// The value of `--name value` or `--name=value`.
  mutating func option(_ name: String) throws -> String? {
    for (i, a) in args.enumerated() where !used[i] {
      if a == name {
        guard i + 1 < args.count, !used[i + 1] else { throw ValidationError("missing value for '\(name)'") }
        used[i] = true; used[i + 1] = true
        return args[i + 1]
      }
      if a.hasPrefix(name + "=") {
        used[i] = true
        return String(a.dropFirst(name.count + 1))
      }
    }
    return nil
  }

  /// Every value of a repeatable option.
  mutating func options(_ name: String) throws -> [String] {
    var values: [String] = []
    while let v = try option(name) { values.append(v) }
    return values
  }

  /// An integer option.
  mutating func intOption(_ name: String) throws -> Int? {
    guard let s = try option(name) else { return nil }
    guard let v = Int(s) else { throw ValidationError("'\(name)' expects an integer, got '\(s)'") }
    return v
  }

  /// The remaining positional arguments (a lone `-` is stdin).
  mutating func positionals() -> [String] {
    var out: [String] = []
    for (i, a) in args.enumerated() where !used[i] && (a == "-" || !a.hasPrefix("-")) {
      used[i] = true
      out.append(a)
    }
    return out
  }

  /// Throws for any argument nobody consumed.
  func finish() throws {
    if let i = used.firstIndex(of: false) { throw ValidationError("unexpected argument '\(args[i])'") }
  }
}

/// File access for the CLI (the library does none).
enum Files {
  /// Reads a file, or stdin for `-`.
  static func read(_ path: String) throws -> Data {
    if path == "-" { return FileHandle.standardInput.readDataToEndOfFile() }
    guard let data = FileManager.default.contents(atPath: path) else {
      throw ValidationError("cannot read '\(path)'")
    }
    return data
  }

  /// Writes stdout.
  static func write(_ data: Data) {
    FileHandle.standardOutput.write(data)
    if data.last != UInt8(ascii: "\n") { FileHandle.standardOutput.write(Data("\n".utf8)) }
  }
}
