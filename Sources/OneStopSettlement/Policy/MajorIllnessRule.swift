/// 大病保险 — the major-illness insurance rule of a table.
///
/// One deductible per year. The base is the year's cumulative in-policy
/// self-pay left after basic insurance (with or without the basic
/// deductible: ``baseIncludesBasicDeductible``). The cumulative pay schedule
/// `S(x)` sums each segment's share of `x` above the deductible times its
/// rate, rounded once; a claim pays `S(after) − S(before)`, so splitting a
/// year's costs across admissions never changes the year's total.
///
/// Example (reference year-path rules, ordinary resident): deductible
/// 15,000.00; segments 50,000.00 at 60 %, 50,000.00 at 70 %, the rest 80 %
/// (relative to the deductible). Cumulative base 80,000.00 →
/// `50000 × 0.6 + 15000 × 0.7 = 40,500.00`.
public struct MajorIllnessRule: Sendable, Hashable, Codable {
  /// 起付线 — the yearly deductible.
  public var deductible: Sourced<Money>
  /// Whether the basic deductible paid by the patient counts toward the base
  /// (广州 Ex.4: yes; 淮南: no).
  public var baseIncludesBasicDeductible: Bool
  /// Whether 先行自付 (pay-first of class-B items) counts toward the base.
  public var baseIncludesPayFirst: Bool
  /// How segment bounds are read.
  public var breakpoints: Breakpoints
  /// 分段 — segments in increasing order; only the last may be open.
  public var segments: [Segment]
  /// 年度最高支付限额 — yearly cap (`nil` = none).
  public var annualCap: Sourced<Money>?
  /// 倾斜支付 — identity changes, keyed by identity id.
  public var identityOverrides: [String: MajorIllnessOverride]

  /// How ``Segment/upTo`` is measured.
  public enum Breakpoints: String, Sendable, Hashable, Codable {
    /// Bounds are cumulative base amounts (湖北: 1.2万–3万 60 %, 3万–10万 65 %).
    /// The first segment starts at the deductible.
    case absolute
    /// Bounds are measured above the deductible (湖南: 扣除起付线后 0–3万 60 %).
    case relativeToDeductible
  }

  /// Creates a rule.
  public init(
    deductible: Sourced<Money>, baseIncludesBasicDeductible: Bool = true, baseIncludesPayFirst: Bool = false,
    breakpoints: Breakpoints, segments: [Segment], annualCap: Sourced<Money>? = nil,
    identityOverrides: [String: MajorIllnessOverride] = [:]
  ) {
    self.deductible = deductible; self.baseIncludesBasicDeductible = baseIncludesBasicDeductible
    self.baseIncludesPayFirst = baseIncludesPayFirst; self.breakpoints = breakpoints
    self.segments = segments; self.annualCap = annualCap; self.identityOverrides = identityOverrides
  }

  enum CodingKeys: String, CodingKey, CaseIterable {
    case deductible, baseIncludesBasicDeductible, baseIncludesPayFirst, breakpoints, segments, annualCap, identityOverrides
  }

  /// Decodes the rule; checks segments are sorted (unknown keys: ``Layer``).
  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    deductible = try c.amount(.deductible)
    baseIncludesBasicDeductible = try c.decodeIfPresent(Bool.self, forKey: .baseIncludesBasicDeductible) ?? true
    baseIncludesPayFirst = try c.decodeIfPresent(Bool.self, forKey: .baseIncludesPayFirst) ?? false
    breakpoints = try c.decode(Breakpoints.self, forKey: .breakpoints)
    segments = try c.decode([Segment].self, forKey: .segments)
    try Segment.checkOrder(segments, at: decoder.path("segments"))
    annualCap = try c.amountIfPresent(.annualCap)
    identityOverrides = try c.decodeIfPresent([String: MajorIllnessOverride].self, forKey: .identityOverrides) ?? [:]
  }
}

/// 分段 — one segment of a cumulative pay schedule.
public struct Segment: Sendable, Hashable, Codable {
  /// Upper bound (see ``MajorIllnessRule/Breakpoints``); `nil` = open.
  public var upTo: Sourced<Money>?
  /// 支付比例 — the rate paid on the part of the base in this segment.
  public var rate: Sourced<Rate>

  /// Creates a segment.
  public init(upTo: Sourced<Money>?, rate: Sourced<Rate>) { self.upTo = upTo; self.rate = rate }

  private enum CodingKeys: String, CodingKey, CaseIterable { case upTo, rate }

  /// Decodes a segment, rejecting unknown keys and rates outside 0…1.
  public init(from decoder: any Decoder) throws {
    try decoder.rejectUnknownKeys(CodingKeys.names)
    let c = try decoder.container(keyedBy: CodingKeys.self)
    upTo = try c.amountIfPresent(.upTo)
    rate = try c.rate(.rate)
  }

  /// Bounds strictly increasing; only the last segment open; at least one.
  static func checkOrder(_ segments: [Segment], at path: String) throws {
    guard !segments.isEmpty, segments.count <= CompiledSegment.capacity else {
      throw SettlementError(.unsortedSegments, at: path, expected: "1 to \(CompiledSegment.capacity) segments", found: "\(segments.count)")
    }
    var previous: Int64 = -1
    for (i, s) in segments.enumerated() {
      guard let bound = s.upTo?.value.fen else {
        guard i == segments.count - 1 else {
          throw SettlementError(.unsortedSegments, at: "\(path)[\(i)].upTo", expected: "an upper bound (only the last segment may be open)")
        }
        continue
      }
      guard bound > previous, bound > 0 else {
        throw SettlementError(.unsortedSegments, at: "\(path)[\(i)].upTo",
          expected: "a bound above the previous segment's (\(Money(fen: max(previous, 0))))", found: Money(fen: bound).description)
      }
      previous = bound
    }
  }
}

/// 倾斜支付 — identity changes to major-illness insurance.
///
/// National frame (医疗保障扶贫三年行动, 2018): 起付线降低50%, 支付比例提高5个百分点,
/// 取消封顶线 — `deductibleFactor 0.5, segmentPoints 5, removeCap true`.
public struct MajorIllnessOverride: Sendable, Hashable, Codable {
  /// 起付线 × factor (e.g. 0.5).
  public var deductibleFactor: Sourced<Rate>?
  /// 起付线 as an absolute amount (e.g. 5000); wins over the factor.
  public var deductible: Sourced<Money>?
  /// Points added to every segment's rate (result capped at 100 %).
  public var segmentPoints: Sourced<Points>?
  /// 取消封顶线 — no yearly cap.
  public var removeCap: Bool
  /// A different yearly cap.
  public var annualCap: Sourced<Money>?

  /// Creates an override.
  public init(deductibleFactor: Sourced<Rate>? = nil, deductible: Sourced<Money>? = nil, segmentPoints: Sourced<Points>? = nil, removeCap: Bool = false, annualCap: Sourced<Money>? = nil) {
    self.deductibleFactor = deductibleFactor; self.deductible = deductible
    self.segmentPoints = segmentPoints; self.removeCap = removeCap; self.annualCap = annualCap
  }

  private enum CodingKeys: String, CodingKey, CaseIterable { case deductibleFactor, deductible, segmentPoints, removeCap, annualCap }

  /// Decodes an override, rejecting unknown keys.
  public init(from decoder: any Decoder) throws {
    try decoder.rejectUnknownKeys(CodingKeys.names)
    let c = try decoder.container(keyedBy: CodingKeys.self)
    deductibleFactor = try c.rateIfPresent(.deductibleFactor)
    deductible = try c.amountIfPresent(.deductible)
    segmentPoints = try c.pointsIfPresent(.segmentPoints)
    removeCap = try c.decodeIfPresent(Bool.self, forKey: .removeCap) ?? false
    annualCap = try c.amountIfPresent(.annualCap)
  }
}
