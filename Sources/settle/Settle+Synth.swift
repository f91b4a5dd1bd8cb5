import Foundation
import OneStopSettlement

/// `settle synth` — write a synthetic population's claims file.
struct SynthCommand: SettleCommand {
  static let name = "synth"
  static let abstract = "Write a synthetic population and claims file for a table"
  static let help = """
    USAGE: settle synth (--table TABLE.json | --region ID --date D) --persons N --seed S --out FILE [--format csv|jsonl]
                        [--param KEY=VALUE]… [--params FILE.json] [--print-params]

    Draws N persons (identity mix, admissions per person, hospital levels and
    places, lognormal costs with a heavy tail, out-of-policy shares, incomes)
    and writes their claims sorted by person, then date. The same seed,
    table and parameters give the same file. Parameters (all illustrative
    analysis assumptions) are listed in docs/simulation.md; --print-params
    prints them as JSON.

    OPTIONS:
      --table FILE        policy table: identity codes, hospital levels, disease lists and year
      --region ID --date D  a region of PolicyTables instead (the period valid on D; claims in D's year)
      --persons N         number of persons
      --seed S            random seed (unsigned integer)
      --out FILE          claims file; format from --format or the extension (.jsonl)
      --param KEY=VALUE   override one parameter (e.g. tailShare=0.05, year=2024)
      --params FILE       parameters as JSON (absent keys keep their defaults)
      --print-params      print the parameters in effect and exit
    """

  var table: (spec: String, date: CivilDate?, tables: String?)
  var persons: Int
  var seed: UInt64
  var outPath: String?
  var format: ClaimFileFormat
  var overrides: [String]
  var paramsPath: String?
  var printParams: Bool

  init(parsing p: inout ArgumentParser) throws {
    table = try TableSource.parse(&p)
    printParams = p.flag("--print-params")
    persons = try p.intOption("--persons") ?? 0
    let s = try p.option("--seed") ?? "0"
    guard let sv = UInt64(s) else { throw ValidationError("'--seed' expects an unsigned integer, got '\(s)'") }
    seed = sv
    outPath = try p.option("--out")
    format = try parseFormat(try p.option("--format"), default: ClaimFileFormat(fileName: outPath ?? ""))
    overrides = try p.options("--param")
    paramsPath = try p.option("--params")
  }

  mutating func validate() throws {
    guard printParams || persons > 0 else { throw ValidationError("'--persons N' must be at least 1") }
    guard printParams || outPath != nil else { throw ValidationError("missing '--out FILE'") }
  }

  func run() throws {
    let table = try TableSource.load(self.table.spec, date: self.table.date, tables: self.table.tables).table
    var data = try paramsPath.map { try Files.read($0) } ?? SynthParameters().encoded()
    for o in overrides { data = try JSONOverride.apply(o, to: data, label: "--param") }
    var parameters = try SynthParameters.decode(from: data)
    if parameters.year == nil, let date = self.table.date { parameters.year = date.year }
    if printParams {
      Files.write(parameters.encoded())
      return
    }
    guard let outPath else { return }
    var synth = try PopulationSynthesizer(table: table, parameters: parameters, seed: seed)
    var writer = ClaimFileWriter(format: format)
    let out = try AtomicOutput(path: outPath)
    var progress = Progress("synth")
    for i in 0..<persons {
      for row in synth.nextPerson() { writer.append(row) }
      if writer.output.count > ChunkedReader.chunkSize {
        try out.write(writer.output)
        writer.clearOutput()
        progress.update(i, of: persons, amount: "\(i) persons")
      }
    }
    try out.write(writer.output)
    try out.commit()
    progress.finish()
    FileHandle.standardError.write(Data("wrote \(synth.claimCount) claims of \(synth.personCount) persons to \(outPath)\n".utf8))
  }
}
