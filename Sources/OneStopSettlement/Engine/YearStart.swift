/// How a settlement reads the year-to-date accumulators before a claim,
/// and whether it commits the claim to them.
///
/// The settlement loop is generic over it, as over its trace and sink:
/// where every counter before the claim is known to be zero — a batch of
/// independent claims (``FreshYear``), or a person's first claim of a year
/// (``FirstOfYear``) — none of them is read or computed (no deductible or
/// cap used yet, no earlier admission, `S(before) = 0`); every other claim
/// settles with ``CarriedYear``.
protocol YearStart {
  /// Every counter before the claim is zero (known when compiling).
  static var isFresh: Bool { get }
  /// The claim is added to the person's accumulators once it has settled.
  static var commits: Bool { get }
}

/// Fresh accumulators (the claim is the person's first of the year) that
/// are not kept: every counter reads as zero and nothing is committed.
enum FreshYear: YearStart {
  @_transparent static var isFresh: Bool { true }
  @_transparent static var commits: Bool { false }
}

/// The person's first claim of a year, whose accumulators are kept: every
/// counter reads as zero, and the settled claim starts the year's counters.
/// The same settlement as ``CarriedYear`` on accumulators of an earlier
/// year (which reads them as zero too), without reading them.
enum FirstOfYear: YearStart {
  @_transparent static var isFresh: Bool { true }
  @_transparent static var commits: Bool { true }
}

/// The person's accumulators (all-zero ones when the claim starts a new
/// year), committed when the claim has settled.
enum CarriedYear: YearStart {
  @_transparent static var isFresh: Bool { false }
  @_transparent static var commits: Bool { true }
}
