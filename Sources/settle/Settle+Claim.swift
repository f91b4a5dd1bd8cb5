import Foundation
import OneStopSettlement

/// `settle claim` — settle one claim with a table.
struct ClaimCommand: SettleCommand {
  static let name = "claim"
  static let abstract = "Settle one claim (JSON) and print the result"
  static let help = """
    USAGE: settle claim --table TABLE.json [--explain] [--english] [CLAIM.json | -]

    Settles one claim through every layer of the table and prints the result
    in the national platform's vocabulary (setlinfo, setldetail[]).
    The input is a claim or {"claim": …, "yearToDate": …}; '-' or nothing reads stdin.

    OPTIONS:
      --table FILE   policy table (JSON)
      --explain      print the step-by-step explanation instead of JSON
      --english      explanation with English labels
    """

  var tablePath: String
  var claimPath: String
  var explain: Bool
  var english: Bool

  init(parsing p: inout ArgumentParser) throws {
    guard let t = try p.option("--table") else { throw ValidationError("missing '--table FILE'") }
    tablePath = t
    explain = p.flag("--explain")
    english = p.flag("--english")
    let rest = p.positionals()
    guard rest.count <= 1 else { throw ValidationError("expected one claim file, got \(rest.count)") }
    claimPath = rest.first ?? "-"
  }

  func run() throws {
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
