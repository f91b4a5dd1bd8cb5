/// `fee-lines`: claims of 50 fee lines each, catalogue lookup included.
/// Needs the fee-line model of the hospital-integration work (issue 5),
/// not on main yet.
enum FeeLines {
  static func run(claims: Int, options: Options) throws -> Measurement {
    throw Unavailable(scenario: "fee-lines", reason: "fee lines (hospital-integration issue 5) are not on main yet")
  }
}

/// A scenario whose library support does not exist yet.
struct Unavailable: Error {
  var scenario: String
  var reason: String
  var jsonLine: String { "{\"scenario\":\"\(scenario)\",\"status\":\"not available yet\",\"reason\":\"\(reason)\"}" }
}
