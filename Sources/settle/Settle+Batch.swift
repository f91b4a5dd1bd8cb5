import Foundation
import OneStopSettlement

/// `settle batch` — settle every claim of a claims file.
struct BatchCommand: SettleCommand {
  static let name = "batch"
  static let abstract = "Settle a claims file (CSV/JSONL), one result row per claim"
  static let help = """
    USAGE: settle batch (--table TABLE.json | --region ID --date D) --claims FILE --out FILE [--format csv|jsonl]
                        [--input-format csv|jsonl] [--skip-bad] [--rejects FILE] [--jobs N]

    Settles every claim in file order, carrying each person's year-to-date
    accumulators through the year. A person's rows must be contiguous and in
    date order (sort by person, then date); this is checked.
    The claims file format is documented in docs/claims-file.md.

    Writes one row per claim: claim_id, person_id, date, total, in_policy,
    one column per layer id, fund_total, patient (yuan, 2 decimals).
    On a bad row the run stops with FILE:LINE:COLUMN (field) and writes no output.

    OPTIONS:
      --table FILE          policy table (JSON)
      --region ID --date D  a region of PolicyTables (the period valid on D); --tables DIR elsewhere
      --claims FILE         claims file ('-' = stdin); format from the extension (.jsonl) or --input-format
      --out FILE            result file; format from --format or the extension
      --skip-bad            skip bad rows instead of stopping; they go to the rejects file
      --rejects FILE        rejects file (default OUT.rejects.csv): line,error,row
      --jobs N              workers for a claims file (not stdin, not --skip-bad): the file is split at
                            person boundaries; the output is the same for any N (default: processor count)
    """

  var table: (spec: String, date: CivilDate?, tables: String?)
  var claimsPath: String
  var outPath: String
  var inputFormat: ClaimFileFormat
  var outputFormat: ClaimFileFormat
  var skipBad: Bool
  var rejectsPath: String?
  var jobs: Int

  init(parsing p: inout ArgumentParser) throws {
    table = try TableSource.parse(&p)
    guard let c = try p.option("--claims") else { throw ValidationError("missing '--claims FILE'") }
    guard let o = try p.option("--out") else { throw ValidationError("missing '--out FILE'") }
    claimsPath = c; outPath = o
    outputFormat = try parseFormat(try p.option("--format"), default: ClaimFileFormat(fileName: o))
    inputFormat = try parseFormat(try p.option("--input-format"), default: ClaimFileFormat(fileName: c))
    skipBad = p.flag("--skip-bad")
    rejectsPath = try p.option("--rejects")
    jobs = try p.intOption("--jobs") ?? ProcessInfo.processInfo.activeProcessorCount
  }

  mutating func validate() throws {
    if rejectsPath != nil && !skipBad { throw ValidationError("'--rejects' needs '--skip-bad'") }
    guard (1...64).contains(jobs) else { throw ValidationError("'--jobs' expects 1 to 64") }
  }

  func run() throws {
    let engine = try SettlementEngine(table: TableSource.load(table.spec, date: table.date, tables: table.tables).table)
    if jobs > 1 && !skipBad && claimsPath != "-" { return try runInParallel(engine) }
    var batch = ClaimBatch(engine: engine, input: inputFormat, output: outputFormat, skipsBadRows: skipBad)
    let out = try AtomicOutput(path: outPath)
    let elapsed = try ChunkedReader.streamBytes(claimsPath, label: "batch") { chunk, isFinal in
      try batch.process(chunk, isFinal: isFinal)
      try out.write(batch.output)
      batch.clearOutput()
    }
    try out.commit()
    FileHandle.standardError.write(Data("settled \(batch.claimCount) claims of \(batch.personCount) persons in \(Self.seconds(elapsed)) s\n".utf8))
    if skipBad { try writeRejects(batch.rejects, count: batch.rejectedCount, to: rejectsPath ?? outPath + ".rejects.csv", claims: claimsPath) }
  }

  /// Settles a file on `jobs` workers: part 0 goes to the output file, the
  /// other parts to `OUT.partN` files appended in order on success.
  func runInParallel(_ engine: SettlementEngine) throws {
    let start = ContinuousClock.now
    let input = try Data(contentsOf: URL(fileURLWithPath: claimsPath), options: .alwaysMapped)
    let parts = try PartOutputs(path: outPath, count: jobs)
    let summary: ClaimBatch.Summary
    do {
      summary = try ClaimBatch.settleInParallel(input, engine: engine, input: inputFormat, output: outputFormat, workers: jobs) { k, bytes in
        parts.write(k, bytes)
      }
    } catch {
      throw error.inFile(claimsPath)
    }
    try parts.commit(parts: summary.parts)
    FileHandle.standardError.write(Data(
      "settled \(summary.claims) claims of \(summary.persons) persons in \(Self.seconds(ContinuousClock.now - start)) s (\(summary.parts) parts)\n".utf8))
  }

  static func seconds(_ d: Duration) -> String {
    let ms = d.components.seconds * 1000 + d.components.attoseconds / 1_000_000_000_000_000
    return "\(ms / 1000).\(String(ms % 1000 + 1000).dropFirst())"
  }
}
