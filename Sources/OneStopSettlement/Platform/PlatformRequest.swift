public import Foundation

/// 结算请求 (接口) — one settlement request in the national platform's
/// vocabulary: the 2303/2304 (or 2206/2207) input, the 1101 identities, the
/// 2301/2204 fee lines and the 5206 accumulators in one object.
///
///     { "mdtrt_id": "ZY0001", "psn_no": "P0001", "insutype": "390",
///       "psn_type": "1501", "med_type": "21", "dedc_hosp_lv": "2",
///       "insuplc_admdvs": "320902", "mdtrtarea_admvs": "320902",
///       "begntime": "2024-05-01", "endtime": "2024-05-09 10:30:00",
///       "idetinfo": [{ "psn_idet_type": "2303", "begntime": "2024-01-01" }],
///       "diseinfo": [{ "diag_code": "C34.9", "maindiag_flag": "1" }],
///       "feedetail": [ … ], "cuminfo": [ … ] }
///
/// Fields the platform lacks are extensions, marked so in
/// `docs/platform-contract.md`: `refl_flag` (规范转诊), `dsgn_hosp_flag`
/// (定点救治医院) and `prior_feedetail` (the lines of this stay's earlier
/// interim settlements).
public struct PlatformRequest: Sendable, Hashable, Codable {
  /// 发送方报文ID (`msgid`), echoed as `medins_setl_id`.
  public var messageId: String?
  /// 结算ID (`setl_id`) supplied by the caller; `nil` = derived from the request.
  public var settlementId: String?
  /// 就诊ID (`mdtrt_id`).
  public var visitId: String
  /// 人员编号 (`psn_no`).
  public var personId: String
  /// 险种类型 (`insutype`).
  public var insutype: String
  /// 人员类别 (`psn_type`).
  public var personType: String
  /// 医疗类别 (`med_type`).
  public var medicalType: String
  /// 起付线医院等级 (`dedc_hosp_lv`).
  public var deductibleLevel: String
  /// 参保地医保区划 (`insuplc_admdvs`, 6 digits).
  public var insuredArea: String
  /// 就医地医保区划 (`mdtrtarea_admvs`, 6 digits).
  public var treatmentArea: String
  /// 入院时间 (`begntime`).
  public var admissionDate: CivilDate?
  /// 出院 / 结算时间 (`endtime`): selects the table and the year.
  public var dischargeDate: CivilDate
  /// 规范转诊 (`refl_flag`, extension).
  public var referred: Bool
  /// 定点救治医院 (`dsgn_hosp_flag`, extension).
  public var designatedHospital: Bool
  /// 中途结算标志 (`mid_setl_flag`).
  public var interim: Bool
  /// 个人账户使用标志 (`acct_used_flag`).
  public var accountUsed: Bool
  /// 个人账户余额 before this settlement (`balc`); required when the account is used.
  public var accountBalance: Money?
  /// 医疗费总额 (`medfee_sumamt`) as the HIS totals it; checked against the lines.
  public var declaredTotal: Money?
  /// 个人结算方式 (`psn_setlway`); only `01` 按项目结算 is supported.
  public var settlementWay: String?
  /// 人员身份 (`idetinfo[]`).
  public var identities: [IdentityInfo]
  /// 诊断 (`diseinfo[]`).
  public var diagnoses: [DiagnosisInfo]
  /// 费用明细 (`feedetail[]`) settled now.
  public var lines: [FeeLine]
  /// 已中途结算的费用明细 (`prior_feedetail[]`, extension): lines of this
  /// stay already settled by interim settlements.
  public var priorLines: [FeeLine]
  /// 累计信息 (`cuminfo[]`): the person's accumulators before this
  /// settlement — before the stay when ``priorLines`` is not empty.
  public var accumulators: [CumInfo]

  /// 人员身份 — one `idetinfo[]` entry.
  public struct IdentityInfo: Sendable, Hashable, Codable {
    /// 人员身份类别 (`psn_idet_type`).
    public var code: String
    /// 开始时间 (`begntime`).
    public var begin: CivilDate?
    /// 结束时间 (`endtime`).
    public var end: CivilDate?

    /// Creates an entry.
    public init(code: String, begin: CivilDate? = nil, end: CivilDate? = nil) { self.code = code; self.begin = begin; self.end = end }

    enum CodingKeys: String, CodingKey, CaseIterable { case code = "psn_idet_type", begin = "begntime", end = "endtime" }

    /// Decodes an entry; `psn_type_lv` and `memo` are accepted and ignored.
    public init(from decoder: any Decoder) throws {
      try decoder.rejectUnknownKeys(CodingKeys.names.union(["psn_type_lv", "memo"]))
      let c = try decoder.container(keyedBy: CodingKeys.self)
      code = try FlagText.decode(from: c.superDecoder(forKey: .code))
      begin = try PlatformTime.decodeIfPresent(c, .begin)
      end = try PlatformTime.decodeIfPresent(c, .end)
    }
  }

  /// 诊断 — one `diseinfo[]` entry.
  public struct DiagnosisInfo: Sendable, Hashable, Codable {
    /// 诊断代码 (`diag_code`, ICD-10).
    public var code: String
    /// 主诊断标志 (`maindiag_flag`).
    public var main: Bool

    /// Creates an entry.
    public init(code: String, main: Bool = false) { self.code = code; self.main = main }

    enum CodingKeys: String, CodingKey, CaseIterable { case code = "diag_code", main = "maindiag_flag" }

    /// Decodes an entry; other 2401 `diseinfo` fields are accepted and ignored.
    public init(from decoder: any Decoder) throws {
      try decoder.rejectUnknownKeys(CodingKeys.names.union([
        "diag_type", "diag_srt_no", "diag_name", "adm_cond", "diag_dept", "dise_dor_no", "dise_dor_name", "diag_time",
      ]))
      let c = try decoder.container(keyedBy: CodingKeys.self)
      code = try c.decode(String.self, forKey: .code)
      main = try c.contains(.main) ? FlagText.flag(from: c.superDecoder(forKey: .main)) : false
    }

    /// Encodes the entry.
    public func encode(to encoder: any Encoder) throws {
      var c = encoder.container(keyedBy: CodingKeys.self)
      try c.encode(code, forKey: .code)
      try c.encode(main ? "1" : "0", forKey: .main)
    }
  }

  enum CodingKeys: String, CodingKey, CaseIterable {
    case messageId = "msgid", settlementId = "setl_id", visitId = "mdtrt_id", personId = "psn_no", insutype
    case personType = "psn_type", medicalType = "med_type", deductibleLevel = "dedc_hosp_lv"
    case insuredArea = "insuplc_admdvs", treatmentArea = "mdtrtarea_admvs", admissionDate = "begntime"
    case dischargeDate = "endtime", referred = "refl_flag", designatedHospital = "dsgn_hosp_flag"
    case interim = "mid_setl_flag", accountUsed = "acct_used_flag", accountBalance = "balc"
    case declaredTotal = "medfee_sumamt", settlementWay = "psn_setlway", identities = "idetinfo"
    case diagnoses = "diseinfo", lines = "feedetail", priorLines = "prior_feedetail", accumulators = "cuminfo"
  }

  /// Envelope and 2304 fields accepted and not used by the settlement.
  static let ignoredKeys: Set<String> = [
    "infno", "mdtrt_cert_type", "mdtrt_cert_no", "invono", "chrg_bchno", "psn_name", "certno", "psn_cert_type",
    "fulamt_ownpay_amt", "overlmt_selfpay", "preselfpay_amt", "inscp_scp_amt", "pub_hosp_rfom_flag", "exp_content",
  ]

  /// Decodes a request, rejecting unknown keys and checking each field.
  public init(from decoder: any Decoder) throws {
    try decoder.rejectUnknownKeys(CodingKeys.names.union(Self.ignoredKeys))
    let c = try decoder.container(keyedBy: CodingKeys.self)
    func code(_ k: CodingKeys) throws -> String { try FlagText.decode(from: c.superDecoder(forKey: k)) }
    func optionalCode(_ k: CodingKeys) throws -> String? { c.contains(k) ? try code(k) : nil }
    func flag(_ k: CodingKeys) throws -> Bool { c.contains(k) ? try FlagText.flag(from: c.superDecoder(forKey: k)) : false }
    for k in [CodingKeys.visitId, .personId, .insutype, .personType, .medicalType, .deductibleLevel, .insuredArea, .treatmentArea, .dischargeDate]
    where !c.contains(k) {
      throw SettlementError(.missingField, at: decoder.path(k.rawValue), expected: "a value for '\(k.rawValue)'")
    }
    messageId = try optionalCode(.messageId)
    settlementId = try optionalCode(.settlementId)
    visitId = try code(.visitId)
    personId = try code(.personId)
    insutype = try code(.insutype)
    personType = try code(.personType)
    medicalType = try code(.medicalType)
    deductibleLevel = try code(.deductibleLevel)
    insuredArea = try code(.insuredArea)
    treatmentArea = try code(.treatmentArea)
    for (k, v) in [(CodingKeys.insuredArea, insuredArea), (.treatmentArea, treatmentArea)]
    where v.count != 6 || !v.allSatisfy({ $0.isASCII && $0.isNumber }) {
      throw SettlementError(.invalidValue, at: decoder.path(k.rawValue), expected: "a 6-digit 医保区划 code", found: v)
    }
    admissionDate = try PlatformTime.decodeIfPresent(c, .admissionDate)
    guard let discharge = try PlatformTime.decodeIfPresent(c, .dischargeDate) else {
      throw SettlementError(.missingField, at: decoder.path(CodingKeys.dischargeDate.rawValue), expected: "a discharge or settlement date")
    }
    dischargeDate = discharge
    if let a = admissionDate, discharge < a {
      throw SettlementError(.invalidDate, at: decoder.path(CodingKeys.dischargeDate.rawValue),
        expected: "a date on or after begntime (\(a))", found: discharge.description)
    }
    referred = try flag(.referred)
    designatedHospital = try flag(.designatedHospital)
    interim = try flag(.interim)
    accountUsed = try flag(.accountUsed)
    accountBalance = try c.decodeIfPresent(Money.self, forKey: .accountBalance)
    if let b = accountBalance { try Check.amount(b, at: decoder.path(CodingKeys.accountBalance.rawValue)) }
    if accountUsed && accountBalance == nil {
      throw SettlementError(.missingField, at: decoder.path(CodingKeys.accountBalance.rawValue),
        expected: "the personal-account balance (balc) when acct_used_flag is 1")
    }
    declaredTotal = try c.decodeIfPresent(Money.self, forKey: .declaredTotal)
    settlementWay = try optionalCode(.settlementWay)
    if let way = settlementWay, way != "01" {
      throw SettlementError(.invalidValue, at: decoder.path(CodingKeys.settlementWay.rawValue),
        expected: "01 (按项目结算); settlement by quota or disease group is not supported", found: way)
    }
    identities = try c.decodeIfPresent([IdentityInfo].self, forKey: .identities) ?? []
    diagnoses = try c.decodeIfPresent([DiagnosisInfo].self, forKey: .diagnoses) ?? []
    lines = try c.decode([FeeLine].self, forKey: .lines)
    priorLines = try c.decodeIfPresent([FeeLine].self, forKey: .priorLines) ?? []
    accumulators = try c.decodeIfPresent([CumInfo].self, forKey: .accumulators) ?? []
  }

  /// Encodes the request in the shape it is decoded from.
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encodeIfPresent(messageId, forKey: .messageId)
    try c.encodeIfPresent(settlementId, forKey: .settlementId)
    try c.encode(visitId, forKey: .visitId)
    try c.encode(personId, forKey: .personId)
    try c.encode(insutype, forKey: .insutype)
    try c.encode(personType, forKey: .personType)
    try c.encode(medicalType, forKey: .medicalType)
    try c.encode(deductibleLevel, forKey: .deductibleLevel)
    try c.encode(insuredArea, forKey: .insuredArea)
    try c.encode(treatmentArea, forKey: .treatmentArea)
    try c.encodeIfPresent(admissionDate, forKey: .admissionDate)
    try c.encode(dischargeDate, forKey: .dischargeDate)
    try c.encode(referred ? "1" : "0", forKey: .referred)
    try c.encode(designatedHospital ? "1" : "0", forKey: .designatedHospital)
    try c.encode(interim ? "1" : "0", forKey: .interim)
    try c.encode(accountUsed ? "1" : "0", forKey: .accountUsed)
    try c.encodeIfPresent(accountBalance, forKey: .accountBalance)
    try c.encodeIfPresent(declaredTotal, forKey: .declaredTotal)
    try c.encodeIfPresent(settlementWay, forKey: .settlementWay)
    try c.encode(identities, forKey: .identities)
    try c.encode(diagnoses, forKey: .diagnoses)
    try c.encode(lines, forKey: .lines)
    if !priorLines.isEmpty { try c.encode(priorLines, forKey: .priorLines) }
    try c.encode(accumulators, forKey: .accumulators)
  }

  /// Decodes a request from JSON.
  ///
  /// - Throws: ``SettlementError`` naming the JSON path (`feedetail[2].pric`).
  public static func decode(from data: Data) throws(SettlementError) -> PlatformRequest {
    try JSONInput.decode(PlatformRequest.self, from: data)
  }

  /// The request as pretty JSON with sorted keys (its canonical form).
  public func encoded() -> Data { JSONOutput.encode(self) }
}

/// The platform's date and datetime fields: `yyyy-MM-dd` or
/// `yyyy-MM-dd HH:mm:ss`; the library keeps the date.
enum PlatformTime {
  static func decodeIfPresent<K: CodingKey>(_ c: KeyedDecodingContainer<K>, _ key: K) throws -> CivilDate? {
    guard c.contains(key), try !c.decodeNil(forKey: key) else { return nil }
    let text = try c.decode(String.self, forKey: key)
    let path = pathDescription(c.codingPath + [key])
    let date = text.count == 19 && text.dropFirst(10).first == " " ? String(text.prefix(10)) : text
    do { return try CivilDate(parsing: date) } catch { throw error.located(under: path) }
  }
}
