/// One segment of a compiled schedule: the schedule pays `rate` on the part
/// of the amount between the previous segment's upper bound (the first
/// segment: the deductible) and `upper`.
struct CompiledSegment: Sendable {
  /// Maximum number of segments of one schedule.
  static let capacity = 8

  /// Upper bound, fen, absolute (`Int64.max` = open).
  var upper: Int64
  /// Rate in millionths (already including identity points, clamped 0…1).
  var rate: Int64

  /// The segments of a schedule with deductible `d`: `bounds` relative to
  /// `d` or absolute (`Int64.max` = open).
  static func resolve(deductible d: Int64, relative: Bool, _ segments: [(bound: Int64, rate: Int64)]) -> [CompiledSegment] {
    segments.prefix(capacity).map { s in
      CompiledSegment(upper: s.bound == .max ? .max : (relative ? d &+ s.bound : s.bound), rate: s.rate)
    }
  }

  /// The exact values at `before` and at `after` (`before ≤ after`) of the
  /// schedule of `count` segments starting at `segments`, above the
  /// deductible `d`: `S(x) = Σ (segment share of x above d) × rate`, in
  /// millionths of a fen, taken in one walk over the segments — the
  /// schedule before and after a claim — or `nil` on overflow. Calls
  /// `segment` with each segment's share of `after` (for tracing).
  /// `beforeIsZero` says that `S(before)` is 0 (`before` is 0 and `d` at
  /// least 0, as every compiled deductible: a claim with fresh
  /// accumulators), so only `S(after)` is summed.
  /// `openRate` is the rate when the schedule is one open segment (`nil`:
  /// walk the segments): then `S(x) = max(x − d, 0) × rate`, one product.
  @inline(__always)
  static func exact(
    at before: Int64, and after: Int64, above d: Int64, _ segments: UnsafePointer<CompiledSegment>, count: Int,
    openRate: Int64? = nil, beforeIsZero: Bool = false, segment: (Int64, Int64, Int64) -> Void
  ) -> (before: Int64, after: Int64)? {
    if let openRate {
      // The walk below with one segment whose upper bound is open.
      guard after > d else { return (0, 0) }
      let (p, o) = (after &- d).multipliedReportingOverflow(by: openRate)
      if o { return nil }
      segment(d, after, openRate)
      return (beforeIsZero ? 0 : (max(before, d) &- d) &* openRate, p)
    }
    var lower = d
    var accBefore: Int64 = 0, accAfter: Int64 = 0
    var i = 0
    while i < count, after > lower {
      let upper = segments[i].upper
      if upper > lower {
        let rate = segments[i].rate
        let top = after < upper ? after : upper
        // `before`'s share of the segment (none below it): at most
        // `after`'s, so its product and sum cannot overflow when those
        // of `after` do not (rates are 0…1, shares at least 0).
        let topBefore = before < upper ? (before > lower ? before : lower) : upper
        let (p, o1) = (top &- lower).multipliedReportingOverflow(by: rate)
        let (sum, o2) = accAfter.addingReportingOverflow(p)
        if o1 || o2 { return nil }
        accAfter = sum
        if !beforeIsZero { accBefore &+= (topBefore &- lower) &* rate }
        segment(lower, top, rate)
        lower = upper
      }
      i &+= 1
    }
    return (accBefore, accAfter)
  }
}
