import Foundation

/// One scenario's figures: printed as one JSON line on stdout and one row
/// of the table on stderr.
struct Measurement {
  var scenario: String
  /// Claims (or requests) settled in the timed run.
  var claims: Int
  /// Wall-clock seconds of the timed run (the best of the runs).
  var seconds: Double
  var threads: Int
  /// Sum of all fund payments, fen.
  var checksum: Int64
  /// Further fields (latencies, speed-up …), already JSON-rendered values.
  var extra: [(String, String)] = []
  /// Free text for the stderr table.
  var note = ""

  var claimsPerSecond: Double { Double(claims) / seconds }
  var nanosecondsPerClaim: Double { seconds * 1e9 / Double(claims) }

  /// The JSON line (keys in a fixed order).
  var jsonLine: String {
    var fields = [
      ("scenario", "\"\(scenario)\""), ("claims", "\(claims)"), ("seconds", format(seconds, 6)),
      ("claims_per_s", format(claimsPerSecond, 0)), ("ns_per_claim", format(nanosecondsPerClaim, 3)),
      ("threads", "\(threads)"), ("checksum", "\(checksum)"),
    ]
    fields += extra
    fields.append(("peak_rss_kib", "\(peakResidentKiB())"))
    return "{" + fields.map { "\"\($0.0)\":\($0.1)" }.joined(separator: ",") + "}"
  }

  /// The stderr table row.
  var row: String {
    pad(scenario, 10) + pad(grouped(claims), 14, right: true) + pad(format(seconds, 3), 9, right: true)
      + pad(grouped(Int(claimsPerSecond.rounded())), 16, right: true) + pad(format(nanosecondsPerClaim, 2), 10, right: true)
      + pad("\(threads)", 8, right: true) + pad("\(checksum)", 22, right: true) + "  " + note
  }

  static let header = pad("scenario", 10) + pad("claims", 14, right: true) + pad("seconds", 9, right: true)
    + pad("claims/s", 16, right: true) + pad("ns/claim", 10, right: true) + pad("threads", 8, right: true)
    + pad("checksum (fen)", 22, right: true) + "  note"
}

func format(_ x: Double, _ decimals: Int) -> String { String(format: "%.\(decimals)f", x) }

func pad(_ s: String, _ width: Int, right: Bool = false) -> String {
  let fill = String(repeating: " ", count: max(0, width - s.count))
  return right ? fill + s : s + fill
}

/// `1234567` → `1,234,567`.
func grouped(_ n: Int) -> String {
  let digits = Array(String(n.magnitude))
  var out = ""
  for (i, d) in digits.enumerated() {
    if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
    out.append(d)
  }
  return n < 0 ? "-" + out : out
}

/// Peak resident set size of this process so far, KiB.
func peakResidentKiB() -> Int {
  var usage = rusage()
  getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
  return Int(usage.ru_maxrss)
}

/// Writes a line to stdout, unbuffered.
func emit(_ line: String) {
  FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

/// Writes a line to stderr.
func note(_ line: String) {
  FileHandle.standardError.write(Data((line + "\n").utf8))
}

/// Runs `body` once to warm up, then `runs` times, returning the best
/// wall-clock seconds and the result of the last run.
func timed<R>(runs: Int = 3, _ body: () throws -> R) rethrows -> (seconds: Double, all: [Double], result: R) {
  var result = try body()
  var all: [Double] = []
  for _ in 0..<runs {
    let start = ContinuousClock.now
    result = try body()
    all.append(seconds(ContinuousClock.now - start))
  }
  return (all.min() ?? 0, all, result)
}

func seconds(_ d: Duration) -> Double {
  Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
}
