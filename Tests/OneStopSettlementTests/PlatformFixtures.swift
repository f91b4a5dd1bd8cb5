import Foundation
import OneStopSettlement

/// The published example region (`docs/examples/`): table, profile and
/// requests, shared by the platform tests.
enum PlatformFixtures {
  static let examples = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("docs/examples")

  static func data(_ name: String) throws -> Data { try Data(contentsOf: examples.appendingPathComponent(name)) }

  static func engine() throws -> PlatformEngine {
    try PlatformEngine(
      table: PolicyTable.decode(from: data("table.json")), profile: PlatformProfile.decode(from: data("profile.json")))
  }

  /// A request of person `P1` (no identity unless given), level 2, in county,
  /// discharged 2024-05-09, with `lines` and `cuminfo`.
  static func request(
    lines: [FeeLine], prior: [FeeLine] = [], cuminfo: [CumInfo] = [], identities: [String] = [],
    medType: String = "21", day: Int = 9
  ) throws -> PlatformRequest {
    var json: [String: Any] = [
      "mdtrt_id": "ZY-1", "psn_no": "P1", "insutype": "390", "psn_type": "1501", "med_type": medType,
      "dedc_hosp_lv": "2", "insuplc_admdvs": "320902", "mdtrtarea_admvs": "320902",
      "begntime": "2024-05-01", "endtime": "2024-05-\(day < 10 ? "0\(day)" : "\(day)")",
      "feedetail": [[String: Any]](),
    ]
    json["idetinfo"] = identities.map { ["psn_idet_type": $0] }
    var r = try PlatformRequest.decode(from: JSONSerialization.data(withJSONObject: json))
    r.lines = lines
    r.priorLines = prior
    r.accumulators = cuminfo
    return r
  }

  /// A class-A line `cnt × pric` of item `code` (an example catalogue code).
  static func line(_ sn: String, _ code: String = "DRUG-A-01", cnt: Int64, pric: String, refunds: String? = nil) throws -> FeeLine {
    let price = try UnitPrice(parsing: pric)
    let quantity = Quantity(tenThousandths: cnt * Quantity.scale)
    // Amount: cnt × pric rounded half-up to the fen (prices here have ≤ 2 decimals).
    let fen = (cnt * price.microYuan) / 10_000
    return FeeLine(serial: sn, originalSerial: refunds, itemCode: code, quantity: quantity, unitPrice: price, amount: Money(fen: fen))
  }

  /// `cuminfo` rows of 2024 for insutype 390.
  static func cuminfo(_ rows: [(String, String)]) throws -> [CumInfo] {
    try rows.map { CumInfo(insutype: "390", year: 2024, cumYearMonth: "202404", code: $0.0, cum: try Money(parsing: $0.1)) }
  }
}

extension PlatformResult {
  /// Accumulator deltas by code, fen.
  var deltaByCode: [String: Int64] { Dictionary(uniqueKeysWithValues: accumulatorDeltas.map { ($0.code, $0.cum.fen) }) }
}

/// Whether `body` throws a ``SettlementError`` with `code` (at `path`, when given).
func throwsSettlementError(_ code: SettlementError.Code, at path: String? = nil, _ body: () throws -> Void) -> Bool {
  do {
    try body()
    return false
  } catch let e as SettlementError {
    return e.code == code && (path == nil || e.jsonPath == path)
  } catch {
    return false
  }
}
