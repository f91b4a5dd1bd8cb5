/// 基本医保统筹 — the basic-insurance rule of a table.
///
/// Per claim: `act_pay_dedc = min(in-policy, deductible)`, then
/// `hifp_pay = round((in-policy − act_pay_dedc) × ratio)`, limited by the
/// yearly cap. The deductible (起付线) depends on the hospital level, the
/// admission count (``RepeatAdmissionRule``) and identity (waived for listed
/// identities); the ratio depends on level, place, referral and identity.
///
/// Example (Wuhan-style, 三级, first admission): in-policy 10,000.00,
/// deductible 800.00, ratio 60 % → `(10000 − 800) × 0.60 = 5,520.00`.
public struct BasicInsuranceRule: Sendable, Hashable, Codable {
  /// Parameters per claim kind; a kind without a block gets no basic pay.
  public var benefits: [BasicBenefit]
  /// 年度最高支付限额 — yearly fund caps.
  public var annualCaps: [AnnualCap]
  /// 身份待遇 — identity-specific changes, keyed by identity id.
  public var identityOverrides: [String: BasicOverride]

  /// Creates a rule.
  public init(benefits: [BasicBenefit], annualCaps: [AnnualCap] = [], identityOverrides: [String: BasicOverride] = [:]) {
    self.benefits = benefits; self.annualCaps = annualCaps; self.identityOverrides = identityOverrides
  }

  enum CodingKeys: String, CodingKey, CaseIterable { case benefits, annualCaps, identityOverrides }

  /// Decodes the rule (unknown keys are checked by ``Layer``).
  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    benefits = try c.decode([BasicBenefit].self, forKey: .benefits)
    annualCaps = try c.decodeIfPresent([AnnualCap].self, forKey: .annualCaps) ?? []
    identityOverrides = try c.decodeIfPresent([String: BasicOverride].self, forKey: .identityOverrides) ?? [:]
  }
}

/// 待遇参数 — basic-insurance parameters for some claim kinds.
public struct BasicBenefit: Sendable, Hashable, Codable {
  /// Claim kinds these parameters apply to.
  public var claimKinds: [ClaimKind]
  /// 起付线 — deductible per hospital level id.
  public var deductible: [String: Sourced<Money>]
  /// 支付比例 — fund ratio per hospital level id.
  public var ratio: [String: Sourced<Rate>]
  /// 异地调整 — points added to the ratio by place (e.g. `outOfProvince: -10`).
  public var placePoints: [Place: Sourced<Points>]
  /// 未转诊调整 — points added when treated outside the county without referral.
  public var noReferralPoints: Sourced<Points>?
  /// 多次住院 — the repeat-admission deductible rule (`nil` = none).
  public var repeatAdmission: RepeatAdmissionRule?

  /// Creates parameters.
  public init(
    claimKinds: [ClaimKind], deductible: [String: Sourced<Money>], ratio: [String: Sourced<Rate>],
    placePoints: [Place: Sourced<Points>] = [:], noReferralPoints: Sourced<Points>? = nil,
    repeatAdmission: RepeatAdmissionRule? = nil
  ) {
    self.claimKinds = claimKinds; self.deductible = deductible; self.ratio = ratio
    self.placePoints = placePoints; self.noReferralPoints = noReferralPoints
    self.repeatAdmission = repeatAdmission
  }

  private enum CodingKeys: String, CodingKey, CaseIterable {
    case claimKinds, deductible, ratio, placePoints, noReferralPoints, repeatAdmission
  }

  /// Decodes parameters, rejecting unknown keys and out-of-range numbers.
  public init(from decoder: any Decoder) throws {
    try decoder.rejectUnknownKeys(CodingKeys.names)
    let c = try decoder.container(keyedBy: CodingKeys.self)
    claimKinds = try c.decode([ClaimKind].self, forKey: .claimKinds)
    deductible = try c.decode([String: Sourced<Money>].self, forKey: .deductible)
    for (k, v) in deductible { try Check.amount(v, at: decoder.path("deductible") + ".\(k)") }
    ratio = try c.decode([String: Sourced<Rate>].self, forKey: .ratio)
    for (k, v) in ratio { try Check.rate(v, at: decoder.path("ratio") + ".\(k)") }
    let pp = try c.decodeIfPresent([String: Sourced<Points>].self, forKey: .placePoints) ?? [:]
    var places: [Place: Sourced<Points>] = [:]
    for (k, v) in pp {
      guard let p = Place(rawValue: k) else {
        throw SettlementError(.invalidValue, at: decoder.path("placePoints") + ".\(k)",
          expected: "one of " + Place.allCases.map(\.rawValue).joined(separator: ", "), found: k)
      }
      try Check.points(v, at: decoder.path("placePoints") + ".\(k)")
      places[p] = v
    }
    placePoints = places
    noReferralPoints = try c.pointsIfPresent(.noReferralPoints)
    repeatAdmission = try c.decodeIfPresent(RepeatAdmissionRule.self, forKey: .repeatAdmission)
  }

  /// Encodes parameters.
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(claimKinds, forKey: .claimKinds)
    try c.encode(deductible, forKey: .deductible)
    try c.encode(ratio, forKey: .ratio)
    if !placePoints.isEmpty {
      try c.encode(Dictionary(uniqueKeysWithValues: placePoints.map { ($0.key.rawValue, $0.value) }), forKey: .placePoints)
    }
    try c.encodeIfPresent(noReferralPoints, forKey: .noReferralPoints)
    try c.encodeIfPresent(repeatAdmission, forKey: .repeatAdmission)
  }
}

/// 多次住院起付线 — how the deductible changes with repeat admissions.
///
/// Variants found (rules.md §1.5): halve from the 2nd admission at 二/三级
/// only (Wuhan: `fromAdmission 2, factor 0.5, levels ["2","3"]`); 70 % from
/// the 2nd (Ningxia: `factor 0.7`); halve with the year's total deductible
/// capped (`yearlyDeductibleCap 2300`).
public struct RepeatAdmissionRule: Sendable, Hashable, Codable {
  /// The admission number (1-based, this year) from which `factor` applies.
  public var fromAdmission: Int
  /// The fraction of the standard deductible charged from then on.
  public var factor: Sourced<Rate>
  /// Hospital levels the reduction applies at (`nil` = all).
  public var levels: [String]?
  /// 年度起付线累计上限 — the year's total basic deductible never exceeds this.
  public var yearlyDeductibleCap: Sourced<Money>?

  /// Creates a rule.
  public init(fromAdmission: Int = 2, factor: Sourced<Rate> = Sourced(.one), levels: [String]? = nil, yearlyDeductibleCap: Sourced<Money>? = nil) {
    self.fromAdmission = fromAdmission; self.factor = factor
    self.levels = levels; self.yearlyDeductibleCap = yearlyDeductibleCap
  }

  private enum CodingKeys: String, CodingKey, CaseIterable { case fromAdmission, factor, levels, yearlyDeductibleCap }

  /// Decodes a rule, rejecting unknown keys.
  public init(from decoder: any Decoder) throws {
    try decoder.rejectUnknownKeys(CodingKeys.names)
    let c = try decoder.container(keyedBy: CodingKeys.self)
    fromAdmission = try c.decodeIfPresent(Int.self, forKey: .fromAdmission) ?? 2
    guard fromAdmission >= 2 else {
      throw SettlementError(.invalidValue, at: decoder.path("fromAdmission"), expected: "an admission number of 2 or more", found: "\(fromAdmission)")
    }
    factor = try c.rateIfPresent(.factor) ?? Sourced(.one)
    levels = try c.decodeIfPresent([String].self, forKey: .levels)
    yearlyDeductibleCap = try c.amountIfPresent(.yearlyDeductibleCap)
  }
}

/// 身份待遇 — identity changes to basic insurance (e.g. 特困 起付线免除).
public struct BasicOverride: Sendable, Hashable, Codable {
  /// 免起付线 — no deductible for this identity.
  public var deductibleWaived: Bool
  /// Points added to the ratio (e.g. 低保残疾人 +2).
  public var ratioPoints: Sourced<Points>?

  /// Creates an override.
  public init(deductibleWaived: Bool = false, ratioPoints: Sourced<Points>? = nil) {
    self.deductibleWaived = deductibleWaived; self.ratioPoints = ratioPoints
  }

  private enum CodingKeys: String, CodingKey, CaseIterable { case deductibleWaived, ratioPoints }

  /// Decodes an override, rejecting unknown keys.
  public init(from decoder: any Decoder) throws {
    try decoder.rejectUnknownKeys(CodingKeys.names)
    let c = try decoder.container(keyedBy: CodingKeys.self)
    deductibleWaived = try c.decodeIfPresent(Bool.self, forKey: .deductibleWaived) ?? false
    ratioPoints = try c.pointsIfPresent(.ratioPoints)
  }
}
