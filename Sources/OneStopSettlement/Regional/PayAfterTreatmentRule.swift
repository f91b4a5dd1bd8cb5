/// 先诊疗后付费 — pay after treatment: who is admitted without a deposit, where.
///
/// A list of grants; a claim needs no deposit (`deposit_required: false`)
/// when the first grant that matches it lists an identity the person holds on
/// the admission date, the claim's kind and place, and — where the grant says
/// so — a referral. The patient then pays only their share at discharge
/// (`psn_part_amt`).
///
///     { "grants": [
///         { "id": "inCounty", "name": "县域内定点医疗机构住院先诊疗后付费",
///           "identities": ["tekun", "dibao"], "places": ["inCounty"],
///           "claimKinds": ["inpatient"], "source": "…" },
///         { "id": "inCityReferred", "name": "经基层首诊转诊在市域内住院",
///           "identities": ["tekun", "dibao"], "places": ["inCity"],
///           "claimKinds": ["inpatient"], "requiresReferral": true } ] }
public struct PayAfterTreatmentRule: Sendable, Hashable, Codable {
  /// The grants, tried in order.
  public var grants: [Grant]

  /// Creates a rule.
  public init(grants: [Grant]) { self.grants = grants }

  /// One grant: a scope in which no deposit is taken.
  public struct Grant: Sendable, Hashable, Codable {
    /// Identifier, unique in the rule (overlays merge by it).
    public var id: String
    /// 名称, e.g. `县域内定点医疗机构住院先诊疗后付费`.
    public var name: String
    /// Identity ids covered (the person must hold one on the admission date).
    public var identities: [String]
    /// Places covered (`nil` = all).
    public var places: [Place]?
    /// Claim kinds covered (`nil` = all).
    public var claimKinds: [ClaimKind]?
    /// 经基层首诊转诊 — only for referred claims.
    public var requiresReferral: Bool
    /// Where the grant comes from.
    public var provenance: Provenance

    /// Creates a grant.
    public init(
      id: String, name: String, identities: [String], places: [Place]? = nil, claimKinds: [ClaimKind]? = nil,
      requiresReferral: Bool = false, provenance: Provenance = .unstated
    ) {
      self.id = id; self.name = name; self.identities = identities; self.places = places
      self.claimKinds = claimKinds; self.requiresReferral = requiresReferral; self.provenance = provenance
    }

    private enum CodingKeys: String, CodingKey, CaseIterable {
      case id, name, identities, places, claimKinds, requiresReferral, source, illustrative, note
    }

    /// Decodes a grant, rejecting unknown keys.
    public init(from decoder: any Decoder) throws {
      try decoder.rejectUnknownKeys(CodingKeys.names)
      let entry = try RegionalEntry(decodingFrom: decoder)
      let c = try decoder.container(keyedBy: CodingKeys.self)
      id = entry.id; name = entry.name; identities = entry.identities; provenance = entry.provenance
      places = try c.decodeIfPresent([Place].self, forKey: .places)
      claimKinds = try c.decodeIfPresent([ClaimKind].self, forKey: .claimKinds)
      requiresReferral = try c.decodeIfPresent(Bool.self, forKey: .requiresReferral) ?? false
    }

    /// Encodes a grant.
    public func encode(to encoder: any Encoder) throws {
      try RegionalEntry(id: id, name: name, identities: identities, provenance: provenance).encodeFields(to: encoder)
      var c = encoder.container(keyedBy: CodingKeys.self)
      try c.encodeIfPresent(places, forKey: .places)
      try c.encodeIfPresent(claimKinds, forKey: .claimKinds)
      if requiresReferral { try c.encode(true, forKey: .requiresReferral) }
    }
  }

  private enum CodingKeys: String, CodingKey, CaseIterable { case grants }

  /// Decodes a rule, rejecting unknown keys.
  public init(from decoder: any Decoder) throws {
    try decoder.rejectUnknownKeys(CodingKeys.names)
    let c = try decoder.container(keyedBy: CodingKeys.self)
    grants = try c.decode([Grant].self, forKey: .grants)
  }
}

extension PayAfterTreatmentRule {
  /// Whether `claim` needs an admission deposit, and why.
  ///
  /// Identities are taken on the admission date (the deposit is due at
  /// admission), or the discharge date when the claim has none. When no
  /// grant matches, the reason is that of the grant the claim came closest
  /// to (identity, then claim kind, then place, then referral).
  ///
  /// - Parameters:
  ///   - claim: the claim (its person, kind, place and referral).
  ///   - table: the policy table of the period, which maps identity codes.
  /// - Returns: the decision; `depositRequired == false` only under a grant.
  /// - Throws: ``SettlementError/Code/unknownCode`` for an identity code the
  ///   table does not map.
  public func decision(for claim: Claim, table: PolicyTable) throws(SettlementError) -> DepositDecision {
    let date = claim.admissionDate ?? claim.dischargeDate
    let held = try table.heldIdentities(of: claim.person, on: date).map { table.identities[$0].id }
    var best: (stage: Int, grant: Grant)? = nil
    for grant in grants {
      let identity = held.first { grant.identities.contains($0) }
      var stage = 0
      if identity != nil { stage = 1 }
      if stage == 1, grant.claimKinds?.contains(claim.kind) ?? true { stage = 2 }
      if stage == 2, grant.places?.contains(claim.place) ?? true { stage = 3 }
      if stage == 3, !grant.requiresReferral || claim.referred { stage = 4 }
      if stage == 4, let identity {
        return DepositDecision(
          depositRequired: false, reason: .granted, grant: grant.id,
          text: "免缴住院押金：\(grant.name)（\(table.identityName(identity))）；出院时只需支付个人负担（psn_part_amt）")
      }
      if best == nil || stage > best?.stage ?? 0 { best = (stage, grant) }
    }
    guard let (stage, grant) = best else {
      return .noRule
    }
    switch stage {
    case 0:
      let names = grant.identities.map { table.identityName($0) }.joined(separator: "、")
      return DepositDecision(depositRequired: true, reason: .noQualifyingIdentity, grant: grant.id,
        text: "入院时无先诊疗后付费身份（适用：\(names)），须缴纳住院押金")
    case 1:
      let kinds = (grant.claimKinds ?? []).map(\.chineseName).joined(separator: "、")
      return DepositDecision(depositRequired: true, reason: .claimKindNotCovered, grant: grant.id,
        text: "先诊疗后付费仅适用于\(kinds)")
    case 2:
      let places = (grant.places ?? []).map(\.chineseName).joined(separator: "、")
      return DepositDecision(depositRequired: true, reason: .placeNotCovered, grant: grant.id,
        text: "就医地（\(claim.place.chineseName)）不在先诊疗后付费范围（适用：\(places)），须缴纳住院押金")
    default:
      return DepositDecision(depositRequired: true, reason: .referralRequired, grant: grant.id,
        text: "\(grant.name)须经基层首诊转诊，本次未转诊，须缴纳住院押金")
    }
  }
}
