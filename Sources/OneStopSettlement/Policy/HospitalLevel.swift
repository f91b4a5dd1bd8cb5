/// 起付线医院等级 — a hospital level as the table keys deductibles and ratios.
///
/// Keyed on the platform's `dedc_hosp_lv` dialect: `codes` lists every
/// regional spelling (`"1"`, `"01"`, `"301"` …) that maps to this level.
public struct HospitalLevel: Sendable, Hashable, Codable {
  /// The table's identifier, used as key in deductible and ratio maps (`"1"`).
  public var id: String
  /// 名称 — display name, e.g. `一级`.
  public var name: String
  /// Claim codes mapped to this level; the id itself always maps.
  public var codes: [String]

  /// Creates a level.
  public init(id: String, name: String, codes: [String] = []) {
    self.id = id; self.name = name; self.codes = codes
  }

  private enum CodingKeys: String, CodingKey, CaseIterable { case id, name, codes }

  /// Decodes a level, rejecting unknown keys.
  public init(from decoder: any Decoder) throws {
    (id, name, codes) = try CodedEntry.decode(from: decoder)
  }
}

/// The shared JSON shape of a coded entry (`{"id", "name", "codes"}`) used
/// by hospital levels and identity classes.
enum CodedEntry {
  private enum CodingKeys: String, CodingKey, CaseIterable { case id, name, codes }

  /// Decodes the entry; `name` defaults to the id, `codes` to none.
  static func decode(from decoder: any Decoder) throws -> (String, String, [String]) {
    try decoder.rejectUnknownKeys(CodingKeys.names)
    let c = try decoder.container(keyedBy: CodingKeys.self)
    let id = try c.decode(String.self, forKey: .id)
    return (id, try c.decodeIfPresent(String.self, forKey: .name) ?? id, try c.decodeIfPresent([String].self, forKey: .codes) ?? [])
  }
}
