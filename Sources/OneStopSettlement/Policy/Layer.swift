/// 保障层 — one layer of a policy table: a fund that pays part of a claim.
///
/// In JSON a flat object: common keys (`kind`, `id`, `name`, `fundCode`,
/// `fundName`, `platformField`, `appliesTo`, `rounding`, `source`,
/// `illustrative`, `note`) plus the keys of its kind's rule.
///
///     { "kind": "assistance", "id": "assistance", "fundCode": "610100",
///       "fundName": "医疗救助基金", "classes": [ … ] }
public struct Layer: Sendable, Hashable, Codable {
  /// Identifier, unique in the table (keys accumulators).
  public var id: String
  /// Display name, e.g. `医疗救助`.
  public var name: String
  /// 基金支付类型 — fund code (`fund_pay_type`, e.g. `610100`); table data.
  public var fundCode: String
  /// 基金名称 — fund name (`fund_pay_type_name`).
  public var fundName: String
  /// The `setlinfo` field the payment is reported in.
  public var platformField: PlatformField
  /// Which claims the layer applies to.
  public var appliesTo: Applicability
  /// Rounding for this layer's amounts (`nil` = the table's).
  public var rounding: RoundingRule?
  /// Where the layer as a whole comes from.
  public var provenance: Provenance
  /// The kind-specific rule.
  public var rule: Rule

  /// The kind-specific rule of a layer.
  public enum Rule: Sendable, Hashable {
    /// 基本医保.
    case basic(BasicInsuranceRule)
    /// 大病保险.
    case majorIllness(MajorIllnessRule)
    /// 医疗救助.
    case assistance(AssistanceRule)
    /// 倾斜救助 / 再救助.
    case tilt(AssistanceRule)
    /// 兜底.
    case outOfPocketCeiling(OutOfPocketCeilingRule)
    /// 补足到目标比例.
    case topUp(TopUpRule)
  }

  /// The layer's kind.
  public var kind: LayerKind { Layer.kind(of: rule) }

  private static func kind(of rule: Rule) -> LayerKind {
    switch rule {
    case .basic: .basic
    case .majorIllness: .majorIllness
    case .assistance: .assistance
    case .tilt: .tilt
    case .outOfPocketCeiling: .outOfPocketCeiling
    case .topUp: .topUp
    }
  }

  /// Creates a layer.
  public init(
    id: String, name: String, fundCode: String, fundName: String, platformField: PlatformField? = nil,
    appliesTo: Applicability = .all, rounding: RoundingRule? = nil, provenance: Provenance = .unstated, rule: Rule
  ) {
    self.id = id; self.name = name; self.fundCode = fundCode; self.fundName = fundName
    self.appliesTo = appliesTo; self.rounding = rounding; self.provenance = provenance; self.rule = rule
    self.platformField = platformField ?? Layer.kind(of: rule).defaultPlatformField
  }

  private enum CodingKeys: String, CodingKey, CaseIterable {
    case kind, id, name, fundCode, fundName, platformField, appliesTo, rounding, source, illustrative, note
  }

  /// Decodes a layer, rejecting keys neither common nor of its kind.
  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    let kind = try c.decode(LayerKind.self, forKey: .kind)
    let ruleKeys: Set<String>
    switch kind {
    case .basic:
      rule = .basic(try BasicInsuranceRule(from: decoder)); ruleKeys = BasicInsuranceRule.CodingKeys.names
    case .majorIllness:
      rule = .majorIllness(try MajorIllnessRule(from: decoder)); ruleKeys = MajorIllnessRule.CodingKeys.names
    case .assistance:
      rule = .assistance(try AssistanceRule(from: decoder)); ruleKeys = AssistanceRule.CodingKeys.names
    case .tilt:
      rule = .tilt(try AssistanceRule(from: decoder)); ruleKeys = AssistanceRule.CodingKeys.names
    case .outOfPocketCeiling:
      rule = .outOfPocketCeiling(try OutOfPocketCeilingRule(from: decoder)); ruleKeys = OutOfPocketCeilingRule.CodingKeys.names
    case .topUp:
      rule = .topUp(try TopUpRule(from: decoder)); ruleKeys = TopUpRule.CodingKeys.names
    }
    try decoder.rejectUnknownKeys(CodingKeys.names.union(ruleKeys))
    id = try c.decode(String.self, forKey: .id)
    name = try c.decodeIfPresent(String.self, forKey: .name) ?? id
    fundCode = try c.decode(String.self, forKey: .fundCode)
    fundName = try c.decodeIfPresent(String.self, forKey: .fundName) ?? name
    platformField = try c.decodeIfPresent(PlatformField.self, forKey: .platformField) ?? kind.defaultPlatformField
    appliesTo = try c.decodeIfPresent(Applicability.self, forKey: .appliesTo) ?? .all
    rounding = try c.decodeIfPresent(RoundingRule.self, forKey: .rounding)
    provenance = try Provenance(flattenedFrom: decoder)
  }

  /// Encodes the flat object.
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(kind, forKey: .kind)
    try c.encode(id, forKey: .id)
    try c.encode(name, forKey: .name)
    try c.encode(fundCode, forKey: .fundCode)
    try c.encode(fundName, forKey: .fundName)
    try c.encode(platformField, forKey: .platformField)
    if appliesTo != .all { try c.encode(appliesTo, forKey: .appliesTo) }
    try c.encodeIfPresent(rounding, forKey: .rounding)
    try provenance.encodeFlattened(to: encoder)
    switch rule {
    case .basic(let r): try r.encode(to: encoder)
    case .majorIllness(let r): try r.encode(to: encoder)
    case .assistance(let r), .tilt(let r): try r.encode(to: encoder)
    case .outOfPocketCeiling(let r): try r.encode(to: encoder)
    case .topUp(let r): try r.encode(to: encoder)
    }
  }
}
