/// 人员身份 — an identity class the table grants benefits to
/// (特困, 孤儿, 低保, 返贫致贫, 监测对象, 脱贫人口, 低保边缘, 因病致贫 …).
///
/// The table's `identities` array is in **precedence order**: when a person
/// holds several identities, each layer applies the first one it has
/// parameters for (就高不重复 — the most generous class, never stacked).
/// `codes` maps the regional `psn_idet_type` dialects onto the class.
public struct IdentityClass: Sendable, Hashable, Codable {
  /// The table's identifier, referenced by layers (`"tekun"`).
  public var id: String
  /// 名称 — display name, e.g. `特困人员`.
  public var name: String
  /// Claim codes mapped to this class; the id itself always maps.
  public var codes: [String]

  /// Creates an identity class.
  public init(id: String, name: String, codes: [String] = []) {
    self.id = id; self.name = name; self.codes = codes
  }

  private enum CodingKeys: String, CodingKey, CaseIterable { case id, name, codes }

  /// Decodes a class, rejecting unknown keys.
  public init(from decoder: any Decoder) throws {
    (id, name, codes) = try CodedEntry.decode(from: decoder)
  }
}
