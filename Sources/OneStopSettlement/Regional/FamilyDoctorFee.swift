/// 家庭医生签约服务费 — the yearly family-doctor contract fee and who pays it.
///
/// 西双版纳 (西卫健发〔2021〕143号): 36 yuan a person a year = 12 个人支付 +
/// 12 医保基金支付 + 12 财政基本公共卫生服务经费. For listed identities the
/// individual share is borne by a public payer instead (``Cover``); a cover
/// may require the person to be in a key group (65岁以上老年人, 0–6岁儿童,
/// 孕产妇, 残疾人, or a managed chronic disease), which the caller states.
/// The shares must add up to the fee.
///
///     { "fee": { "value": "36.00", "source": "…" },
///       "shares": [
///         { "id": "individual", "name": "个人支付", "payer": "individual", "amount": "12.00" },
///         { "id": "fund", "name": "医保基金支付", "payer": "insuranceFund", "amount": "12.00" },
///         { "id": "publicHealth", "name": "基本公共卫生服务经费", "payer": "publicHealth", "amount": "12.00" } ],
///       "individualCover": [
///         { "id": "lowIncome", "identities": ["dibao"], "payerName": "州县财政" } ] }
public struct FamilyDoctorFee: Sendable, Hashable, Codable {
  /// 签约服务费 — per person per year.
  public var fee: Sourced<Money>
  /// The shares, adding up to ``fee``.
  public var shares: [Share]
  /// Who bears the individual share instead of the person, for whom.
  public var individualCover: [Cover]

  /// Creates a fee.
  public init(fee: Sourced<Money>, shares: [Share], individualCover: [Cover] = []) {
    self.fee = fee; self.shares = shares; self.individualCover = individualCover
  }

  /// 支付方.
  public enum Payer: String, Sendable, Hashable, Codable, CaseIterable {
    /// 个人.
    case individual
    /// 医保基金.
    case insuranceFund
    /// 基本公共卫生服务经费.
    case publicHealth
    /// 财政 (other public funds).
    case government
  }

  /// One share of the fee.
  public struct Share: Sendable, Hashable, Codable {
    /// Identifier (overlays merge by it).
    public var id: String
    /// 名称, e.g. `医保基金支付`.
    public var name: String
    /// Who pays it.
    public var payer: Payer
    /// 金额.
    public var amount: Sourced<Money>

    /// Creates a share.
    public init(id: String, name: String, payer: Payer, amount: Sourced<Money>) {
      self.id = id; self.name = name; self.payer = payer; self.amount = amount
    }

    private enum CodingKeys: String, CodingKey, CaseIterable { case id, name, payer, amount }

    /// Decodes a share, rejecting unknown keys and negative amounts.
    public init(from decoder: any Decoder) throws {
      try decoder.rejectUnknownKeys(CodingKeys.names)
      let c = try decoder.container(keyedBy: CodingKeys.self)
      id = try c.decode(String.self, forKey: .id)
      name = try c.decodeIfPresent(String.self, forKey: .name) ?? id
      payer = try c.decode(Payer.self, forKey: .payer)
      amount = try c.amount(.amount)
    }
  }

  /// 个人部分代缴 — identities whose individual share a public payer bears.
  public struct Cover: Sendable, Hashable, Codable {
    /// Identifier (overlays merge by it).
    public var id: String
    /// Identity ids covered.
    public var identities: [String]
    /// Only for people in a key group (重点人群/慢病患者), stated by the caller.
    public var requiresKeyGroup: Bool
    /// 承担方 — who pays instead, e.g. `州县财政（按西政办发〔2020〕58号比例）`.
    public var payerName: String
    /// Where the cover comes from.
    public var provenance: Provenance

    /// Creates a cover.
    public init(id: String, identities: [String], requiresKeyGroup: Bool = false, payerName: String, provenance: Provenance = .unstated) {
      self.id = id; self.identities = identities; self.requiresKeyGroup = requiresKeyGroup
      self.payerName = payerName; self.provenance = provenance
    }

    private enum CodingKeys: String, CodingKey, CaseIterable {
      case id, identities, requiresKeyGroup, payerName, source, illustrative, note
    }

    /// Decodes a cover, rejecting unknown keys.
    public init(from decoder: any Decoder) throws {
      try decoder.rejectUnknownKeys(CodingKeys.names)
      let c = try decoder.container(keyedBy: CodingKeys.self)
      id = try c.decode(String.self, forKey: .id)
      identities = try c.decode([String].self, forKey: .identities)
      requiresKeyGroup = try c.decodeIfPresent(Bool.self, forKey: .requiresKeyGroup) ?? false
      payerName = try c.decode(String.self, forKey: .payerName)
      provenance = try Provenance(flattenedFrom: decoder)
    }

    /// Encodes a cover.
    public func encode(to encoder: any Encoder) throws {
      var c = encoder.container(keyedBy: CodingKeys.self)
      try c.encode(id, forKey: .id)
      try c.encode(identities, forKey: .identities)
      if requiresKeyGroup { try c.encode(true, forKey: .requiresKeyGroup) }
      try c.encode(payerName, forKey: .payerName)
      try provenance.encodeFlattened(to: encoder)
    }
  }

  private enum CodingKeys: String, CodingKey, CaseIterable { case fee, shares, individualCover }

  /// Decodes a fee (sums are checked by ``RegionalRules/validate(against:)``).
  public init(from decoder: any Decoder) throws {
    try decoder.rejectUnknownKeys(CodingKeys.names)
    let c = try decoder.container(keyedBy: CodingKeys.self)
    fee = try c.amount(.fee)
    shares = try c.decode([Share].self, forKey: .shares)
    individualCover = try c.decodeIfPresent([Cover].self, forKey: .individualCover) ?? []
  }
}

extension FamilyDoctorFee {
  /// Who pays what of the fee for a person on `date`.
  ///
  /// Example (西双版纳, 低保对象): fee 36.00 → 医保基金 12.00 + 基本公卫 12.00 +
  /// 州县财政 12.00 (the individual share, borne for them); the person pays 0.00.
  ///
  /// - Parameters:
  ///   - person: the person and their identities.
  ///   - date: the day the identities are taken on.
  ///   - keyGroup: whether the person is in a key group (重点人群/慢病患者).
  ///   - table: the policy table of the period, which maps identity codes.
  /// - Throws: `.unknownCode` for an identity code the table does not map.
  public func split(for person: Person, on date: CivilDate, keyGroup: Bool = false, table: PolicyTable) throws(SettlementError) -> FamilyDoctorSplit {
    let held = try table.heldIdentities(of: person, on: date).map { table.identities[$0] }
    var cover: (Cover, IdentityClass)? = nil
    search: for identity in held {
      for c in individualCover where c.identities.contains(identity.id) && (keyGroup || !c.requiresKeyGroup) {
        cover = (c, identity)
        break search
      }
    }
    var lines: [FamilyDoctorSplit.Line] = []
    var individual: Int64 = 0
    for share in shares {
      if share.payer == .individual, let (c, _) = cover {
        lines.append(.init(payer: .government, name: c.payerName, amount: share.amount.value))
      } else {
        lines.append(.init(payer: share.payer, name: share.name, amount: share.amount.value))
        if share.payer == .individual { individual += share.amount.value.fen }
      }
    }
    return FamilyDoctorSplit(
      fee: fee.value, lines: lines, individual: Money(fen: individual),
      coveredAs: cover.map { $0.1.name }, feeProvenance: fee.provenance)
  }
}
