extension RoundingRule {
  /// `exact` (millionths of a fen) rounded to the fen by this rule, as the
  /// schedules round: half up is one division (the usual rule); the others,
  /// and amounts near the 64-bit limit, go through ``divide(_:by:)``.
  /// (``divideBranchFree(_:by:)`` has the same half-up arm, but its
  /// branch-free half-even arm cost the settlement loop more instructions
  /// than it saved; measured with callgrind.)
  @_transparent
  func fen(fromMillionths exact: Int64) -> Int64 {
    self == .halfUp && exact >= 0 && exact <= Int64.max &- Rate.scale / 2
      ? (exact &+ Rate.scale / 2) / Rate.scale : divide(exact, by: Rate.scale)
  }
}
