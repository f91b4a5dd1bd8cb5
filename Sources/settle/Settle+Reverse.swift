import Foundation
import OneStopSettlement

/// `settle reverse` — reverse a prior settlement (结算撤销).
struct ReverseCommand: SettleCommand {
  static let name = "reverse"
  static let abstract = "Reverse a prior platform settlement result (exact negation)"
  static let help = """
    USAGE: settle reverse [--current CUMINFO.json] [--table TABLE.json --profile PROFILE.json] PRIOR.json

    PRIOR.json is a result of 'settle claim --format platform', or a reversal
    request {"prior": RESULT, "cuminfo": [...], "later": [{"request": …, "result": …}]}.
    Prints the exact negation of the prior result and the accumulator change
    to post. Refuses (accumulatorsConsumed) when the person's current
    accumulators show that later settlements used the prior's, unless they
    are passed in "later"; re-settling them needs --table and --profile.

    OPTIONS:
      --current FILE  the person's accumulators now: a cuminfo array (5206)
      --table FILE    policy table, to re-settle later settlements
      --profile FILE  region profile, to re-settle later settlements
    """

  var priorPath: String
  var currentPath: String?
  var tablePath: String?
  var profilePath: String?

  init(parsing p: inout ArgumentParser) throws {
    currentPath = try p.option("--current")
    tablePath = try p.option("--table")
    profilePath = try p.option("--profile")
    let rest = p.positionals()
    guard rest.count == 1 else { throw ValidationError("expected one prior result file, got \(rest.count)") }
    priorPath = rest[0]
  }

  func validate() throws {
    guard (tablePath == nil) == (profilePath == nil) else { throw ValidationError("'--table' and '--profile' go together") }
  }

  func run() throws {
    var request = try ReversalRequest.decode(from: Files.read(priorPath))
    if let currentPath {
      request.currentAccumulators = try CumInfo.decodeRows(from: Files.read(currentPath))
    }
    let reversal: PlatformReversal
    if let tablePath, let profilePath {
      let engine = try PlatformFormat.engine(table: tablePath, profile: profilePath)
      reversal = try engine.reverse(request.prior, currentAccumulators: request.currentAccumulators, later: request.later)
    } else {
      guard request.later.isEmpty else { throw ValidationError("re-settling 'later' settlements needs '--table' and '--profile'") }
      reversal = try PlatformReversal.reversing(request.prior, currentAccumulators: request.currentAccumulators)
    }
    Files.write(reversal.encoded())
  }
}
