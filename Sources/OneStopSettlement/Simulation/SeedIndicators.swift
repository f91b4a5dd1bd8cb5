public import Foundation

/// 监测指标计算 — streams a claims file through one table and computes the
/// seed notices' indicators (``IndicatorReport``).
///
///     var ind = SeedIndicators(engine: engine, format: .csv)
///     try ind.process(data, isFinal: true)
///     let report = try ind.report()
///     report.countyInpatientRate.share   // 县域内就诊率 of low-income inpatients
public struct SeedIndicators {
  /// Options.
  public struct Options: Sendable, Hashable {
    /// 控制目标 — the in-policy self-pay ratio target (default 0.10, an
    /// analysis default in the spirit of 江阴's "个人自付 ≤ 10% of 政策范围内"
    /// (rules.md §1.1); pass the region's own target).
    public var target: Rate
    /// Identity ids counted as low-income (`nil` = every identity of the table).
    public var lowIncomeIdentities: [String]?
    /// Skip bad rows.
    public var skipsBadRows: Bool
    /// The region's 先诊疗后付费 rule (``RegionalRules/payAfterTreatment``);
    /// without one the share is derived from the data (low-income, in county).
    public var payAfterTreatment: PayAfterTreatmentRule?

    /// The defaults.
    public init(
      target: Rate = Rate(micros: 100_000), lowIncomeIdentities: [String]? = nil, skipsBadRows: Bool = false,
      payAfterTreatment: PayAfterTreatmentRule? = nil
    ) {
      self.target = target; self.lowIncomeIdentities = lowIncomeIdentities; self.skipsBadRows = skipsBadRows
      self.payAfterTreatment = payAfterTreatment
    }
  }

  private let engine: SettlementEngine
  private let options: Options
  private var stream: SettlementStream
  private var collector: SimulationCollector
  private let lowIncome: [String]

  /// Prepares the computation.
  ///
  /// - Throws: `.undefinedReference` for a low-income identity id the table lacks.
  public init(engine: SettlementEngine, format: ClaimFileFormat, options: Options = Options()) throws(SettlementError) {
    self.engine = engine
    self.options = options
    let ids = engine.table.identities.map(\.id)
    lowIncome = options.lowIncomeIdentities ?? ids
    var mask: UInt64 = 0
    for id in lowIncome {
      guard let i = ids.firstIndex(of: id) else {
        throw SettlementError(.undefinedReference, at: "--low-income", expected: "identity ids of table \(engine.table.id) (\(ids.joined(separator: ", ")))", found: id)
      }
      mask |= 1 << UInt64(i)
    }
    stream = SettlementStream(engines: [engine], format: format, skipsBadRows: options.skipsBadRows)
    collector = SimulationCollector(engines: [engine])
    collector.lowIncomeMask = mask
    collector.depositGrants = (options.payAfterTreatment?.grants ?? []).map { DepositGrant($0, table: engine.table) }
  }

  /// Settles the rows completed by `chunk`.
  public mutating func process(_ chunk: Data, isFinal: Bool) throws(SettlementError) {
    try stream.feed(chunk, isFinal: isFinal, into: &collector)
  }

  /// Rows skipped.
  public var rejectedCount: Int { stream.rejectedCount }
  /// Skipped rows as CSV `line,error,row`.
  public var rejects: ArraySlice<UInt8> { stream.rejects.bytes }

  /// The indicators, after the last chunk.
  public func report() throws(SettlementError) -> IndicatorReport {
    let c = collector
    guard !c.overflowed else { throw SettlementError(.arithmeticOverflow, expected: "totals within 64-bit fen") }
    let table = engine.table
    let oop = c.outOfPocket(0)

    let county = IndicatorReport.Share(
      count: c.lowIncomeInpatientInCounty, of: c.lowIncomeInpatientClaims,
      share: ExactRatio.rate(Int64(c.lowIncomeInpatientInCounty), Int64(c.lowIncomeInpatientClaims)),
      derivation: "inpatient claims in county ÷ inpatient claims, of persons holding a low-income identity on the claim date")
    let deferred: IndicatorReport.Share
    if options.payAfterTreatment != nil {
      deferred = .init(
        count: c.depositFreeClaims, of: c.inpatientClaims, share: ExactRatio.rate(Int64(c.depositFreeClaims), Int64(c.inpatientClaims)),
        derivation: "the region's 先诊疗后付费 rule: claims a grant covers (identity held, kind, place, referral) ÷ all admissions")
    } else {
      deferred = .init(
        count: c.lowIncomeInpatientInCounty, of: c.inpatientClaims,
        share: ExactRatio.rate(Int64(c.lowIncomeInpatientInCounty), Int64(c.inpatientClaims)),
        derivation: "derived from the data (no deposit rule given): low-income in-county admissions (seeds 000/003/004 rule) ÷ all admissions")
    }

    var ratios: [IndicatorReport.ClassRatio] = []
    var all = (persons: 0, claims: 0, total: CheckedSum(), inPolicy: CheckedSum(), oop: CheckedSum())
    for g in c.classes(identityCount: table.identities.count) {
      var paid = CheckedSum()
      for p in g.members { paid.add(oop[p]) }
      let funds = g.total.value - paid.value
      let (id, name) = g.identity >= 0 ? (table.identities[g.identity].id, table.identities[g.identity].name) : ("ordinary", "普通参保人")
      ratios.append(.init(
        id: id, name: name, persons: g.members.count, claims: g.claims, totalCost: Money(fen: g.total.value), funds: Money(fen: funds),
        actualReimbursementRatio: ExactRatio.rate(funds, g.total.value), inPolicyReimbursementRatio: ExactRatio.rate(funds, g.inPolicy.value)))
      all.persons += g.members.count; all.claims += g.claims
      all.total.add(g.total.value); all.inPolicy.add(g.inPolicy.value); all.oop.add(paid.value)
    }
    let allFunds = all.total.value - all.oop.value
    ratios.append(.init(
      id: "all", name: "全体", persons: all.persons, claims: all.claims, totalCost: Money(fen: all.total.value), funds: Money(fen: allFunds),
      actualReimbursementRatio: ExactRatio.rate(allFunds, all.total.value), inPolicyReimbursementRatio: ExactRatio.rate(allFunds, all.inPolicy.value)))

    // 救助对象: identities an assistance layer's classes list.
    var recipientIds: [String] = []
    for layer in table.layers {
      if case .assistance(let rule) = layer.rule {
        for cls in rule.classes { for id in cls.identities ?? [] where !recipientIds.contains(id) { recipientIds.append(id) } }
      }
    }
    let recipientMask = recipientIds.reduce(UInt64(0)) { m, id in
      table.identities.firstIndex { $0.id == id }.map { m | (1 << UInt64($0)) } ?? m
    }
    var recipients = 0, under = 0
    var selfPay = CheckedSum(), inPolicy = CheckedSum()
    let target = options.target.micros
    for p in 0..<c.persons where c.personIdentities[p] & recipientMask != 0 && c.personInPolicy[p] > 0 {
      recipients += 1
      let sp = c.personInPolicySelfPay[p]
      selfPay.add(sp); inPolicy.add(c.personInPolicy[p])
      // sp ÷ inPolicy ≤ target  ⇔  sp × 10^6 ≤ target × inPolicy (128-bit).
      let lhs = sp.magnitude.multipliedFullWidth(by: UInt64(Rate.scale))
      let rhs = UInt64(max(target, 0)).multipliedFullWidth(by: c.personInPolicy[p].magnitude)
      if lhs.high < rhs.high || (lhs.high == rhs.high && lhs.low <= rhs.low) { under += 1 }
    }
    let control = IndicatorReport.SelfPayControl(
      target: options.target, identities: recipientIds, recipients: recipients, underTarget: under,
      share: ExactRatio.rate(Int64(under), Int64(recipients)), overallRatio: ExactRatio.rate(selfPay.value, inPolicy.value),
      derivation: "per person over the year: in-policy self-pay (in-policy cost not paid by any fund) ÷ in-policy cost; persons holding an identity an assistance class lists, with in-policy cost")
    return IndicatorReport(
      table: .init(id: table.id, name: table.name), claims: c.claims, persons: c.persons, rejectedRows: stream.rejectedCount,
      lowIncomeIdentities: lowIncome, countyInpatientRate: county, treatBeforePay: deferred,
      reimbursementByIdentity: ratios, assistanceSelfPay: control)
  }
}
