public import Foundation

/// 政策模拟 — settles a population's claims under a baseline and a reform
/// (and optionally a parameter sweep) in one streaming pass, and reports
/// what changes.
///
/// Each claim is settled under every table with that table's own
/// year-to-date accumulators per person, exactly as hospitals would settle
/// it. Memory is bounded by the number of persons, never by claims.
///
///     var sim = try PolicySimulation(baseline: base, reform: reform, format: .csv)
///     try sim.process(chunk, isFinal: true)    // any number of chunks
///     let report = try sim.report()
///     report.funds.total.difference            // reform − baseline fund cost
///
/// - Complexity: O(claims × scenarios × layers) to stream; O(persons log
///   persons) for the report's percentiles.
public struct PolicySimulation {
  /// Analysis options.
  public struct Options: Sendable, Hashable {
    /// Annual out-of-pocket above this counts as a heavy burden.
    /// Default 5,000.00 — an analysis default, echoing the 湖北 2018 target
    /// 年度个人实际负担 ≤ 5000元 (rules.md §1.2), not a rule of any table.
    public var thresholdAmount: Money
    /// Annual out-of-pocket above this share of income counts as
    /// catastrophic. Default 0.40 — the conventional catastrophic health
    /// expenditure threshold of survey studies, an analysis default.
    public var thresholdIncomeShare: Rate
    /// Histogram bin lower edges, yuan (the last bin is open).
    public var histogramEdges: [Money]
    /// Move every date by whole years so the file's first row falls in this year.
    public var year: Int?
    /// Skip bad rows (see ``rejects``) instead of stopping.
    public var skipsBadRows: Bool

    /// The defaults.
    public init(
      thresholdAmount: Money = Money(fen: 500_000), thresholdIncomeShare: Rate = Rate(micros: 400_000),
      histogramEdges: [Money] = [0, 1_000, 2_000, 5_000, 10_000, 20_000, 50_000, 100_000].map { Money(fen: $0 * 100) },
      year: Int? = nil, skipsBadRows: Bool = false
    ) {
      self.thresholdAmount = thresholdAmount; self.thresholdIncomeShare = thresholdIncomeShare
      self.histogramEdges = histogramEdges; self.year = year; self.skipsBadRows = skipsBadRows
    }
  }

  private let engines: [SettlementEngine]
  private let sweep: ParameterSweep?
  private let options: Options
  private var stream: SettlementStream
  private var collector: SimulationCollector

  /// Prepares a simulation.
  ///
  /// - Parameters:
  ///   - baseline: the current rules.
  ///   - reform: the rules to compare.
  ///   - sweep: a parameter sweep and its tables (one per value), if any.
  ///   - format: the claims file's format.
  /// - Throws: `.invalidValue` for histogram edges not increasing from 0.
  public init(
    baseline: SettlementEngine, reform: SettlementEngine, sweep: (ParameterSweep, [SettlementEngine])? = nil,
    format: ClaimFileFormat, options: Options = Options()
  ) throws(SettlementError) {
    let edges = options.histogramEdges.map(\.fen)
    guard !edges.isEmpty, edges[0] >= 0, zip(edges, edges.dropFirst()).allSatisfy({ $0 < $1 }) else {
      throw SettlementError(.invalidValue, at: "histogramEdges", expected: "increasing amounts from 0")
    }
    engines = [baseline, reform] + (sweep?.1 ?? [])
    self.sweep = sweep?.0
    self.options = options
    stream = SettlementStream(engines: engines, format: format, skipsBadRows: options.skipsBadRows, targetYear: options.year)
    collector = SimulationCollector(engines: engines)
  }

  /// Settles the rows completed by `chunk` under every table.
  ///
  /// - Throws: ``SettlementError`` located as `line:column (field)`.
  public mutating func process(_ chunk: Data, isFinal: Bool) throws(SettlementError) {
    try stream.feed(chunk, isFinal: isFinal, into: &collector)
  }

  /// Claims settled so far.
  public var claimCount: Int { stream.claimCount }
  /// Persons so far.
  public var personCount: Int { collector.persons }
  /// Rows skipped.
  public var rejectedCount: Int { stream.rejectedCount }
  /// Skipped rows as CSV `line,error,row`.
  public var rejects: ArraySlice<UInt8> { stream.rejects.bytes }

  /// The report, after the last chunk.
  ///
  /// - Parameter overrides: the `--set` texts to record in the report.
  /// - Throws: `.arithmeticOverflow` if a total left 64 bits;
  ///   `.invariantViolation` if a claim's split did not add up.
  public func report(overrides: [String] = []) throws(SettlementError) -> SimulationReport {
    let c = collector
    guard !c.overflowed else { throw SettlementError(.arithmeticOverflow, expected: "totals within 64-bit fen") }
    guard c.unbalancedClaims == 0 else {
      throw SettlementError(.invariantViolation, expected: "fund payments + out-of-pocket == total on every claim", found: "\(c.unbalancedClaims) claims")
    }
    let base = engines[0].table, reform = engines[1].table
    let parameters = SimulationReport.Parameters(
      thresholdAmount: options.thresholdAmount, thresholdIncomeShare: options.thresholdIncomeShare,
      histogramEdges: options.histogramEdges, year: options.year)
    let k = c.scenarios
    let baselineOOP = c.outOfPocket(0), reformOOP = c.outOfPocket(1)

    // Fund cost per layer, matched by id.
    func cost(_ scenario: Int, _ layer: Int) -> Int64 { c.layerCost[c.layerOffsets[scenario] + layer].value }
    var layers: [SimulationReport.LayerCost] = []
    for (i, l) in base.layers.enumerated() {
      let b = cost(0, i)
      let r = reform.layers.firstIndex { $0.id == l.id }.map { cost(1, $0) }
      layers.append(.init(id: l.id, name: l.name, cost: .init(baseline: Money(fen: b), reform: r.map { Money(fen: $0) }, difference: Money(fen: (r ?? 0) - b))))
    }
    for (i, l) in reform.layers.enumerated() where !base.layers.contains(where: { $0.id == l.id }) {
      let r = cost(1, i)
      layers.append(.init(id: l.id, name: l.name, cost: .init(baseline: nil, reform: Money(fen: r), difference: Money(fen: r))))
    }
    let fb = c.funds[0].value, fr = c.funds[1].value
    let funds = SimulationReport.FundCost(
      layers: layers, total: .init(baseline: Money(fen: fb), reform: Money(fen: fr), difference: Money(fen: fr - fb)),
      medicalCost: Money(fen: c.total.value), inPolicyCost: Money(fen: c.inPolicy.value))

    // Identity classes: table precedence order, then "ordinary".
    var classes: [SimulationReport.ClassComparison] = []
    var classChanges: [SimulationReport.ClassChange] = []
    for g in c.classes(identityCount: base.identities.count) {
      let (id, name) = g.identity >= 0 ? (base.identities[g.identity].id, base.identities[g.identity].name) : ("ordinary", "普通参保人")
      func outcome(_ values: [Int64]) -> SimulationReport.ClassOutcome {
        let mine = g.members.map { values[$0] }.sorted()
        var sum = CheckedSum()
        for v in mine { sum.add(v) }
        let funds = g.total.value - sum.value
        return .init(
          funds: Money(fen: funds), outOfPocket: Money(fen: sum.value), averageOutOfPocket: Money(fen: ExactRatio.mean(sum.value, mine.count)),
          medianOutOfPocket: Money(fen: mine[(mine.count + 1) / 2 - 1]),
          actualReimbursementRatio: ExactRatio.rate(funds, g.total.value), inPolicyReimbursementRatio: ExactRatio.rate(funds, g.inPolicy.value))
      }
      classes.append(.init(
        id: id, name: name, persons: g.members.count, claims: g.claims, totalCost: Money(fen: g.total.value),
        inPolicyCost: Money(fen: g.inPolicy.value), outcome: .init(baseline: outcome(baselineOOP), reform: outcome(reformOOP))))
      var net = CheckedSum()
      var w = 0, l = 0
      for p in g.members {
        let d = reformOOP[p] - baselineOOP[p]
        net.add(d)
        if d < 0 { w += 1 } else if d > 0 { l += 1 }
      }
      classChanges.append(.init(id: id, winners: w, losers: l, netChange: Money(fen: net.value)))
    }

    // Winners and losers.
    func change(_ deltas: [Int64]) -> SimulationReport.Change {
      var sum = CheckedSum()
      for d in deltas { sum.add(d) }
      let largest = deltas.max { abs($0) < abs($1) } ?? 0
      return .init(persons: deltas.count, total: Money(fen: sum.value), average: Money(fen: ExactRatio.mean(sum.value, deltas.count)), largest: Money(fen: largest))
    }
    let deltas = zip(reformOOP, baselineOOP).map { $0 - $1 }
    let winners = change(deltas.filter { $0 < 0 }), losers = change(deltas.filter { $0 > 0 })

    // Sweep.
    var sweepReport: SimulationReport.Sweep? = nil
    if let sweep, k > 2 {
      var points: [SimulationReport.SweepPoint] = []
      for (j, value) in sweep.values.enumerated() {
        let s = 2 + j
        let d = SimulationReport.Distribution.of(c.outOfPocket(s), incomes: c.personIncome, parameters: parameters)
        points.append(.init(
          value: value, fundCost: Money(fen: c.funds[s].value),
          layerCost: (0..<c.layerCounts[s]).map { Money(fen: cost(s, $0)) }, meanOutOfPocket: d.mean, p50: d.p50, p90: d.p90,
          overAmountShare: d.overAmount.share, overIncomeShare: d.overIncomeShare.share))
      }
      sweepReport = .init(key: sweep.key, layers: engines[2].table.layers.map(\.id), points: points)
    }

    func conserved(_ s: Int) -> Bool { c.funds[s].value + c.patient[s].value == c.total.value }
    return SimulationReport(
      baseline: .init(id: base.id, name: base.name), reform: .init(id: reform.id, name: reform.name), overrides: overrides,
      claims: c.claims, persons: c.persons, rejectedRows: stream.rejectedCount, parameters: parameters, funds: funds,
      identityClasses: classes,
      outOfPocket: .init(
        baseline: .of(baselineOOP, incomes: c.personIncome, parameters: parameters),
        reform: .of(reformOOP, incomes: c.personIncome, parameters: parameters)),
      winnersAndLosers: .init(winners: winners, losers: losers, unchanged: deltas.count { $0 == 0 }, byClass: classChanges),
      sweep: sweepReport, conservation: .init(baseline: conserved(0), reform: conserved(1)))
  }
}
