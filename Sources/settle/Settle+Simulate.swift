import Foundation
import OneStopSettlement

/// `settle simulate` — compare a reform with a baseline over a population.
struct SimulateCommand: SettleCommand {
  static let name = "simulate"
  static let abstract = "Settle a population under baseline and reform tables and report the difference"
  static let help = """
    USAGE: settle simulate --baseline TABLE|REGION [--reform TABLE|REGION] --claims FILE [--date yyyy-MM-dd]
                           [--set PATH=VALUE]… [--sweep PATH=FROM:TO:STEP]
                           [--json FILE] [--markdown FILE] [--html FILE]
                           [--threshold YUAN] [--income-share RATE] [--bins Y1,Y2,…]
                           [--skip-bad] [--rejects FILE] [--input-format csv|jsonl]

    Settles every claim under both tables, each with its own year-to-date
    accumulators per person (rows sorted by person, then date), and reports
    fund cost per layer and in total, per identity class (persons, claims,
    mean and median out-of-pocket, actual and in-policy reimbursement
    ratios), the out-of-pocket distribution (P50/P90/P99, histogram, shares
    above an amount and above a share of income), and winners and losers.
    Prints the Markdown summary unless --markdown names a file.

    The reform is --reform (default: the baseline) with every --set applied:
      --set layers.majorIllness.identityOverrides.jiance.deductibleFactor=0.5
    Paths run over the table's JSON; layers (and other arrays of objects) are
    addressed by id; under identityOverrides an identity's name or code may
    stand for its id. The result is validated like any table.
    --sweep runs the reform once per value of PATH (FROM, FROM+STEP, … ≤ TO)
    in the same pass and reports fund cost and out-of-pocket per value.

    OPTIONS:
      --baseline T         current policy: a table file, or a region id of PolicyTables (needs --date)
      --reform T           reform: a table file or region (default: the baseline, with --set)
      --claims FILE        claims file (docs/claims-file.md)
      --date D             the regions' periods valid on D; all dates move by whole years into D's year;
                           both tables must cover D
      --tables DIR         the PolicyTables directory (default: found here or above)
      --json/--markdown/--html FILE   write the report (HTML is self-contained, with SVG charts)
      --threshold YUAN     heavy-burden amount (default 5000.00, analysis parameter)
      --income-share RATE  catastrophic share of income (default 0.40, analysis parameter)
      --bins LIST          histogram lower edges in yuan (default 0,1000,2000,5000,10000,20000,50000,100000)
      --skip-bad           skip bad rows into a rejects file instead of stopping
    """

  var baselinePath: String
  var reformPath: String?
  var claimsPath: String
  var date: CivilDate?
  var sets: [String]
  var sweepText: String?
  var tables: String?
  var jsonPath: String?
  var markdownPath: String?
  var htmlPath: String?
  var options = PolicySimulation.Options()
  var rejectsPath: String?
  var inputFormat: ClaimFileFormat

  init(parsing p: inout ArgumentParser) throws {
    guard let b = try p.option("--baseline") else { throw ValidationError("missing '--baseline FILE'") }
    guard let c = try p.option("--claims") else { throw ValidationError("missing '--claims FILE'") }
    baselinePath = b; claimsPath = c
    reformPath = try p.option("--reform")
    date = try p.option("--date").map { try CivilDate(parsing: $0) }
    sets = try p.options("--set")
    sweepText = try p.option("--sweep")
    tables = try p.option("--tables")
    jsonPath = try p.option("--json")
    markdownPath = try p.option("--markdown")
    htmlPath = try p.option("--html")
    if let t = try p.option("--threshold") { options.thresholdAmount = try Money(parsing: t) }
    if let r = try p.option("--income-share") { options.thresholdIncomeShare = try Rate(parsing: r) }
    if let bins = try p.option("--bins") {
      options.histogramEdges = try bins.split(separator: ",").map { try Money(parsing: String($0)) }
    }
    options.skipsBadRows = p.flag("--skip-bad")
    options.year = date?.year
    rejectsPath = try p.option("--rejects")
    inputFormat = try parseFormat(try p.option("--input-format"), default: ClaimFileFormat(fileName: c))
  }

  mutating func validate() throws {
    if reformPath == nil && sets.isEmpty && sweepText == nil {
      throw ValidationError("give '--reform FILE', '--set PATH=VALUE' or '--sweep PATH=FROM:TO:STEP'")
    }
    if rejectsPath != nil && !options.skipsBadRows { throw ValidationError("'--rejects' needs '--skip-bad'") }
  }

  func run() throws {
    let baseline = try TableSource.load(baselinePath, date: date, tables: tables).table
    let overrides = try sets.map { try JSONOverride(parsing: $0) }
    let reformBase = try reformPath.map { try TableSource.load($0, date: date, tables: tables).table } ?? baseline
    let reform = try reformBase.applying(overrides)
    if let date {
      for t in [baseline, reform] where !(t.validFrom <= date && date <= t.validTo) {
        throw SettlementError(.dateNotCovered, at: "--date", expected: "a date from \(t.validFrom) to \(t.validTo) (table \(t.id))", found: date.description)
      }
    }
    var sweep: (ParameterSweep, [SettlementEngine])? = nil
    if let sweepText {
      let s = try ParameterSweep(parsing: sweepText)
      sweep = (s, try s.tables(from: reformBase, overrides: overrides).map { try SettlementEngine(table: $0) })
    }
    var simulation = try PolicySimulation(
      baseline: SettlementEngine(table: baseline), reform: SettlementEngine(table: reform), sweep: sweep,
      format: inputFormat, options: options)
    let elapsed = try ChunkedReader.stream(claimsPath, label: "simulate") { chunk, isFinal in try simulation.process(chunk, isFinal: isFinal) }
    let report = try simulation.report(overrides: sets)
    if let jsonPath { try writeFile(report.encoded(), to: jsonPath) }
    if let htmlPath { try writeFile(Data(report.html().utf8), to: htmlPath) }
    if let markdownPath { try writeFile(Data(report.markdown().utf8), to: markdownPath) } else { Files.write(Data(report.markdown().utf8)) }
    if options.skipsBadRows { try writeRejects(simulation.rejects, count: simulation.rejectedCount, to: rejectsPath, claims: claimsPath) }
    FileHandle.standardError.write(Data(
      "simulated \(simulation.claimCount) claims of \(simulation.personCount) persons under \(2 + (sweep?.1.count ?? 0)) tables in \(BatchCommand.seconds(elapsed)) s\n".utf8))
  }
}
