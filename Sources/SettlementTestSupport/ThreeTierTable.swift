import Foundation
public import OneStopSettlement

/// 三层简化表 — the simplified three-tier policy of the benchmark issue's
/// hand-written reference loop, as a policy table: 基本医保 800 元 deductible,
/// 70 %, capped; 大病保险 with three absolute segments, the low-income
/// deductible halved and every segment +5 points; 医疗救助 70 % for
/// low-income persons, capped. One hospital level, every claim kind and place.
///
/// **Illustrative**: the shape is the national rule (rules.md: low-income
/// 大病 deductible −50 %, +5 points); every amount and rate is invented for
/// the comparison, and marked so. It lets the benchmark settle the *same*
/// work through the engine and through ``settleByHand(_:)`` and compare.
///
///     let engine = try ThreeTierTable.engine()
public enum ThreeTierTable {
  /// The year the table is valid for.
  public static let year = 2024

  /// The table compiled into an engine.
  public static func engine() throws(SettlementError) -> SettlementEngine {
    try SettlementEngine(table: try PolicyTable.decode(from: Data(json.utf8)))
  }

  /// The table as JSON (schema version 1).
  public static let json = #"""
  {
    "schemaVersion": 1,
    "id": "benchmark/three-tier@2024",
    "name": "三层简化表（示意）",
    "validFrom": "2024-01-01",
    "validTo": "2024-12-31",
    "rounding": "halfUp",
    "illustrative": true,
    "note": "The benchmark issue's simplified three-tier policy; every number invented for the comparison with a hand-written loop.",
    "hospitalLevels": [{ "id": "any", "name": "任一级别" }],
    "identities": [{ "id": "lowIncome", "name": "低收入人口" }],
    "layers": [
      {
        "kind": "basic", "id": "basic", "name": "基本医保", "fundCode": "390100",
        "illustrative": true, "note": "800 元, 70 %, 10 万 a year: invented",
        "benefits": [{ "claimKinds": ["inpatient", "outpatientChronic", "generalOutpatient"],
                       "deductible": { "any": "800.00" }, "ratio": { "any": "0.70" } }],
        "annualCaps": [{ "amount": "100000.00" }]
      },
      {
        "kind": "majorIllness", "id": "majorIllness", "name": "大病保险", "fundCode": "390200",
        "illustrative": true, "note": "1.5 万; 60/70/80 % up to 5 万 / 10 万 / above: invented; low-income −50 %, +5 points: the national rule",
        "deductible": "15000.00", "breakpoints": "absolute",
        "segments": [{ "upTo": "50000.00", "rate": "0.60" }, { "upTo": "100000.00", "rate": "0.70" }, { "rate": "0.80" }],
        "identityOverrides": { "lowIncome": { "deductibleFactor": "0.5", "segmentPoints": 5 } }
      },
      {
        "kind": "assistance", "id": "assistance", "name": "医疗救助", "fundCode": "610100",
        "illustrative": true, "note": "70 %, 3 万 a year: invented",
        "basis": "perClaim",
        "classes": [{ "name": "低收入", "identities": ["lowIncome"], "deductible": "0", "ratio": "0.70",
                      "annualCaps": [{ "amount": "30000.00" }] }]
      }
    ]
  }
  """#

  /// The fund payments of `claim` under this table with fresh accumulators,
  /// written out by hand as the issue's reference loop does: `Int64` fen,
  /// half-up at each layer, overflow-checked products. `nil` on overflow.
  ///
  /// Assumes a claim the engine accepts (amounts consistent, level 0); the
  /// benchmark checks that the engine and this function agree to the fen.
  @inlinable @inline(__always)
  public static func settleByHand(_ claim: PreparedClaim) -> Int64? {
    let lowIncome = claim.identities & 1 != 0
    var left = claim.inPolicy
    // 基本医保: 800 元 deductible, 70 %, 10 万 cap.
    let deductible = min(left, 80_000)
    guard let basic = ByHand.halfUp(left &- deductible, 700_000) else { return nil }
    let paidBasic = min(basic, 10_000_000)
    left &-= paidBasic
    // 大病保险: 1.5 万 (low-income 7,500), 60/70/80 % (+5 points) up to 5 万 / 10 万 / above.
    let d: Int64 = lowIncome ? 750_000 : 1_500_000
    let plus: Int64 = lowIncome ? 50_000 : 0
    var exact: Int64 = 0
    if left > d {
      guard let a = ByHand.segment(left, d, 5_000_000, 600_000 &+ plus), let b = ByHand.segment(left, 5_000_000, 10_000_000, 700_000 &+ plus),
        let c = ByHand.segment(left, 10_000_000, .max, 800_000 &+ plus)
      else { return nil }
      exact = a &+ b &+ c
    }
    let paidMajor = min((exact &+ 500_000) / 1_000_000, left)
    left &-= paidMajor
    // 医疗救助: low-income only, 70 %, 3 万 cap.
    var paidAssistance: Int64 = 0
    if lowIncome {
      guard let a = ByHand.halfUp(left, 700_000) else { return nil }
      paidAssistance = min(a, 3_000_000)
    }
    return paidBasic &+ paidMajor &+ paidAssistance
  }
}
