/// The parameters a claim settles one layer with, resolved when compiling:
/// for 基本医保 one set per (identity group, claim kind, hospital level,
/// place) cell, for 大病保险, 医疗救助 and 倾斜救助 one per parameter group.
///
/// Every one of these layers pays the same way: a deductible, then a
/// segmented schedule (basic: one open segment at the ratio, chosen by
/// referral), per claim or cumulative over the year, then the yearly caps.
/// Plain integers only, so the settlement loop reads them through a
/// pointer without reference counting.
struct LayerParameters: Sendable {
  /// Whether the layer pays for this cell (basic: a benefit for the claim
  /// kind and level exists).
  var applicable: Bool
  /// 起付线 — deductible, fen.
  var deductible: Int64
  /// 再次住院起付线 — the deductible from admission ``repeatFrom`` on, fen.
  var repeatDeductible: Int64
  /// Admission number from which ``repeatDeductible`` applies (`Int.max` = never).
  var repeatFrom: Int
  /// 年度起付线封顶 — the year's total deductible cap, fen (`-1` = none).
  var yearlyDeductibleCap: Int64
  /// Index of the first segment in the engine's `segments` (basic: the
  /// referred / in-county segment, followed by the unreferred one).
  var firstSegment: Int
  /// Number of segments.
  var segmentCount: Int
  /// Index of the yearly caps in the engine's `caps`.
  var caps: Int
  /// Table identity index this group was built for (`-1` = default).
  var identity: Int

  /// Parameters for a layer that does not pay for the cell.
  static let notApplicable = LayerParameters(
    applicable: false, deductible: 0, repeatDeductible: 0, repeatFrom: .max, yearlyDeductibleCap: -1, firstSegment: 0,
    segmentCount: 0, caps: 0, identity: -1)
}
