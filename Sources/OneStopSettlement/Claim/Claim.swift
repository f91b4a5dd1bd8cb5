/// 结算申请 — one claim (an admission or an outpatient settlement).
///
///     { "id": "A-1", "kind": "inpatient", "hospitalLevel": "2",
///       "place": "inCounty", "referred": true,
///       "admissionDate": "2024-05-01", "dischargeDate": "2024-05-09",
///       "diagnoses": ["C34.9"],
///       "amounts": { "medfee_sumamt": "8009.85", "inscp_scp_amt": "7301.03",
///                    "fulamt_ownpay_amt": "708.82" },
///       "person": { "scheme": "390",
///                   "identities": [{ "code": "2303", "begin": "2024-01-01" }] } }
///
/// Codes (hospital level, identity) are opaque strings mapped by the table.
/// A ``SettlementEngine`` turns a claim into a ``PreparedClaim`` once; the
/// settlement itself touches no strings.
public struct Claim: Sendable, Hashable, Codable {
  /// Caller's identifier (settlement id, `mdtrt_id` …); may be empty.
  public var id: String
  /// 就医类别 — kind of claim.
  public var kind: ClaimKind
  /// 起付线医院等级 — hospital level code (`dedc_hosp_lv`), mapped by the table.
  public var hospitalLevel: String
  /// 就医地 — place relative to the insured area.
  public var place: Place
  /// 规范转诊 — referred (or 视同备案, e.g. emergencies).
  public var referred: Bool
  /// 入院日期 — admission date.
  public var admissionDate: CivilDate?
  /// 出院日期 / 结算日期 — discharge (settlement) date; selects table and year.
  public var dischargeDate: CivilDate
  /// 诊断编码 — diagnosis codes (ICD-10), main diagnosis first.
  public var diagnoses: [String]
  /// 定点救治医院 — treated at a hospital designated for the disease programme.
  public var designatedHospital: Bool
  /// 费用 — the four-way split of the amounts.
  public var amounts: ClaimAmounts
  /// 参保人 — scheme and identities.
  public var person: Person

  /// Creates a claim.
  public init(
    id: String = "", kind: ClaimKind, hospitalLevel: String, place: Place, referred: Bool = false,
    admissionDate: CivilDate? = nil, dischargeDate: CivilDate, diagnoses: [String] = [], designatedHospital: Bool = false,
    amounts: ClaimAmounts, person: Person = Person()
  ) {
    self.id = id; self.kind = kind; self.hospitalLevel = hospitalLevel; self.place = place
    self.referred = referred; self.admissionDate = admissionDate; self.dischargeDate = dischargeDate
    self.diagnoses = diagnoses; self.designatedHospital = designatedHospital
    self.amounts = amounts; self.person = person
  }

  private enum CodingKeys: String, CodingKey, CaseIterable {
    case id, kind, hospitalLevel, place, referred, admissionDate, dischargeDate, diagnoses, designatedHospital, amounts, person
  }

  /// Decodes a claim, rejecting unknown keys and dates out of order.
  public init(from decoder: any Decoder) throws {
    try decoder.rejectUnknownKeys(CodingKeys.names)
    let c = try decoder.container(keyedBy: CodingKeys.self)
    id = try c.decodeIfPresent(String.self, forKey: .id) ?? ""
    kind = try c.decode(ClaimKind.self, forKey: .kind)
    hospitalLevel = try c.decode(String.self, forKey: .hospitalLevel)
    place = try c.decode(Place.self, forKey: .place)
    referred = try c.decodeIfPresent(Bool.self, forKey: .referred) ?? false
    admissionDate = try c.decodeIfPresent(CivilDate.self, forKey: .admissionDate)
    dischargeDate = try c.decode(CivilDate.self, forKey: .dischargeDate)
    if let a = admissionDate, dischargeDate < a {
      throw SettlementError(.invalidDate, at: decoder.path("dischargeDate"), expected: "a date on or after admissionDate (\(a))", found: dischargeDate.description)
    }
    diagnoses = try c.decodeIfPresent([String].self, forKey: .diagnoses) ?? []
    designatedHospital = try c.decodeIfPresent(Bool.self, forKey: .designatedHospital) ?? false
    amounts = try c.decode(ClaimAmounts.self, forKey: .amounts)
    person = try c.decodeIfPresent(Person.self, forKey: .person) ?? Person()
  }
}
