import Foundation
import OneStopSettlement

/// `settle claim` — settle one claim with a table.
struct ClaimCommand: SettleCommand {
  static let name = "claim"
  static let abstract = "Settle one claim (JSON) and print the result"
  static let help = """
    USAGE: settle claim --table TABLE.json [--explain] [--english] [CLAIM.json | -]
           settle claim --table TABLE.json --format platform --profile PROFILE.json [--presettle] [REQUEST.json | -]

    Settles one claim through every layer of the table and prints the result
    in the national platform's vocabulary (setlinfo, setldetail[]).
    The input is a claim or {"claim": …, "yearToDate": …}; '-' or nothing reads stdin.

    OPTIONS:
      --table FILE   policy table (JSON)
      --explain      print the step-by-step explanation instead of JSON
      --english      explanation with English labels
      --format F     'engine' (default) or 'platform': read a platform request
                     (feedetail[], cuminfo[] …) and write setlinfo/setldetail/cuminfo
      --profile FILE region profile (codes, cum_type_codes, catalogue) for --format platform
      --presettle    with --format platform: a pre-settlement (2303/2206)
    """

  var tablePath: String
  var claimPath: String
  var explain: Bool
  var english: Bool
  var platform: PlatformFormat?

  init(parsing p: inout ArgumentParser) throws {
    guard let t = try p.option("--table") else { throw ValidationError("missing '--table FILE'") }
    tablePath = t
    explain = p.flag("--explain")
    english = p.flag("--english")
    platform = try PlatformFormat(parsing: &p)
    let rest = p.positionals()
    guard rest.count <= 1 else { throw ValidationError("expected one claim file, got \(rest.count)") }
    claimPath = rest.first ?? "-"
  }

  func run() throws {
    if let platform { return try platform.run(table: tablePath, request: claimPath) }
    let engine = try SettlementEngine(table: PolicyTable.decode(from: Files.read(tablePath)))
    let request = try SettlementRequest.decode(from: Files.read(claimPath))
    let result = try engine.settle(request)
    if explain {
      Files.write(Data(engine.explain(result.settlement, trace: result.trace, language: english ? .english : .chinese).utf8))
    } else {
      Files.write(result.record.encoded())
    }
  }
}
