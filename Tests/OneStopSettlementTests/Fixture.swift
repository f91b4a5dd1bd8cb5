import Foundation
@testable import OneStopSettlement

/// Test fixtures: files under `Fixtures/`, tables and engines built from them.
enum Fixture {
  static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

  static func data(_ path: String) throws -> Data { try Data(contentsOf: directory.appendingPathComponent(path)) }

  static func table(_ path: String) throws -> PolicyTable { try PolicyTable.decode(from: data(path)) }

  static func engine(_ path: String) throws -> SettlementEngine { try SettlementEngine(table: table(path)) }

  /// Runs a whole file through ``ClaimBatch`` and returns the output text.
  static func batch(_ engine: SettlementEngine, _ input: Data, input format: ClaimFileFormat = .csv, output: ClaimFileFormat = .csv,
                    chunk: Int = .max, skipsBadRows: Bool = false) throws(SettlementError) -> (text: String, batch: ClaimBatch) {
    var b = ClaimBatch(engine: engine, input: format, output: output, skipsBadRows: skipsBadRows)
    var out: [UInt8] = []
    let bytes = [UInt8](input)
    var start = 0
    repeat {
      let end = min(bytes.count, start + max(chunk, 1))
      try b.process(Array(bytes[start..<end]), isFinal: end == bytes.count)
      out += b.output
      b.clearOutput()
      start = end
    } while start < bytes.count
    return (String(decoding: out, as: UTF8.self), b)
  }

  /// CSV text as rows of fields (no quoting in these outputs).
  static func rows(_ csv: String) -> [[String]] {
    csv.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
  }

  /// Runs a simulation over a whole file.
  static func simulate(
    baseline: PolicyTable, reform: PolicyTable, claims: Data, format: ClaimFileFormat = .csv,
    options: PolicySimulation.Options = .init(), sweep: ParameterSweep? = nil
  ) throws -> SimulationReport {
    let sweepEngines = try sweep.map { s in (s, try s.tables(from: reform, overrides: []).map { try SettlementEngine(table: $0) }) }
    var sim = try PolicySimulation(
      baseline: SettlementEngine(table: baseline), reform: SettlementEngine(table: reform), sweep: sweepEngines,
      format: format, options: options)
    try sim.process(claims, isFinal: true)
    return try sim.report()
  }
}

extension Money {
  /// Test shorthand: `Money("12.50")`.
  init(_ yuan: String) { self = (try? Money(parsing: yuan)) ?? Money(fen: .min) }
}

extension Rate {
  /// Test shorthand: `Rate("0.5")`.
  init(_ text: String) { self = (try? Rate(parsing: text)) ?? Rate(micros: .min) }
}
