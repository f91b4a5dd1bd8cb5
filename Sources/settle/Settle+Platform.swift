import Foundation
import OneStopSettlement

/// `settle claim --format platform`: the platform JSON contract
/// (`docs/platform-contract.md`) on the command line.
struct PlatformFormat {
  var profilePath: String
  var transaction: TransactionKind

  /// Parses `--format`, `--profile` and `--presettle`; `nil` for the engine format.
  init?(parsing p: inout ArgumentParser) throws {
    let format = try p.option("--format") ?? "engine"
    let presettle = p.flag("--presettle")
    let profile = try p.option("--profile")
    switch format {
    case "engine":
      guard profile == nil, !presettle else { throw ValidationError("'--profile' and '--presettle' need '--format platform'") }
      return nil
    case "platform":
      guard let profile else { throw ValidationError("'--format platform' needs '--profile FILE'") }
      profilePath = profile
      transaction = presettle ? .preSettle : .settle
    default:
      throw ValidationError("'--format' expects 'engine' or 'platform', got '\(format)'")
    }
  }

  /// Loads the table and profile and builds the platform engine.
  static func engine(table: String, profile: String) throws -> PlatformEngine {
    try PlatformEngine(
      table: PolicyTable.decode(from: Files.read(table)), profile: PlatformProfile.decode(from: Files.read(profile)))
  }

  func run(table: String, request: String) throws {
    let engine = try Self.engine(table: table, profile: profilePath)
    Files.write(try engine.settleJSON(Files.read(request), as: transaction))
  }
}
