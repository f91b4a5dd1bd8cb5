/// 累计计数器 — which ``YearToDate`` counter a platform accumulator code
/// (`cum_type_code`) carries.
///
/// In a ``PlatformProfile`` each code maps to one counter:
///
///     "cumTypes": {
///       "C0000_BIZ21": { "counter": "admissions" },
///       "F0000":       { "counter": "totalCost" },
///       "S0000":       { "counter": "inPolicyCost" },
///       "Q0000":       { "counter": "basicDeductiblePaid" },
///       "TS390201":    { "counter": "layerBase", "layer": "majorIllness" },
///       "D390101_BIZ21": { "counter": "layerPaid", "layer": "basic", "claimKind": "inpatient" } }
///
/// Counts (`admissions`) travel as whole numbers in the `N16,2` `cum` field.
public enum AccumulatorCounter: Sendable, Hashable, Codable, CustomStringConvertible {
  /// 住院次数 — inpatient admissions this year.
  case admissions
  /// 总费用累计 — total medical cost this year.
  case totalCost
  /// 政策范围内费用累计 — in-policy cost this year.
  case inPolicyCost
  /// 累计起付线 — basic deductible paid this year.
  case basicDeductiblePaid
  /// 合规费用累计 — the base accumulated by a layer (by layer id).
  case layerBase(layer: String)
  /// 基金支付累计 — what a layer paid this year for one claim kind.
  case layerPaid(layer: String, claimKind: ClaimKind)

  private enum CodingKeys: String, CodingKey, CaseIterable { case counter, layer, claimKind }
  private enum Name: String, Codable, CaseIterable {
    case admissions, totalCost, inPolicyCost, basicDeductiblePaid, layerBase, layerPaid
  }

  /// Decodes `{ "counter": …, "layer": …, "claimKind": … }`.
  public init(from decoder: any Decoder) throws {
    try decoder.rejectUnknownKeys(CodingKeys.names)
    let c = try decoder.container(keyedBy: CodingKeys.self)
    guard let name = Name(rawValue: try c.decode(String.self, forKey: .counter)) else {
      throw SettlementError(.invalidValue, at: decoder.path("counter"),
        expected: "one of " + Name.allCases.map(\.rawValue).joined(separator: ", "),
        found: (try? c.decode(String.self, forKey: .counter)) ?? "")
    }
    switch name {
    case .admissions: self = .admissions
    case .totalCost: self = .totalCost
    case .inPolicyCost: self = .inPolicyCost
    case .basicDeductiblePaid: self = .basicDeductiblePaid
    case .layerBase: self = .layerBase(layer: try c.decode(String.self, forKey: .layer))
    case .layerPaid:
      self = .layerPaid(layer: try c.decode(String.self, forKey: .layer), claimKind: try c.decode(ClaimKind.self, forKey: .claimKind))
    }
  }

  /// Encodes the same shape.
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    switch self {
    case .admissions: try c.encode(Name.admissions, forKey: .counter)
    case .totalCost: try c.encode(Name.totalCost, forKey: .counter)
    case .inPolicyCost: try c.encode(Name.inPolicyCost, forKey: .counter)
    case .basicDeductiblePaid: try c.encode(Name.basicDeductiblePaid, forKey: .counter)
    case .layerBase(let l):
      try c.encode(Name.layerBase, forKey: .counter)
      try c.encode(l, forKey: .layer)
    case .layerPaid(let l, let k):
      try c.encode(Name.layerPaid, forKey: .counter)
      try c.encode(l, forKey: .layer)
      try c.encode(k, forKey: .claimKind)
    }
  }

  /// `layerPaid(basic, inpatient)`.
  public var description: String {
    switch self {
    case .admissions: "admissions"
    case .totalCost: "totalCost"
    case .inPolicyCost: "inPolicyCost"
    case .basicDeductiblePaid: "basicDeductiblePaid"
    case .layerBase(let l): "layerBase(\(l))"
    case .layerPaid(let l, let k): "layerPaid(\(l), \(k.rawValue))"
    }
  }
}

/// A counter with its layer resolved to the table's position.
struct ResolvedCounter: Sendable, Hashable {
  enum Slot: Sendable, Hashable {
    case admissions, totalCost, inPolicyCost, basicDeductiblePaid
    case layerBase(Int)
    case layerPaid(Int, ClaimKind)
  }
  let slot: Slot

  /// Whether the counter is a count (whole numbers) rather than money.
  var isCount: Bool { slot == .admissions }

  /// The counter's value in fen (a count is `count × 100`, so it reads as
  /// `"2.00"` in the platform's `N16,2` field).
  func value(in y: YearToDate) -> Int64 {
    switch slot {
    case .admissions: Int64(y.admissions) &* 100
    case .totalCost: y.totalCost
    case .inPolicyCost: y.inPolicyCost
    case .basicDeductiblePaid: y.basicDeductiblePaid
    case .layerBase(let l): y.base(layer: l)
    case .layerPaid(let l, let k): y.paid(layer: l, kind: k)
    }
  }

  /// Adds `fen` (a count × 100) to the counter.
  func add(_ fen: Int64, to y: inout YearToDate) {
    switch slot {
    case .admissions: y.admissions &+= Int(fen / 100)
    case .totalCost: y.totalCost &+= fen
    case .inPolicyCost: y.inPolicyCost &+= fen
    case .basicDeductiblePaid: y.basicDeductiblePaid &+= fen
    case .layerBase(let l): y.setBase(y.base(layer: l) &+ fen, layer: l)
    case .layerPaid(let l, let k): y.setPaid(y.paid(layer: l, kind: k) &+ fen, layer: l, kind: k)
    }
  }
}
