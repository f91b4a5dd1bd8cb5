/// One layer of a compiled table: scope masks, switches and the index of its
/// resolved parameter groups. Plain integers only, so the settlement loop
/// reads it without reference counting.
struct CompiledLayer: Sendable {
  /// The kind of layer.
  var kind: LayerKind
  /// Rounding for this layer's amounts.
  var rounding: RoundingRule
  /// Claim kinds in scope (bit per ``ClaimKind``).
  var kindMask: UInt8
  /// Places in scope (bit per ``Place``).
  var placeMask: UInt8
  /// ``scopeMask``, computed once when compiling.
  var kindPlaceMask: UInt16 = 0
  /// Identities in scope (`0` = everyone).
  var identityMask: UInt64
  /// Requires a referred claim.
  var requiresReferral: Bool
  /// Disease lists in scope (`0` = any diagnosis).
  var diseaseMask: UInt64
  /// Requires a designated hospital.
  var requiresDesignatedHospital: Bool
  /// 先行自付 counts toward the base.
  var includesPayFirst: Bool
  /// The basic deductible counts toward the base (major illness).
  var includesBasicDeductible: Bool
  /// Cumulative yearly basis (major illness, per-year assistance).
  var perYear: Bool
  /// Identities that select a non-default group (bit per identity).
  var groupMask: UInt64
  /// Group used when no identity in ``groupMask`` is held (`-1` = none: the
  /// layer does not apply, e.g. assistance without a qualifying identity).
  var defaultGroup: Int
  /// Offset of this layer's identity → group map in the engine's
  /// `identityGroups` (one entry per table identity).
  var identityGroupOffset: Int
  /// Offset of this layer's groups in the engine's `groups`.
  var groupOffset: Int
  /// Number of groups.
  var groupCount: Int
  /// Offset of this layer's cells in the engine's `basicCells` (basic only).
  var basicCellOffset: Int
  /// Layer-level caps (basic).
  var caps: CompiledCaps
  /// 兜底 fixed ceiling in fen, or `-1`.
  var ceilingAmount: Int64
  /// 兜底 share of in-policy cost in millionths, or `-1`.
  var ceilingShare: Int64
  /// 补足 target ratio in millionths.
  var targetRatio: Int64

  /// Claim kind × place combinations in scope: bit `kind × 4 + place`.
  var scopeMask: UInt16 {
    var m: UInt16 = 0
    for k in 0..<3 where kindMask & (1 << UInt8(k)) != 0 {
      for p in 0..<4 where placeMask & (1 << UInt8(p)) != 0 { m |= 1 << UInt16(k * 4 + p) }
    }
    return m
  }

  /// Why the layer does not cover `claim` (for the trace; the first reason in
  /// the order kind, place, identity, referral, disease, hospital).
  func skipReason(_ claim: PreparedClaim) -> TraceStep.SkipReason {
    if kindMask & (1 << UInt8(claim.kind.index)) == 0 { return .claimKind }
    if placeMask & (1 << UInt8(claim.place.index)) == 0 { return .place }
    if identityMask != 0 && identityMask & claim.identities == 0 { return .identity }
    if requiresReferral && !claim.referred { return .referral }
    if diseaseMask != 0 && diseaseMask & claim.diseaseLists == 0 { return .disease }
    return .designatedHospital
  }
}

/// One resolved parameter group (default or identity/class specific) of a
/// major-illness, assistance or tilt layer.
struct CompiledGroup: Sendable {
  /// The schedule.
  var schedule: CompiledSchedule
  /// Yearly caps.
  var caps: CompiledCaps
  /// Table identity index this group was built for (`-1` = default).
  var identity: Int
}

/// Basic-insurance parameters resolved for one (group, claim kind, level,
/// place) combination.
struct BasicCell: Sendable {
  /// Whether basic insurance pays for this combination.
  var applicable: Bool
  /// Standard deductible, fen.
  var deductible: Int64
  /// Deductible from the repeat admission on, fen.
  var repeatDeductible: Int64
  /// Admission number from which ``repeatDeductible`` applies (`Int.max` = never).
  var repeatFrom: Int
  /// Year's total deductible cap, fen (`-1` = none).
  var yearlyDeductibleCap: Int64
  /// Ratio in millionths when referred or in county.
  var ratioReferred: Int64
  /// Ratio in millionths when out of county without referral.
  var ratioUnreferred: Int64
}
