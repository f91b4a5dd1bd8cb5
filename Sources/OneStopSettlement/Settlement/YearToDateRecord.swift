/// 年度累计 (JSON) — year-to-date accumulators keyed by layer id.
///
///     { "year": 2024, "admissions": 1, "totalCost": "8009.85",
///       "inPolicyCost": "7301.03", "basicDeductiblePaid": "800.00",
///       "layers": { "majorIllness": { "base": "2750.31",
///                                     "paid": { "inpatient": "0.00" } } } }
public struct YearToDateRecord: Sendable, Hashable, Codable {
  /// The year (`0` = none yet).
  public var year: Int
  /// 住院次数.
  public var admissions: Int
  /// 总费用累计.
  public var totalCost: Money
  /// 政策范围内费用累计.
  public var inPolicyCost: Money
  /// 累计起付线.
  public var basicDeductiblePaid: Money
  /// Per layer id: accumulated base and payments per claim kind.
  public var layers: [String: LayerToDate]

  /// One layer's counters.
  public struct LayerToDate: Sendable, Hashable, Codable {
    /// 累计基数.
    public var base: Money
    /// 累计支付 by claim kind (`inpatient`, `outpatientChronic`, `generalOutpatient`).
    public var paid: [String: Money]

    /// Creates counters.
    public init(base: Money, paid: [String: Money]) { self.base = base; self.paid = paid }

    private enum CodingKeys: String, CodingKey, CaseIterable { case base, paid }

    /// Decodes counters, rejecting unknown keys.
    public init(from decoder: any Decoder) throws {
      try decoder.rejectUnknownKeys(CodingKeys.names)
      let c = try decoder.container(keyedBy: CodingKeys.self)
      base = try c.decodeIfPresent(Money.self, forKey: .base) ?? Money(fen: 0)
      paid = try c.decodeIfPresent([String: Money].self, forKey: .paid) ?? [:]
      for (k, v) in paid {
        guard ClaimKind(rawValue: k) != nil else {
          throw SettlementError(.invalidValue, at: decoder.path("paid") + ".\(k)", expected: "a claim kind", found: k)
        }
        try Check.amount(v, at: decoder.path("paid") + ".\(k)")
      }
      try Check.amount(base, at: decoder.path("base"))
    }
  }

  /// Creates a record.
  public init(year: Int, admissions: Int, totalCost: Money, inPolicyCost: Money, basicDeductiblePaid: Money, layers: [String: LayerToDate]) {
    self.year = year; self.admissions = admissions; self.totalCost = totalCost
    self.inPolicyCost = inPolicyCost; self.basicDeductiblePaid = basicDeductiblePaid; self.layers = layers
  }

  private enum CodingKeys: String, CodingKey, CaseIterable { case year, admissions, totalCost, inPolicyCost, basicDeductiblePaid, layers }

  /// Decodes a record, rejecting unknown keys and negative counters.
  public init(from decoder: any Decoder) throws {
    try decoder.rejectUnknownKeys(CodingKeys.names)
    let c = try decoder.container(keyedBy: CodingKeys.self)
    year = try c.decodeIfPresent(Int.self, forKey: .year) ?? 0
    admissions = try c.decodeIfPresent(Int.self, forKey: .admissions) ?? 0
    guard admissions >= 0, admissions < 10_000 else {
      throw SettlementError(.invalidAccumulators, at: decoder.path("admissions"), expected: "a count from 0 to 9999", found: "\(admissions)")
    }
    let zero = Money(fen: 0)
    totalCost = try c.decodeIfPresent(Money.self, forKey: .totalCost) ?? zero
    inPolicyCost = try c.decodeIfPresent(Money.self, forKey: .inPolicyCost) ?? zero
    basicDeductiblePaid = try c.decodeIfPresent(Money.self, forKey: .basicDeductiblePaid) ?? zero
    for (k, v) in [("totalCost", totalCost), ("inPolicyCost", inPolicyCost), ("basicDeductiblePaid", basicDeductiblePaid)] {
      try Check.amount(v, at: decoder.path(k))
    }
    layers = try c.decodeIfPresent([String: LayerToDate].self, forKey: .layers) ?? [:]
  }
}

extension SettlementEngine {
  /// Converts JSON accumulators to the engine's form.
  ///
  /// - Throws: `.invalidAccumulators` for a layer id the table lacks.
  public func yearToDate(from record: YearToDateRecord) throws(SettlementError) -> YearToDate {
    var y = YearToDate()
    y.year = record.year
    y.admissions = record.admissions
    y.totalCost = record.totalCost.fen
    y.inPolicyCost = record.inPolicyCost.fen
    y.basicDeductiblePaid = record.basicDeductiblePaid.fen
    for (id, l) in record.layers.sorted(by: { $0.key < $1.key }) {
      guard let i = table.layers.firstIndex(where: { $0.id == id }) else {
        throw SettlementError(.invalidAccumulators, at: "yearToDate.layers.\(id)",
          expected: "a layer id of table \(table.id) (\(table.layers.map(\.id).joined(separator: ", ")))", found: id)
      }
      y.setBase(l.base.fen, layer: i)
      for (k, v) in l.paid { if let kind = ClaimKind(rawValue: k) { y.setPaid(v.fen, layer: i, kind: kind) } }
    }
    return y
  }

  /// Converts the engine's accumulators to JSON form (every layer listed).
  public func record(of y: YearToDate) -> YearToDateRecord {
    var layers = [String: YearToDateRecord.LayerToDate](minimumCapacity: table.layers.count)
    for i in table.layers.indices {  // by index: copies no `Layer`
      var paid: [String: Money] = [:]
      for k in ClaimKind.allCases where y.paid(layer: i, kind: k) != 0 { paid[k.rawValue] = Money(fen: y.paid(layer: i, kind: k)) }
      layers[table.layers[i].id] = .init(base: Money(fen: y.base(layer: i)), paid: paid)
    }
    return YearToDateRecord(
      year: y.year, admissions: y.admissions, totalCost: Money(fen: y.totalCost), inPolicyCost: Money(fen: y.inPolicyCost),
      basicDeductiblePaid: Money(fen: y.basicDeductiblePaid), layers: layers)
  }
}
