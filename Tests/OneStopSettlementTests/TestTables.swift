import Foundation
import OneStopSettlement

/// Builds small tables from JSON snippets for hand-derived tests.
enum TestTables {
  /// Three hospital levels `1`, `2`, `3` and the identities below, in precedence order.
  static let levels = #"[{"id":"1","name":"一级","codes":["01"]},{"id":"2","name":"二级"},{"id":"3","name":"三级"}]"#
  static let identities = #"""
    [{"id":"tekun","name":"特困人员","codes":["2304"]},{"id":"dibao","name":"低保对象","codes":["2303"]},
     {"id":"fanpin","name":"返贫致贫人口"},{"id":"jiance","name":"监测对象"},{"id":"bianyuan","name":"低保边缘"}]
    """#

  /// A table JSON document with the given layers (a JSON array body).
  static func json(layers: String, rounding: String = "halfUp", extra: String = "") -> String {
    """
    {"schemaVersion":1,"id":"test","name":"test","validFrom":"2024-01-01","validTo":"2024-12-31",
     "rounding":"\(rounding)","hospitalLevels":\(levels),"identities":\(identities),\(extra)
     "layers":[\(layers)]}
    """
  }

  /// A compiled engine for the given layers.
  static func engine(layers: String, rounding: String = "halfUp", extra: String = "") throws -> SettlementEngine {
    try SettlementEngine(table: PolicyTable.decode(from: Data(json(layers: layers, rounding: rounding, extra: extra).utf8)))
  }

  /// A basic layer: deductibles and ratios per level for inpatient claims.
  static func basic(
    deductible: (Int, Int, Int) = (200, 400, 800), ratio: (String, String, String) = ("0.90", "0.80", "0.70"),
    extraBenefit: String = "", extraLayer: String = ""
  ) -> String {
    """
    {"kind":"basic","id":"basic","name":"基本医保","fundCode":"390100",\(extraLayer)
     "benefits":[{"claimKinds":["inpatient"],
       "deductible":{"1":\(deductible.0),"2":\(deductible.1),"3":\(deductible.2)},
       "ratio":{"1":"\(ratio.0)","2":"\(ratio.1)","3":"\(ratio.2)"}\(extraBenefit)}]}
    """
  }
}

/// Tests write amounts as integer fen (`730_103` is 7,301.03 yuan).
extension PreparedClaim {
  /// An inpatient claim whose amounts are all in policy unless stated.
  static func inpatient(
    total: Int64, inPolicy: Int64? = nil, payFirst: Int64 = 0, level: Int = 2, place: Place = .inCounty,
    referred: Bool = true, identities: UInt64 = 0, kind: ClaimKind = .inpatient, diseases: UInt64 = 0, designated: Bool = false
  ) -> PreparedClaim {
    let inp = inPolicy ?? (total - payFirst)
    return PreparedClaim(
      total: total, fullyOwnPay: total - inp - payFirst, payFirst: payFirst, inPolicy: inp, kind: kind, level: level,
      place: place, referred: referred, identities: identities, year: 2024, diseaseLists: diseases, designatedHospital: designated)
  }
}

/// Identity bits in ``TestTables/identities`` order.
enum Bit {
  static let tekun: UInt64 = 1 << 0
  static let dibao: UInt64 = 1 << 1
  static let fanpin: UInt64 = 1 << 2
  static let jiance: UInt64 = 1 << 3
  static let bianyuan: UInt64 = 1 << 4
}
