public import Foundation

/// 地区接口配置 — how one region speaks the national platform: its code
/// dialects, its accumulator codes, its `fund_pay_sumamt` convention and
/// its catalogue.
///
/// Codes are opaque strings (his-interface §0.3: the same `med_type` means
/// different things in different provinces), so every code a request may
/// carry is listed here; an unlisted code is an `unknownCode` error naming
/// the request field.
///
///     { "schemaVersion": 1, "id": "example/profile@2024",
///       "insutypes": ["390"],
///       "psnTypes": { "1501": [], "1401": [] },
///       "psnIdetTypes": { "2303": "dibao", "2304": "tekun" },
///       "medTypes": { "21": "inpatient", "14": "outpatientChronic" },
///       "dedcHospLvs": { "301": "3" },
///       "fundPaySumamtIncludesAcctPay": false,
///       "cumTypes": { "C0000_BIZ21": { "counter": "admissions" } },
///       "catalogue": { … } }
public struct PlatformProfile: Sendable, Hashable, Codable {
  /// The schema version this library reads.
  public static let schemaVersion = 1

  /// Identifier, e.g. `jiangsu/yancheng/profile@2024`.
  public var id: String
  /// Display name.
  public var name: String
  /// Where the mappings come from.
  public var provenance: Provenance
  /// 险种类型 — the `insutype` codes accepted (e.g. `["390"]`).
  public var insutypes: [String]
  /// 人员类别 — each accepted `psn_type` and the table identity ids it grants
  /// (usually none).
  public var psnTypes: [String: [String]]
  /// 人员身份类别 — `psn_idet_type` → table identity id. A code not listed
  /// here may still be one of the table's own identity codes.
  public var psnIdetTypes: [String: String]
  /// 医疗类别 — `med_type` → claim kind.
  public var medTypes: [String: ClaimKind]
  /// 起付线医院等级 — `dedc_hosp_lv` → table hospital-level id. A code not
  /// listed here may still be one of the table's own level codes.
  public var dedcHospLvs: [String: String]
  /// Whether `fund_pay_sumamt` includes `acct_pay` (Guangdong style) or not
  /// (Hunan style), his-interface §0.4.
  public var fundPaySumamtIncludesAcctPay: Bool
  /// 累计类别 — `cum_type_code` → counter.
  public var cumTypes: [String: AccumulatorCounter]
  /// What an accumulator row with an unmapped code does.
  public var unknownCumTypes: UnknownCumTypes
  /// 医保目录 — the catalogue that splits fee lines.
  public var catalogue: Catalogue

  /// What an accumulator row with a code not in ``cumTypes`` does.
  public enum UnknownCumTypes: String, Sendable, Hashable, Codable, CaseIterable {
    /// 报错 — `invalidAccumulators` naming the row.
    case error
    /// 忽略 — the row is skipped (5206 returns codes no layer uses).
    case ignore
  }

  /// Creates a profile.
  public init(
    id: String, name: String? = nil, provenance: Provenance = .unstated, insutypes: [String],
    psnTypes: [String: [String]], psnIdetTypes: [String: String] = [:], medTypes: [String: ClaimKind],
    dedcHospLvs: [String: String] = [:], fundPaySumamtIncludesAcctPay: Bool = false,
    cumTypes: [String: AccumulatorCounter] = [:], unknownCumTypes: UnknownCumTypes = .error, catalogue: Catalogue
  ) {
    self.id = id; self.name = name ?? id; self.provenance = provenance; self.insutypes = insutypes
    self.psnTypes = psnTypes; self.psnIdetTypes = psnIdetTypes; self.medTypes = medTypes
    self.dedcHospLvs = dedcHospLvs; self.fundPaySumamtIncludesAcctPay = fundPaySumamtIncludesAcctPay
    self.cumTypes = cumTypes; self.unknownCumTypes = unknownCumTypes; self.catalogue = catalogue
  }

  /// Decodes a profile from JSON.
  ///
  /// - Throws: ``SettlementError`` naming the JSON path.
  public static func decode(from data: Data) throws(SettlementError) -> PlatformProfile {
    try JSONInput.decode(PlatformProfile.self, from: data)
  }

  /// The profile as pretty JSON with sorted keys.
  public func encoded() -> Data { JSONOutput.encode(self) }

  private enum CodingKeys: String, CodingKey, CaseIterable {
    case insutypes, psnTypes, psnIdetTypes, medTypes
    case dedcHospLvs, fundPaySumamtIncludesAcctPay, cumTypes, unknownCumTypes, catalogue
  }

  /// Decodes a profile, checking `schemaVersion` first and rejecting unknown keys.
  public init(from decoder: any Decoder) throws {
    let head = try DocumentHead(from: decoder, schemaVersion: PlatformProfile.schemaVersion)
    try decoder.rejectUnknownKeys(CodingKeys.names.union(DocumentHead.Keys.names))
    let c = try decoder.container(keyedBy: CodingKeys.self)
    id = head.id
    name = head.name
    provenance = head.provenance
    insutypes = try c.decode([String].self, forKey: .insutypes)
    psnTypes = try c.decode([String: [String]].self, forKey: .psnTypes)
    psnIdetTypes = try c.decodeIfPresent([String: String].self, forKey: .psnIdetTypes) ?? [:]
    medTypes = try c.decode([String: ClaimKind].self, forKey: .medTypes)
    dedcHospLvs = try c.decodeIfPresent([String: String].self, forKey: .dedcHospLvs) ?? [:]
    fundPaySumamtIncludesAcctPay = try c.decode(Bool.self, forKey: .fundPaySumamtIncludesAcctPay)
    cumTypes = try c.decodeIfPresent([String: AccumulatorCounter].self, forKey: .cumTypes) ?? [:]
    unknownCumTypes = try c.decodeIfPresent(UnknownCumTypes.self, forKey: .unknownCumTypes) ?? .error
    catalogue = try c.decode(Catalogue.self, forKey: .catalogue)
  }

  /// Encodes the profile in the shape it is decoded from.
  public func encode(to encoder: any Encoder) throws {
    try DocumentHead(id: id, name: name, provenance: provenance).encode(to: encoder, schemaVersion: PlatformProfile.schemaVersion)
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(insutypes, forKey: .insutypes)
    try c.encode(psnTypes, forKey: .psnTypes)
    try c.encode(psnIdetTypes, forKey: .psnIdetTypes)
    try c.encode(medTypes, forKey: .medTypes)
    try c.encode(dedcHospLvs, forKey: .dedcHospLvs)
    try c.encode(fundPaySumamtIncludesAcctPay, forKey: .fundPaySumamtIncludesAcctPay)
    try c.encode(cumTypes, forKey: .cumTypes)
    try c.encode(unknownCumTypes, forKey: .unknownCumTypes)
    try c.encode(catalogue, forKey: .catalogue)
  }
}
