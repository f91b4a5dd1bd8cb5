/// `batch-io`: end to end through the CLI's batch path (claims file in,
/// results out), CSV and JSONL. Needs the claims-file codec and
/// `settle batch` (issue 7), not on main yet.
enum BatchIO {
  static func run(claims: Int, options: Options, workload w: Workload) throws -> Measurement {
    throw Unavailable(scenario: "batch-io", reason: "the claims-file CSV/JSONL codec and `settle batch` (issue 7) are not on main yet")
  }
}

/// A scenario whose library support does not exist yet.
struct Unavailable: Error {
  var scenario: String
  var reason: String
  var jsonLine: String { "{\"scenario\":\"\(scenario)\",\"status\":\"not available yet\",\"reason\":\"\(reason)\"}" }
}
