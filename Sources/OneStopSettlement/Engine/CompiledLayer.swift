/// One layer of a compiled table: scope masks, switches and where its
/// resolved parameters are. Plain integers only, so the settlement loop
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
  /// ``perYear`` as a mask: all ones for a cumulative yearly basis, else 0
  /// (the year's base so far reads through it, without a jump).
  var perYearMask: Int64 = 0
  /// Identities that select a non-default group (bit per identity).
  var groupMask: UInt64
  /// Group used when no identity in ``groupMask`` is held (`-1` = none: the
  /// layer does not apply, e.g. assistance without a qualifying identity).
  var defaultGroup: Int
  /// Offset of this layer's identity → group map in the engine's
  /// `identityGroups`: ``defaultGroup``, then one entry per table identity
  /// (identity `i` at `identityGroupOffset + 1 + i`).
  var identityGroupOffset: Int
  /// Where this layer's ``LayerParameters`` start in the engine's
  /// `parameters`: group `g` with cell `c` (basic: claim kind × level ×
  /// place) is `parameterOffset + g × groupStride + c`.
  var parameterOffset: Int
  /// Parameters per group (basic: one per cell; other layers: 1).
  var groupStride: Int
  /// Where this layer's ``LayerStep``s start in the engine's `steps`: group
  /// `g` and claim key `k` (``ClaimKey``) use
  /// `stepOffset + g × stepStride + (k & keyMask)`.
  var stepOffset: Int = 0
  /// Steps per group (basic: one per claim key; other layers: one per
  /// claim kind, 4).
  var stepStride: Int = 0
  /// `-1` when the step depends on the whole claim key (basic), `3` when
  /// only on the claim kind (the room under the caps).
  var keyMask: Int = 3
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

extension ClaimKind {
  /// Bit mask of `kinds` (`nil` = all three).
  static func mask(_ kinds: [ClaimKind]?) -> UInt8 {
    guard let kinds else { return 0b111 }
    return kinds.reduce(0) { $0 | (1 << UInt8($1.index)) }
  }
}

extension Place {
  /// Bit mask of `places` (`nil` = all four).
  static func mask(_ places: [Place]?) -> UInt8 {
    guard let places else { return 0b1111 }
    return places.reduce(0) { $0 | (1 << UInt8($1.index)) }
  }
}
