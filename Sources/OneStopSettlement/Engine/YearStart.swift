/// How a settlement reads the year-to-date accumulators before a claim.
///
/// The settlement loop is generic over it, as over its trace and sink: a
/// batch of independent claims settles with ``FreshYear``, where every
/// counter is zero at compile time (no deductible or cap used yet, no
/// earlier admission, `S(before) = 0`), so none of that is read or
/// computed; everything else settles with ``CarriedYear``.
protocol YearStart {
  /// Every counter before the claim is zero and nothing is committed.
  static var isFresh: Bool { get }
}

/// Fresh accumulators (the claim is the person's first of the year) that
/// are not kept: every counter reads as zero.
enum FreshYear: YearStart {
  @_transparent static var isFresh: Bool { true }
}

/// The person's accumulators (all-zero ones when the claim starts a new
/// year), committed when the claim has settled.
enum CarriedYear: YearStart {
  @_transparent static var isFresh: Bool { false }
}
