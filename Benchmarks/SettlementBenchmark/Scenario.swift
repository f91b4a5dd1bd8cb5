import OneStopSettlement

/// One benchmark scenario.
struct Scenario: Sendable {
  /// Name for `--scenario`.
  var name: String
  /// Claims (or requests) when `--claims` is not given.
  var defaultClaims: Int
  /// Times the scenario.
  var run: @Sendable (_ claims: Int, _ options: Options, _ workload: Workload) throws -> [Measurement]
  /// Settles the scenario's claims with and without the trace; returns how
  /// many settlements were compared (throws on the first difference).
  var compare: (@Sendable (_ claims: Int, _ workload: Workload) throws -> Int)?

  /// Every scenario, in the order they run.
  static let all: [Scenario] = [
    Scenario(name: "aggregated", defaultClaims: 100_000_000, run: Aggregated.run, compare: Aggregated.compare),
    Scenario(name: "year", defaultClaims: 40_000_000, run: YearScenario.run, compare: YearScenario.compare),
    Scenario(name: "fee-lines", defaultClaims: 2_000_000, run: FeeLines.run, compare: nil),
    Scenario(name: "parallel", defaultClaims: 200_000_000, run: Parallel.run, compare: nil),
    Scenario(name: "batch-io", defaultClaims: 2_000_000, run: BatchIO.run, compare: nil),
    Scenario(name: "his-json", defaultClaims: 20_000, run: HISJSON.run, compare: nil),
    Scenario(name: "baseline", defaultClaims: 100_000_000, run: Baseline.run, compare: nil),
  ]

  /// The seed of every synthetic population: the same claims on every run.
  static let seed: UInt64 = 0x5EED_2024
}

/// A scenario that failed or cannot run.
struct BenchmarkFailure: Error, CustomStringConvertible {
  var description: String
  init(_ description: String) { self.description = description }
}

/// A typed settlement error as a benchmark failure.
func failure(_ e: SettlementError, _ context: String) -> BenchmarkFailure {
  BenchmarkFailure("\(context): \(e)")
}
