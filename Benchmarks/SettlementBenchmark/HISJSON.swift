import Foundation
import OneStopSettlement
import SettlementTestSupport

/// `his-json`: one claim at a time through the public JSON API
/// (`engine.settleJSON`: decode request → resolve codes → settle with
/// trace → render the platform record), as a hospital system calls it.
/// Reports requests/s and the latency distribution of single calls.
enum HISJSON {
  /// Distinct requests; the run cycles through them.
  static let poolSize = 1_000

  /// Only the field the checksum needs, from a response.
  struct Response: Decodable {
    struct SetlInfo: Decodable { var fund_pay_sumamt: Money }
    var setlinfo: SetlInfo
  }

  static func run(claims requests: Int, options: Options, workload w: Workload) throws -> [Measurement] {
    let engine = w.engine
    var g = w.generator(seed: Scenario.seed &+ 2)
    var synthetic = g.claims(poolSize)
    if let d = w.date {  // a region's table may not cover the whole year
      for i in synthetic.indices { synthetic[i].month = d.month; synthetic[i].day = d.day }
    }
    let encoder = JSONEncoder()
    let bodies = try synthetic.enumerated().map { i, c in
      try encoder.encode(SettlementRequest(claim: try c.claim(id: "HIS\(i)", table: engine.table)))
    }

    // Warm up, then time every call.
    for body in bodies { _ = try engine.settleJSON(body) }
    var latencies = [Int64](repeating: 0, count: requests)
    var last = [Data](repeating: Data(), count: poolSize)
    let clock = ContinuousClock()
    let start = clock.now
    for i in 0..<requests {
      let t0 = clock.now
      let response = try engine.settleJSON(bodies[i % poolSize])
      let t1 = clock.now
      latencies[i] = nanoseconds(t1 - t0)
      last[i % poolSize] = response
    }
    let total = seconds(clock.now - start)

    // Checksum from the responses; each must agree with the prepared path.
    var checksum: Int64 = 0
    let decoder = JSONDecoder()
    for (p, response) in last.enumerated() where !response.isEmpty {
      let fund = try decoder.decode(Response.self, from: response).setlinfo.fund_pay_sumamt.fen
      var ytd = YearToDate()
      let direct = try engine.settle(synthetic[p].prepared, yearToDate: &ytd).fundTotal
      guard fund == direct else { throw BenchmarkFailure("his-json: request \(p) pays \(fund) fen by JSON, \(direct) prepared") }
      let uses = requests / poolSize + (p < requests % poolSize ? 1 : 0)
      checksum &+= fund &* Int64(uses)
    }
    latencies.sort()
    func percentile(_ q: Double) -> Double { Double(latencies[min(latencies.count - 1, Int(Double(latencies.count) * q))]) / 1000 }
    let (p50, p99, p999) = (percentile(0.5), percentile(0.99), percentile(0.999))
    let mean = Double(bodies.map(\.count).reduce(0, +)) / Double(bodies.count)
    return [Measurement(scenario: "his-json", claims: requests, seconds: total, threads: 1, checksum: checksum,
      extra: [("requests_per_s", format(Double(requests) / total, 0)), ("p50_us", format(p50, 2)), ("p99_us", format(p99, 2)),
              ("p999_us", format(p999, 2)), ("max_us", format(Double(latencies.last ?? 0) / 1000, 2)), ("request_bytes_mean", format(mean, 0))],
      note: "\(w.label); p50 \(format(p50, 1)) µs, p99 \(format(p99, 1)) µs, p99.9 \(format(p999, 1)) µs; \(format(mean, 0)) B/request")]
  }

  static func nanoseconds(_ d: Duration) -> Int64 {
    d.components.seconds * 1_000_000_000 + d.components.attoseconds / 1_000_000_000
  }
}
