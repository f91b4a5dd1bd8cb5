public import Foundation

/// 地区附加规则 — what a region decides beside its settlement layers:
/// 先诊疗后付费, 参保资助 and 家庭医生签约服务费.
///
/// Decoded from the `regional` sections of a region's version files after
/// they are merged (``JSONMerge``), and checked against the policy table of
/// the same period (``validate(against:)``). Every section is optional: a
/// region without one answers that it has no such rule.
///
///     { "identityCodes": { "source": "…", "illustrative": true, "note": "…" },
///       "payAfterTreatment": { "grants": [ … ] },
///       "premiumSubsidy": { "premiums": { "2024": … }, "classes": [ … ] },
///       "familyDoctor": { "fee": …, "shares": [ … ] } }
public struct RegionalRules: Sendable, Hashable, Codable {
  /// 身份编码 — where the table's identity code mapping (`psn_idet_type`
  /// dialects) comes from.
  public var identityCodes: Provenance
  /// 先诊疗后付费 — who needs no admission deposit, where.
  public var payAfterTreatment: PayAfterTreatmentRule?
  /// 参保资助 — the subsidy of the individual premium.
  public var premiumSubsidy: PremiumSubsidyRule?
  /// 家庭医生签约服务费 — how the contract fee is split.
  public var familyDoctor: FamilyDoctorFee?

  /// Creates rules.
  public init(
    identityCodes: Provenance = .unstated, payAfterTreatment: PayAfterTreatmentRule? = nil,
    premiumSubsidy: PremiumSubsidyRule? = nil, familyDoctor: FamilyDoctorFee? = nil
  ) {
    self.identityCodes = identityCodes; self.payAfterTreatment = payAfterTreatment
    self.premiumSubsidy = premiumSubsidy; self.familyDoctor = familyDoctor
  }

  private enum CodingKeys: String, CodingKey, CaseIterable { case identityCodes, payAfterTreatment, premiumSubsidy, familyDoctor }
  private enum ProvenanceKeys: String, CodingKey, CaseIterable { case source, illustrative, note }

  /// Decodes rules, rejecting unknown keys.
  public init(from decoder: any Decoder) throws {
    try decoder.rejectUnknownKeys(CodingKeys.names)
    let c = try decoder.container(keyedBy: CodingKeys.self)
    identityCodes = .unstated
    if c.contains(.identityCodes) {
      let d = try c.superDecoder(forKey: .identityCodes)
      try d.rejectUnknownKeys(ProvenanceKeys.names)
      identityCodes = try Provenance(flattenedFrom: d)
    }
    payAfterTreatment = try c.decodeIfPresent(PayAfterTreatmentRule.self, forKey: .payAfterTreatment)
    premiumSubsidy = try c.decodeIfPresent(PremiumSubsidyRule.self, forKey: .premiumSubsidy)
    familyDoctor = try c.decodeIfPresent(FamilyDoctorFee.self, forKey: .familyDoctor)
  }

  /// Encodes rules in the shape they are decoded from.
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    if identityCodes != .unstated { try identityCodes.encodeFlattened(to: c.superEncoder(forKey: .identityCodes)) }
    try c.encodeIfPresent(payAfterTreatment, forKey: .payAfterTreatment)
    try c.encodeIfPresent(premiumSubsidy, forKey: .premiumSubsidy)
    try c.encodeIfPresent(familyDoctor, forKey: .familyDoctor)
  }

  /// Decodes and validates rules for `table`.
  ///
  /// - Throws: ``SettlementError`` naming the JSON path of the first problem.
  public static func decode(from data: Data, for table: PolicyTable) throws(SettlementError) -> RegionalRules {
    let rules = try JSONInput.decode(RegionalRules.self, from: data)
    try rules.validate(against: table)
    return rules
  }
}

extension RegionalRules {
  /// Whether `claim` needs an admission deposit under this region's
  /// 先诊疗后付费 rule (`noRule` when the region has none).
  ///
  /// - Throws: `.unknownCode` for an identity code `table` does not map.
  public func depositDecision(for claim: Claim, table: PolicyTable) throws(SettlementError) -> DepositDecision {
    guard let rule = payAfterTreatment else { return .noRule }
    return try rule.decision(for: claim, table: table)
  }
}
