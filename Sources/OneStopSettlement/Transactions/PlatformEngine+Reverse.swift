extension PlatformEngine {
  /// 结算撤销 — reverses a settlement, re-settling the later ones that used
  /// its accumulators.
  ///
  /// The prior settlement is negated exactly (``PlatformResult/reversal()``).
  /// Its accumulators are checked: `currentAccumulators` (the person's 5206
  /// state now, `nil` = the state after `prior`) must equal the state after
  /// the last settlement in `[prior] + later`, and each later settlement must
  /// have started from the state the one before it left. Then each later
  /// settlement is reversed and its request settled again from the corrected
  /// accumulators (a new settlement naming the old in `init_setl_id`).
  ///
  /// - Throws: `.accumulatorsConsumed` naming `cuminfo` when later
  ///   settlements used the prior's accumulators and were not passed, or
  ///   `later[i]` when the chain does not join; `.invalidValue` for a prior
  ///   that is not a settlement, or a later one of another year or person,
  ///   or an interim part (reverse a stay's parts from the last).
  public func reverse(
    _ prior: PlatformResult, currentAccumulators: [CumInfo]? = nil, later: [ReversalRequest.LaterSettlement] = []
  ) throws(SettlementError) -> PlatformReversal {
    try PlatformReversal.reversing(prior, currentAccumulators: currentAccumulators, later: later) { r throws(SettlementError) in
      try settle(r)
    }
  }
}

extension PlatformReversal {
  /// Reverses `prior` without an engine: possible when no later settlement
  /// has to be re-settled.
  ///
  /// - Throws: as ``PlatformEngine/reverse(_:currentAccumulators:later:)``.
  public static func reversing(_ prior: PlatformResult, currentAccumulators: [CumInfo]? = nil) throws(SettlementError) -> PlatformReversal {
    try reversing(prior, currentAccumulators: currentAccumulators, later: [], settle: nil)
  }

  static func reversing(
    _ prior: PlatformResult, currentAccumulators: [CumInfo]?, later: [ReversalRequest.LaterSettlement],
    settle: ((PlatformRequest) throws(SettlementError) -> PlatformResult)?
  ) throws(SettlementError) -> PlatformReversal {
    let reversal = try prior.reversal()
    let year = prior.dischargeDate.year
    let insutype = prior.setlinfo.insutype
    var expected = AccumulatorState(prior.accumulatorsAfter)
    for (i, l) in later.enumerated() {
      let at = "later[\(i)]"
      guard l.result.transaction == .settle, l.result.setlinfo.psn_no == prior.setlinfo.psn_no,
        l.result.setlinfo.insutype == insutype, l.request.dischargeDate.year == year
      else {
        throw SettlementError(.invalidValue, at: at, expected: "a settlement of person \(prior.setlinfo.psn_no), insutype \(insutype), year \(year)")
      }
      guard l.request.priorLines.isEmpty else {
        throw SettlementError(.invalidValue, at: "\(at).request.prior_feedetail",
          expected: "a settlement that is not an interim part (reverse a stay's parts from the last one)")
      }
      try expected.check(equals: AccumulatorState(l.result.accumulatorsBefore), at: at,
        what: "accumulators before \(l.result.settlementId) equal to those after the settlement before it")
      expected = AccumulatorState(l.result.accumulatorsAfter)
    }
    if let current = currentAccumulators {
      let now = AccumulatorState(current.filter { $0.year == year && $0.insutype == insutype })
      try expected.check(equals: now, at: "cuminfo",
        what: later.isEmpty
          ? "the accumulators after \(prior.settlementId): later settlements used them; pass them in 'later' to re-settle"
          : "the accumulators after the last settlement in 'later'; pass every later settlement")
    }
    var running = prior.accumulatorsBefore
    var net = reversal.accumulatorDeltas
    var redone: [PlatformReversal.Resettlement] = []
    for (i, l) in later.enumerated() {
      guard let settle else {
        throw SettlementError(.invalidValue, at: "later[\(i)]", expected: "a policy table and profile to re-settle later settlements")
      }
      var request = l.request
      request.accumulators = l.request.accumulators.filter { $0.year != year || $0.insutype != insutype } + running
      var again = try settle(request)
      again.originalSettlementId = l.result.settlementId
      let undo = try l.result.reversal()
      net += undo.accumulatorDeltas + again.accumulatorDeltas
      running = again.accumulatorsAfter
      redone.append(.init(reversal: undo, settlement: again))
    }
    return PlatformReversal(reversal: reversal, resettled: redone, accumulatorDeltas: AccumulatorState.sum(net))
  }
}

/// Accumulator values by `cum_type_code`, for comparing states.
struct AccumulatorState: Equatable {
  var values: [String: Int64]

  init(_ rows: [CumInfo]) {
    values = Dictionary(rows.map { ($0.code, $0.cum.fen) }, uniquingKeysWith: &+)
  }

  /// Throws `.accumulatorsConsumed` at `path` unless every code of `self`
  /// has the same value in `other`.
  func check(equals other: AccumulatorState, at path: String, what: String) throws(SettlementError) {
    for (code, v) in values.sorted(by: { $0.key < $1.key }) where other.values[code, default: 0] != v {
      throw SettlementError(.accumulatorsConsumed, at: path, expected: what,
        found: "\(code) \(Money(fen: other.values[code, default: 0])) instead of \(Money(fen: v))")
    }
  }

  /// Rows added by code (first row's year, month and insutype), sorted by code.
  static func sum(_ rows: [CumInfo]) -> [CumInfo] {
    var out: [String: CumInfo] = [:]
    for r in rows {
      if var s = out[r.code] { s.cum = Money(fen: s.cum.fen &+ r.cum.fen); out[r.code] = s } else { out[r.code] = r }
    }
    return out.values.sorted { $0.code < $1.code }
  }
}
