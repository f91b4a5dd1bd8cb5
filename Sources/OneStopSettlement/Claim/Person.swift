/// 参保人 — the insured person as a claim describes them.
public struct Person: Sendable, Hashable, Codable {
  /// 险种类型 — insurance scheme (`insutype`, e.g. `390` 城乡居民).
  public var scheme: String?
  /// 人员身份 — identities with validity dates (`idetinfo[]`).
  public var identities: [IdentityRecord]

  /// Creates a person.
  public init(scheme: String? = nil, identities: [IdentityRecord] = []) {
    self.scheme = scheme; self.identities = identities
  }

  private enum CodingKeys: String, CodingKey, CaseIterable { case scheme, identities }

  /// Decodes a person, rejecting unknown keys.
  public init(from decoder: any Decoder) throws {
    try decoder.rejectUnknownKeys(CodingKeys.names)
    let c = try decoder.container(keyedBy: CodingKeys.self)
    scheme = try c.decodeIfPresent(String.self, forKey: .scheme)
    identities = try c.decodeIfPresent([IdentityRecord].self, forKey: .identities) ?? []
  }
}

/// 身份记录 — one identity a person holds, valid between two dates.
///
/// Valid on a date when `begin ≤ date` (or no begin) and `date ≤ end` (or
/// no end), as HIS decides which identities print a 一站式结算单.
public struct IdentityRecord: Sendable, Hashable, Codable {
  /// The regional code (`psn_idet_type`, e.g. `2303`), or a table identity id.
  public var code: String
  /// 开始时间 — first day valid.
  public var begin: CivilDate?
  /// 结束时间 — last day valid.
  public var end: CivilDate?

  /// Creates a record.
  public init(code: String, begin: CivilDate? = nil, end: CivilDate? = nil) {
    self.code = code; self.begin = begin; self.end = end
  }

  private enum CodingKeys: String, CodingKey, CaseIterable { case code, begin, end }

  /// Decodes a record, rejecting unknown keys.
  public init(from decoder: any Decoder) throws {
    try decoder.rejectUnknownKeys(CodingKeys.names)
    let c = try decoder.container(keyedBy: CodingKeys.self)
    code = try c.decode(String.self, forKey: .code)
    begin = try c.decodeIfPresent(CivilDate.self, forKey: .begin)
    end = try c.decodeIfPresent(CivilDate.self, forKey: .end)
  }

  /// Whether the identity is valid on `date`.
  public func isValid(on date: CivilDate) -> Bool {
    (begin.map { $0 <= date } ?? true) && (end.map { date <= $0 } ?? true)
  }
}
