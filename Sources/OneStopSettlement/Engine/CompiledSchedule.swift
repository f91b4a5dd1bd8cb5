/// A resolved pay schedule: deductible plus up to eight segments, as flat
/// integers. `S(x) = round(Σ segment share of x above the deductible × rate)`.
struct CompiledSchedule: Sendable {
  /// Maximum number of segments.
  static let capacity = 8

  /// 起付线, fen.
  var deductible: Int64
  /// Number of segments in use.
  var count: Int
  /// Whether bounds are measured above the deductible.
  var relative: Bool
  /// Upper bounds in fen (`Int64.max` = open).
  var bounds: InlineArray<8, Int64>
  /// Rates in millionths (already including identity points, clamped 0…1).
  var rates: InlineArray<8, Int64>

  /// A single-rate schedule: `round(max(0, x − deductible) × rate)`.
  init(deductible: Int64, rate: Int64) {
    self.deductible = deductible
    count = 1
    relative = true
    bounds = InlineArray(repeating: .max)
    rates = InlineArray(repeating: 0)
    rates[0] = rate
  }

  /// A segmented schedule.
  init(deductible: Int64, relative: Bool, segments: [(bound: Int64, rate: Int64)]) {
    self.deductible = deductible
    self.relative = relative
    count = segments.count
    bounds = InlineArray(repeating: .max)
    rates = InlineArray(repeating: 0)
    for (i, s) in segments.enumerated() where i < Self.capacity {
      bounds[i] = s.bound
      rates[i] = s.rate
    }
  }

  /// The exact schedule value at `x`, in millionths of a fen, or `nil` on
  /// overflow. Calls `segment` with each segment's share (for tracing).
  @inline(__always)
  func exact(at x: Int64, deductible d: Int64, segment: (Int64, Int64, Int64) -> Void) -> Int64? {
    var lower = d
    var acc: Int64 = 0
    var i = 0
    while i < count, x > lower {
      let b = bounds[i]
      let upper = b == .max ? Int64.max : (relative ? d &+ b : b)
      if upper > lower {
        let top = x < upper ? x : upper
        let (p, o1) = (top &- lower).multipliedReportingOverflow(by: rates[i])
        let (s, o2) = acc.addingReportingOverflow(p)
        if o1 || o2 { return nil }
        acc = s
        segment(lower, top, rates[i])
        lower = upper
      }
      i &+= 1
    }
    return acc
  }
}

/// Up to three yearly caps of one layer or class, each shared by a set of
/// claim kinds (bit `k` = ``ClaimKind`` index `k`).
struct CompiledCaps: Sendable {
  /// Maximum number of caps.
  static let capacity = 3
  /// Number of caps in use.
  var count: Int = 0
  /// Cap amounts, fen.
  var amounts: InlineArray<3, Int64> = InlineArray(repeating: 0)
  /// Claim kinds sharing each cap.
  var kinds: InlineArray<3, UInt8> = InlineArray(repeating: 0)

  init() {}

  init(_ caps: [AnnualCap]) {
    for cap in caps.prefix(Self.capacity) {
      amounts[count] = cap.amount.value.fen
      kinds[count] = ClaimKind.mask(cap.claimKinds)
      count += 1
    }
  }

  /// Room left for a claim of `kind` given this year's payments per kind
  /// (inpatient, outpatient chronic, general outpatient)
  /// (`Int64.max` when no cap applies).
  @inline(__always)
  func room(kind: Int, paid: (Int64, Int64, Int64)) -> Int64 {
    var room = Int64.max
    var i = 0
    while i < count {
      let m = kinds[i]
      if m & (1 << UInt8(kind)) != 0 {
        var used: Int64 = 0
        if m & 1 != 0 { used &+= paid.0 }
        if m & 2 != 0 { used &+= paid.1 }
        if m & 4 != 0 { used &+= paid.2 }
        let r = amounts[i] &- used
        room = r < room ? r : room
      }
      i &+= 1
    }
    return room < 0 ? 0 : room
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
