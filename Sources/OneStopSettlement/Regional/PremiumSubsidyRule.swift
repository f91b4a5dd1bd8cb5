/// 参保资助 — the subsidy of the individual contribution to resident basic
/// medical insurance (城乡居民基本医疗保险个人缴费).
///
/// 国办发〔2021〕42号: “全额资助特困人员，定额资助低保对象、返贫致贫人口”.
/// Each class is one of three forms: `full` (全额), a fixed `amount` (定额,
/// never more than the premium) or a `share` of the premium (按比例).
/// Phasing (脱贫人口 over the 5-year transition) is written as dated
/// versions that change a class, never as a formula.
///
///     { "premiums": { "2024": { "value": "400.00", "source": "医保发〔2024〕19号" } },
///       "classes": [
///         { "id": "full", "name": "全额资助", "identities": ["tekun"], "full": true },
///         { "id": "dibao", "name": "定额资助", "identities": ["dibao"], "amount": "320.00" },
///         { "id": "tuopin", "name": "过渡期资助", "identities": ["tuopin"], "share": "0.5" } ] }
public struct PremiumSubsidyRule: Sendable, Hashable, Codable {
  /// 个人缴费标准 — the individual premium per contribution year.
  public var premiums: [Int: Sourced<Money>]
  /// 资助类别 — in order; a person gets the class of their highest-precedence
  /// identity that any class lists (就高不重复).
  public var classes: [SubsidyClass]

  /// Creates a rule.
  public init(premiums: [Int: Sourced<Money>], classes: [SubsidyClass]) {
    self.premiums = premiums; self.classes = classes
  }

  /// One subsidy class.
  public struct SubsidyClass: Sendable, Hashable, Codable {
    /// Identifier, unique in the rule (overlays merge by it).
    public var id: String
    /// 名称, e.g. `定额资助（低保对象）`.
    public var name: String
    /// Identity ids in the class.
    public var identities: [String]
    /// How much is subsidised.
    public var form: Form
    /// Where the class comes from (for `full`, which carries no number).
    public var provenance: Provenance

    /// 资助方式.
    public enum Form: Sendable, Hashable {
      /// 全额资助 — the whole premium.
      case full
      /// 定额资助 — a fixed amount (at most the premium).
      case amount(Sourced<Money>)
      /// 按比例资助 — a share of the premium.
      case share(Sourced<Rate>)
    }

    /// Creates a class.
    public init(id: String, name: String, identities: [String], form: Form, provenance: Provenance = .unstated) {
      self.id = id; self.name = name; self.identities = identities; self.form = form; self.provenance = provenance
    }

    private enum CodingKeys: String, CodingKey, CaseIterable {
      case id, name, identities, full, amount, share, source, illustrative, note
    }

    /// Decodes a class; exactly one of `full`, `amount`, `share`.
    public init(from decoder: any Decoder) throws {
      try decoder.rejectUnknownKeys(CodingKeys.names)
      let entry = try RegionalEntry(decodingFrom: decoder)
      let c = try decoder.container(keyedBy: CodingKeys.self)
      id = entry.id; name = entry.name; identities = entry.identities; provenance = entry.provenance
      let full = try c.decodeIfPresent(Bool.self, forKey: .full) ?? false
      let amount = try c.amountIfPresent(.amount)
      let share = try c.rateIfPresent(.share)
      switch (full, amount, share) {
      case (true, nil, nil): form = .full
      case (false, let a?, nil): form = .amount(a)
      case (false, nil, let s?): form = .share(s)
      default:
        throw SettlementError(.invalidValue, at: decoder.path, expected: "exactly one of 'full: true', 'amount' or 'share'")
      }
    }

    /// Encodes a class.
    public func encode(to encoder: any Encoder) throws {
      try RegionalEntry(id: id, name: name, identities: identities, provenance: provenance).encodeFields(to: encoder)
      var c = encoder.container(keyedBy: CodingKeys.self)
      switch form {
      case .full: try c.encode(true, forKey: .full)
      case .amount(let a): try c.encode(a, forKey: .amount)
      case .share(let s): try c.encode(s, forKey: .share)
      }
    }
  }

  private enum CodingKeys: String, CodingKey, CaseIterable { case premiums, classes }

  /// Decodes a rule; premium keys must be years.
  public init(from decoder: any Decoder) throws {
    try decoder.rejectUnknownKeys(CodingKeys.names)
    let c = try decoder.container(keyedBy: CodingKeys.self)
    let byText = try c.decode([String: Sourced<Money>].self, forKey: .premiums)
    var premiums: [Int: Sourced<Money>] = [:]
    for (key, value) in byText {
      guard key.count == 4, let year = Int(key), (1900...2999).contains(year) else {
        throw SettlementError(.invalidValue, at: decoder.path("premiums") + ".\(key)", expected: "a contribution year such as 2024", found: key)
      }
      try Check.amount(value, at: decoder.path("premiums") + ".\(key)")
      premiums[year] = value
    }
    self.premiums = premiums
    classes = try c.decode([SubsidyClass].self, forKey: .classes)
  }

  /// Encodes a rule.
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(Dictionary(uniqueKeysWithValues: premiums.map { ("\($0.key)", $0.value) }), forKey: .premiums)
    try c.encode(classes, forKey: .classes)
  }
}

extension PremiumSubsidyRule {
  /// The individual and subsidised parts of a person's premium for the
  /// contribution year of `date`.
  ///
  /// Example (随州曾都 2022: premium 350.00, 低保 定额 320.00):
  /// subsidy `min(320.00, 350.00) = 320.00`, individual `350.00 − 320.00 = 30.00`.
  /// A share is rounded once by the table's rounding rule.
  ///
  /// - Parameters:
  ///   - person: the insured person and their identities.
  ///   - date: the day the identities are taken on; its year selects the premium.
  ///   - table: the policy table of the period, which maps identity codes.
  /// - Returns: the split; no class → no subsidy.
  /// - Throws: ``SettlementError/Code/dateNotCovered`` when the rule has no
  ///   premium for the year; `.unknownCode` for an unmapped identity code.
  public func split(for person: Person, on date: CivilDate, table: PolicyTable) throws(SettlementError) -> PremiumSplit {
    guard let premium = premiums[date.year] else {
      throw SettlementError(.dateNotCovered, at: "premiumSubsidy.premiums",
        expected: "a premium for \(date.year) (have \(premiums.keys.sorted().map(String.init).joined(separator: ", ")))",
        found: date.description)
    }
    let held = try table.heldIdentities(of: person, on: date).map { table.identities[$0] }
    for identity in held {
      guard let cls = classes.first(where: { $0.identities.contains(identity.id) }) else { continue }
      let p = premium.value.fen
      let subsidy: Int64
      let provenance: Provenance
      switch cls.form {
      case .full:
        subsidy = p; provenance = cls.provenance
      case .amount(let a):
        subsidy = min(a.value.fen, p); provenance = a.provenance
      case .share(let s):
        guard let v = s.value.apply(to: p, rounding: table.rounding) else {
          throw SettlementError(.arithmeticOverflow, at: "premiumSubsidy", expected: "amounts within 64-bit fen")
        }
        subsidy = min(v, p); provenance = s.provenance
      }
      return PremiumSplit(
        year: date.year, premium: premium.value, subsidy: Money(fen: subsidy), individual: Money(fen: p - subsidy),
        subsidyClass: cls.name, identity: identity.name, premiumProvenance: premium.provenance, subsidyProvenance: provenance)
    }
    return PremiumSplit(
      year: date.year, premium: premium.value, subsidy: Money(fen: 0), individual: premium.value,
      subsidyClass: nil, identity: nil, premiumProvenance: premium.provenance, subsidyProvenance: .unstated)
  }
}
