import Foundation

/// Command-line options: `--claims N --scenario NAME --threads K --compare`.
struct Options: Sendable {
  /// Claims (or requests) per scenario; `nil` = the scenario's default.
  var claims: Int?
  /// Scenario to run; `nil` = all.
  var scenario: String?
  /// Threads for `parallel`; default all cores.
  var threads = ProcessInfo.processInfo.activeProcessorCount
  /// Settle with and without the trace and compare instead of timing.
  var compare = false
  /// A shipped seed region to settle against instead of the benchmark table.
  var region: String?
  /// The region table's date (`YYYY-MM-DD`).
  var date: String?
  /// Where the shipped tables are.
  var tables = "PolicyTables"

  static let usage = """
    usage: SettlementBenchmark [--claims N] [--scenario NAME] [--threads K] [--compare]
                               [--region ID [--date YYYY-MM-DD] [--tables DIR]]
      scenarios: \(Scenario.all.map(\.name).joined(separator: ", ")) (default: all)
      --compare  settle the scenario's claims with StepTrace and NoTrace and check every amount is identical
      --region   settle against a shipped seed-region table (e.g. hubei) instead of the built-in benchmark table
    """

  /// Parses `arguments` (without the program name).
  init(_ arguments: [String]) throws(UsageError) {
    var rest = arguments[...]
    func value(_ flag: String) throws(UsageError) -> String {
      guard let v = rest.popFirst() else { throw UsageError("missing value for \(flag)") }
      return v
    }
    func count(_ flag: String) throws(UsageError) -> Int {
      let v = try value(flag)
      guard let n = Int(v.replacingOccurrences(of: "_", with: "")), n > 0 else { throw UsageError("\(flag) expects a positive integer, got '\(v)'") }
      return n
    }
    while let arg = rest.popFirst() {
      switch arg {
      case "--claims": claims = try count(arg)
      case "--threads": threads = try count(arg)
      case "--scenario":
        let name = try value(arg)
        guard Scenario.all.contains(where: { $0.name == name }) else { throw UsageError("unknown scenario '\(name)'") }
        scenario = name
      case "--compare": compare = true
      case "--region": region = try value(arg)
      case "--date": date = try value(arg)
      case "--tables": tables = try value(arg)
      case "--help", "-h": throw UsageError(nil)
      default: throw UsageError("unexpected argument '\(arg)'")
      }
    }
  }
}

/// A command-line mistake (`message == nil`: help was asked for).
struct UsageError: Error {
  var message: String?
  init(_ message: String?) { self.message = message }
}
