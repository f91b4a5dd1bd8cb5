import Foundation
import OneStopSettlement

/// `settle claim` — settle one claim with a table.
struct ClaimCommand: SettleCommand {
  static let name = "claim"
  static let abstract = "Settle one claim (JSON) and print the result"
  static let help = """
    USAGE: settle claim --table TABLE.json [--explain] [--english] [CLAIM.json | -]
           settle claim --region REGION [--date yyyy-MM-dd] [--tables DIR] [--explain] [--english] [CLAIM.json | -]
           settle claim --table TABLE.json --format platform --profile PROFILE.json [--presettle] [REQUEST.json | -]

    Settles one claim through every layer of the table and prints the result
    in the national platform's vocabulary (setlinfo, setldetail[]).
    The input is a claim or {"claim": …, "yearToDate": …}; '-' or nothing reads stdin.
    With --region the table version is picked by region and date (default:
    the claim's discharge date), and the output adds 'deposit' (先诊疗后付费:
    deposit_required and the reason).

    OPTIONS:
      --table FILE     policy table (JSON)
      --region ID      region under PolicyTables (e.g. jiangsu/yancheng)
      --date DATE      the day that selects the table version (with --region)
      --tables DIR     the tables directory (default: ./PolicyTables, or the nearest parent's)
      --explain        print the step-by-step explanation instead of JSON
      --english        explanation with English labels
      --format F       'engine' (default) or 'platform': read a platform request
                       (feedetail[], cuminfo[] …) and write setlinfo/setldetail/cuminfo
      --profile FILE   region profile (codes, cum_type_codes, catalogue) for --format platform
      --presettle      with --format platform: a pre-settlement (2303/2206)
    """

  var tablePath: String?
  var region: String?
  var date: CivilDate?
  var tables: String?
  var claimPath: String
  var explain: Bool
  var english: Bool
  var platform: PlatformFormat?

  init(parsing p: inout ArgumentParser) throws {
    tablePath = try p.option("--table")
    region = try p.option("--region")
    date = try p.option("--date").map { try CivilDate(parsing: $0) }
    tables = try p.option("--tables")
    explain = p.flag("--explain")
    english = p.flag("--english")
    platform = try PlatformFormat(parsing: &p)
    let rest = p.positionals()
    guard rest.count <= 1 else { throw ValidationError("expected one claim file, got \(rest.count)") }
    claimPath = rest.first ?? "-"
  }

  func validate() throws {
    guard (tablePath == nil) != (region == nil) else { throw ValidationError("give exactly one of '--table FILE' or '--region ID'") }
    if tablePath != nil, date != nil || tables != nil { throw ValidationError("'--date' and '--tables' go with '--region'") }
    if platform != nil, tablePath == nil { throw ValidationError("'--format platform' goes with '--table FILE'") }
  }

  func run() throws {
    if let platform, let tablePath { return try platform.run(table: tablePath, request: claimPath) }
    let request = try SettlementRequest.decode(from: Files.read(claimPath))
    let engine: SettlementEngine
    var deposit: DepositDecision? = nil
    if let region {
      let policy = try CatalogLoader.load(tables).policy(region: region, on: date ?? request.claim.dischargeDate)
      engine = policy.engine
      deposit = try policy.rules.depositDecision(for: request.claim, table: policy.table)
    } else {
      engine = try SettlementEngine(table: PolicyTable.decode(from: Files.read(tablePath ?? "")))
    }
    let result = try engine.settle(request)
    if explain {
      var text = engine.explain(result.settlement, trace: result.trace, language: english ? .english : .chinese)
      if let deposit { text += "\n" + (english ? "deposit: " : "押金：") + deposit.text }
      Files.write(Data(text.utf8))
    } else if let deposit {
      Files.write(JSONText.encode(RegionalSettlement(record: result.record, deposit: deposit)))
    } else {
      Files.write(result.record.encoded())
    }
  }
}

/// The settlement record with the 先诊疗后付费 decision beside it.
struct RegionalSettlement: Encodable {
  var record: SettlementRecord
  var deposit: DepositDecision

  private enum CodingKeys: String, CodingKey { case deposit }

  func encode(to encoder: any Encoder) throws {
    try record.encode(to: encoder)
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(deposit, forKey: .deposit)
  }
}
