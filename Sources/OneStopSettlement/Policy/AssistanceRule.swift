/// 医疗救助 / 倾斜救助 — a class-based assistance rule.
///
/// Used by ``LayerKind/assistance`` and ``LayerKind/tilt``. The base is the
/// in-policy self-pay left after the layers above (plus 先行自付 when
/// ``baseIncludesPayFirst``). The person's class is the first class listing
/// an identity they hold, taking identities in the table's precedence order
/// (就高不重复). Pay = `round((base − deductible) × ratio)` limited by caps.
///
/// With ``Basis/perYear`` the deductible (起助线) is met once a year: the
/// claim pays `f(cumulative after) − f(cumulative before)` where
/// `f(x) = round(max(0, x − deductible) × ratio)`.
///
/// Example (宿迁 2024, 低保: no deductible, 80 %): base 2,750.31 →
/// `round(2750.31 × 0.8) = 2,200.25`.
public struct AssistanceRule: Sendable, Hashable, Codable {
  /// Per claim or per year deductible.
  public var basis: Basis
  /// Whether 先行自付 counts toward the base (江阴 includes 自理).
  public var baseIncludesPayFirst: Bool
  /// 救助类别 — classes; the first matching class applies.
  public var classes: [AssistanceClass]

  /// When the deductible applies.
  public enum Basis: String, Sendable, Hashable, Codable {
    /// Each claim on its own (per-admission threshold).
    case perClaim
    /// Cumulative over the year, settled incrementally.
    case perYear
  }

  /// Creates a rule.
  public init(basis: Basis = .perClaim, baseIncludesPayFirst: Bool = false, classes: [AssistanceClass]) {
    self.basis = basis; self.baseIncludesPayFirst = baseIncludesPayFirst; self.classes = classes
  }

  enum CodingKeys: String, CodingKey, CaseIterable { case basis, baseIncludesPayFirst, classes }

  /// Decodes the rule (unknown keys are checked by ``Layer``).
  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    basis = try c.decodeIfPresent(Basis.self, forKey: .basis) ?? .perClaim
    baseIncludesPayFirst = try c.decodeIfPresent(Bool.self, forKey: .baseIncludesPayFirst) ?? false
    classes = try c.decode([AssistanceClass].self, forKey: .classes)
    guard !classes.isEmpty else {
      throw SettlementError(.missingField, at: decoder.path("classes"), expected: "at least one class")
    }
    for (i, cls) in classes.enumerated() where cls.identities == nil && i != classes.count - 1 {
      throw SettlementError(.invalidValue, at: decoder.path("classes") + "[\(i)].identities",
        expected: "identities (only the last class may apply to everyone)")
    }
  }
}

/// 救助类别 — one class of an assistance rule.
public struct AssistanceClass: Sendable, Hashable, Codable {
  /// Display name, e.g. `一类（特困、孤儿）`.
  public var name: String?
  /// Identity ids in this class (`nil` = everyone; last class only).
  public var identities: [String]?
  /// 起付线 / 起助线 — deductible.
  public var deductible: Sourced<Money>
  /// 救助比例 — ratio.
  public var ratio: Sourced<Rate>
  /// 年度限额 — yearly caps, possibly shared between claim kinds.
  public var annualCaps: [AnnualCap]

  /// Creates a class.
  public init(name: String? = nil, identities: [String]?, deductible: Sourced<Money> = Sourced(Money(fen: 0)), ratio: Sourced<Rate>, annualCaps: [AnnualCap] = []) {
    self.name = name; self.identities = identities; self.deductible = deductible
    self.ratio = ratio; self.annualCaps = annualCaps
  }

  private enum CodingKeys: String, CodingKey, CaseIterable { case name, identities, deductible, ratio, annualCaps }

  /// Decodes a class, rejecting unknown keys and out-of-range numbers.
  public init(from decoder: any Decoder) throws {
    try decoder.rejectUnknownKeys(CodingKeys.names)
    let c = try decoder.container(keyedBy: CodingKeys.self)
    name = try c.decodeIfPresent(String.self, forKey: .name)
    identities = try c.decodeIfPresent([String].self, forKey: .identities)
    deductible = try c.amountIfPresent(.deductible) ?? Sourced(Money(fen: 0))
    ratio = try c.rate(.ratio)
    annualCaps = try c.decodeIfPresent([AnnualCap].self, forKey: .annualCaps) ?? []
    guard annualCaps.count <= CompiledCaps.capacity else {
      throw SettlementError(.invalidValue, at: decoder.path("annualCaps"), expected: "at most \(CompiledCaps.capacity) caps")
    }
  }
}
