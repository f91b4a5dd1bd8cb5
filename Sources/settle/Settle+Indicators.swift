import Foundation
import OneStopSettlement

/// `settle indicators` — the seeds' monitoring indicators from a claims file.
struct IndicatorsCommand: SettleCommand {
  static let name = "indicators"
  static let abstract = "Compute the seed notices' indicators from a claims file"
  static let help = """
    USAGE: settle indicators (--table TABLE.json | --region ID --date D) --claims FILE [--target RATE] [--low-income ID,ID…]
                             [--json FILE] [--skip-bad] [--rejects FILE] [--input-format csv|jsonl]

    Settles every claim (rows sorted by person, then date) and reports:
      县域内就诊率       share of low-income persons' admissions treated in county
      先诊疗后付费        share of admissions needing no deposit: by the region's rule with
                        --region, else derived (low-income persons, in county)
      实际报销比例        funds ÷ total cost by identity class and overall
      自付费用比例控制     share of assistance recipients whose in-policy self-pay ratio
                        is at or under --target (default 0.10, an analysis default)
    Prints Markdown; --json writes the machine form.

    OPTIONS:
      --table FILE        policy table
      --region ID --date D  a region of PolicyTables (the period valid on D), with its 先诊疗后付费 rule
      --claims FILE       claims file (docs/claims-file.md)
      --target RATE       control target for the in-policy self-pay ratio (e.g. 0.10)
      --low-income IDS    identity ids counted as low-income (default: all the table's identities)
      --json FILE         write the report as JSON
      --skip-bad          skip bad rows into a rejects file instead of stopping
    """

  var table: (spec: String, date: CivilDate?, tables: String?)
  var claimsPath: String
  var options = SeedIndicators.Options()
  var jsonPath: String?
  var rejectsPath: String?
  var inputFormat: ClaimFileFormat

  init(parsing p: inout ArgumentParser) throws {
    table = try TableSource.parse(&p)
    guard let c = try p.option("--claims") else { throw ValidationError("missing '--claims FILE'") }
    claimsPath = c
    if let r = try p.option("--target") { options.target = try Rate(parsing: r) }
    if let ids = try p.option("--low-income") { options.lowIncomeIdentities = ids.split(separator: ",").map(String.init) }
    options.skipsBadRows = p.flag("--skip-bad")
    jsonPath = try p.option("--json")
    rejectsPath = try p.option("--rejects")
    inputFormat = try parseFormat(try p.option("--input-format"), default: ClaimFileFormat(fileName: c))
  }

  mutating func validate() throws {
    if rejectsPath != nil && !options.skipsBadRows { throw ValidationError("'--rejects' needs '--skip-bad'") }
  }

  func run() throws {
    let source = try TableSource.load(table.spec, date: table.date, tables: table.tables)
    var options = self.options
    options.payAfterTreatment = source.rules?.payAfterTreatment
    var indicators = try SeedIndicators(engine: SettlementEngine(table: source.table), format: inputFormat, options: options)
    _ = try ChunkedReader.stream(claimsPath, label: "indicators") { chunk, isFinal in try indicators.process(chunk, isFinal: isFinal) }
    let report = try indicators.report()
    if let jsonPath { try writeFile(report.encoded(), to: jsonPath) }
    Files.write(Data(report.markdown().utf8))
    if options.skipsBadRows { try writeRejects(indicators.rejects, count: indicators.rejectedCount, to: rejectsPath, claims: claimsPath) }
  }
}
