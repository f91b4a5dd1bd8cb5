/// A resolved pay schedule: deductible plus up to eight segments, as flat
/// integers. `S(x) = round(Σ segment share of x above the deductible × rate)`.
/// The segments live in the engine's flat `segments` array (no per-schedule
/// storage to copy); their upper bounds are absolute, in fen.
struct CompiledSchedule: Sendable {
  /// Maximum number of segments.
  static let capacity = 8

  /// 起付线, fen.
  var deductible: Int64
  /// Index of the first segment in the engine's `segments`.
  var firstSegment: Int
  /// Number of segments.
  var count: Int
  /// The first segment's rate in millionths (reported as the layer's rate).
  var firstRate: Int64

  /// The exact schedule value at `x`, in millionths of a fen, or `nil` on
  /// overflow. Calls `segment` with each segment's share (for tracing).
  @inline(__always)
  func exact(at x: Int64, in segments: UnsafePointer<CompiledSegment>, segment: (Int64, Int64, Int64) -> Void) -> Int64? {
    var lower = deductible
    var acc: Int64 = 0
    var i = 0
    let s = segments + firstSegment
    while i < count, x > lower {
      let upper = s[i].upper
      if upper > lower {
        let rate = s[i].rate
        let top = x < upper ? x : upper
        let (p, o1) = (top &- lower).multipliedReportingOverflow(by: rate)
        let (sum, o2) = acc.addingReportingOverflow(p)
        if o1 || o2 { return nil }
        acc = sum
        segment(lower, top, rate)
        lower = upper
      }
      i &+= 1
    }
    return acc
  }
}

/// One segment of a compiled schedule.
struct CompiledSegment: Sendable {
  /// Upper bound, fen, absolute (`Int64.max` = open).
  var upper: Int64
  /// Rate in millionths (already including identity points, clamped 0…1).
  var rate: Int64

  /// The segments of a schedule with deductible `d`: `bounds` relative to
  /// `d` or absolute (`Int64.max` = open).
  static func resolve(deductible d: Int64, relative: Bool, _ segments: [(bound: Int64, rate: Int64)]) -> [CompiledSegment] {
    segments.prefix(CompiledSchedule.capacity).map { s in
      CompiledSegment(upper: s.bound == .max ? .max : (relative ? d &+ s.bound : s.bound), rate: s.rate)
    }
  }
}

/// Up to three yearly caps of one layer or class, each shared by a set of
/// claim kinds (bit `k` = ``ClaimKind`` index `k`). Held as plain fields, so
/// ``room(kind:paid:)`` is one step per cap in use.
struct CompiledCaps: Sendable {
  /// Maximum number of caps.
  static let capacity = 3
  /// Number of caps in use.
  var count: Int = 0
  /// Cap amounts, fen.
  var amount0: Int64 = 0, amount1: Int64 = 0, amount2: Int64 = 0
  /// Claim kinds sharing each cap (`0`: cap not in use).
  var kinds0: UInt8 = 0, kinds1: UInt8 = 0, kinds2: UInt8 = 0

  init() {}

  init(_ caps: [AnnualCap]) {
    for cap in caps.prefix(Self.capacity) {
      let amount = cap.amount.value.fen, kinds = ClaimKind.mask(cap.claimKinds)
      switch count {
      case 0: amount0 = amount; kinds0 = kinds
      case 1: amount1 = amount; kinds1 = kinds
      default: amount2 = amount; kinds2 = kinds
      }
      count += 1
    }
  }

  /// Room left for a claim of `kind` given this year's payments per kind
  /// (inpatient, outpatient chronic, general outpatient)
  /// (`Int64.max` when no cap applies). Transparent: always inlined into
  /// the settlement loop, which is otherwise too large for the inliner.
  @_transparent
  func room(kind: Int, paid: (Int64, Int64, Int64)) -> Int64 {
    if count == 0 { return .max }
    let bit = UInt8(1) << UInt8(kind)
    var room = Self.left(amount0, kinds0, bit, paid)
    if count > 1 { room = min(room, Self.left(amount1, kinds1, bit, paid)) }
    if count > 2 { room = min(room, Self.left(amount2, kinds2, bit, paid)) }
    return room < 0 ? 0 : room
  }

  /// What is left of one cap shared by `kinds` (`Int64.max` if it does not cover `bit`).
  @_transparent
  static func left(_ amount: Int64, _ kinds: UInt8, _ bit: UInt8, _ paid: (Int64, Int64, Int64)) -> Int64 {
    // Branch-free: each kind's payments count when the cap is shared with it.
    let used = (paid.0 & -Int64(kinds & 1)) &+ (paid.1 & -Int64((kinds >> 1) & 1)) &+ (paid.2 & -Int64((kinds >> 2) & 1))
    return kinds & bit != 0 ? amount &- used : .max
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
