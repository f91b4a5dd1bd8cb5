@testable import OneStopSettlement
import Testing

/// The schedule's values before and after a claim, taken in one walk over
/// the segments: by hand, and against the definition (in 128-bit
/// arithmetic) over seeded random schedules, amounts and overflows.
@Suite struct ScheduleWalkTests {
  /// Deductible 1,000; 50 % up to 5,000, then 80 % (absolute bounds).
  static let segments = CompiledSegment.resolve(deductible: 1_000, relative: false, [(5_000, 500_000), (.max, 800_000)])

  /// The segments in memory the walks read (freed by the caller).
  static func memory(_ segments: [CompiledSegment]) -> UnsafeMutablePointer<CompiledSegment> {
    let p = UnsafeMutablePointer<CompiledSegment>.allocate(capacity: max(segments.count, 1))
    p.initialize(from: segments, count: segments.count)
    return p
  }

  static func ignore(_ lower: Int64, _ upper: Int64, _ rate: Int64) {}

  /// The definition: `S(x) = Σ rate × (the part of x above d in the
  /// segment)`, segment `k` running from the previous bound (the first: d)
  /// to its own; `nil` beyond 64 bits.
  static func definition(_ x: Int64, _ d: Int64, _ segments: [CompiledSegment]) -> Int64? {
    var sum: Int128 = 0, lower = d
    for s in segments where s.upper > lower {
      sum += Int128(max(0, min(x, s.upper) - lower)) * Int128(s.rate)
      lower = s.upper
    }
    return sum <= Int128(Int64.max) ? Int64(sum) : nil
  }

  static func both(_ before: Int64, _ after: Int64, _ d: Int64, _ s: UnsafePointer<CompiledSegment>, _ n: Int) -> (before: Int64, after: Int64)? {
    CompiledSegment.exact(at: before, and: after, above: d, s, count: n, segment: ignore)
  }

  @Test func byHand() throws {
    let s = Self.memory(Self.segments)
    defer { s.deallocate() }
    // S(3,000) = (3,000 − 1,000) × 0.5 = 1,000; S(8,000) = 4,000 × 0.5 + 3,000 × 0.8 = 4,400 (× 10⁶: millionths).
    let a = try #require(Self.both(3_000, 8_000, 1_000, s, 2))
    #expect(a.before == 1_000_000_000 && a.after == 4_400_000_000)
    // Before below the deductible: S(500) = 0; S(5,000) = 4,000 × 0.5 = 2,000.
    let b = try #require(Self.both(500, 5_000, 1_000, s, 2))
    #expect(b.before == 0 && b.after == 2_000_000_000)
    // Both in the open segment: S(6,000) = 2,000 + 1,000 × 0.8 = 2,800; S(7,000) = 2,000 + 2,000 × 0.8 = 3,600.
    let c = try #require(Self.both(6_000, 7_000, 1_000, s, 2))
    #expect(c.before == 2_800_000_000 && c.after == 3_600_000_000)
    // Segments are reported for `after` only: [1,000, 5,000) at 50 %, [5,000, 7,000) at 80 %.
    var seen: [[Int64]] = []
    _ = CompiledSegment.exact(at: 6_000, and: 7_000, above: 1_000, s, count: 2, segment: { seen.append([$0, $1, $2]) })
    #expect(seen == [[1_000, 5_000, 500_000], [5_000, 7_000, 800_000]])
  }

  @Test(arguments: [UInt64(1), 2, 3])
  func oneWalkIsTheDefinition(seed: UInt64) {
    var rng = SplitMix64(seed: seed)
    var open = 0
    defer { #expect(open > 300, "enough one-open-segment schedules") }
    for _ in 0..<3_000 {
      let count = Int(rng.next() % 4) + 1
      let d = Int64(rng.next() % 2_000_000)
      var bound: Int64 = 0
      var raw: [(bound: Int64, rate: Int64)] = []
      for k in 0..<count {
        bound += Int64(rng.next() % 5_000_000) + 1
        raw.append((k == count - 1 && rng.next() % 2 == 0 ? .max : bound, Int64(rng.next() % 1_000_001)))
      }
      let segments = CompiledSegment.resolve(deductible: d, relative: rng.next() % 2 == 0, raw)
      // Amounts up to 3 × 10¹³ fen; now and then near the 64-bit limit, where the walks overflow.
      let limit: UInt64 = rng.next() % 50 == 0 ? UInt64(Int64.max) : 30_000_000_000_000
      var before = Int64(rng.next() % limit), after = Int64(rng.next() % limit)
      if before > after { swap(&before, &after) }
      if rng.next() % 4 == 0 { before = 0 }
      let s = Self.memory(segments)
      var walks = [Self.both(before, after, d, s, segments.count)]
      // One open segment: the product instead of the walk (`openRate`).
      if segments.count == 1, segments[0].upper == .max {
        open += 1
        walks.append(CompiledSegment.exact(at: before, and: after, above: d, s, count: 1, openRate: segments[0].rate, segment: Self.ignore))
      }
      // Fresh accumulators: S(0) taken as 0 without summing it (`beforeIsZero`).
      if before == 0 {
        walks.append(CompiledSegment.exact(at: 0, and: after, above: d, s, count: segments.count, beforeIsZero: true, segment: Self.ignore))
        if segments.count == 1, segments[0].upper == .max {
          walks.append(CompiledSegment.exact(
            at: 0, and: after, above: d, s, count: 1, openRate: segments[0].rate, beforeIsZero: true, segment: Self.ignore))
        }
      }
      let b = Self.definition(before, d, segments), a = Self.definition(after, d, segments)
      s.deallocate()
      for one in walks {
        if let a, let b {
          #expect(one?.before == b && one?.after == a, "\(raw) d \(d): \(before) … \(after)")
        } else {
          #expect(one == nil, "overflow: \(raw) d \(d): \(before) … \(after)")
        }
      }
    }
  }
}
