extension SettlementEngine {
  /// Settles one prepared claim and adds it to the year-to-date counters.
  ///
  /// Layers settle in table order. Each layer's base is what the patient
  /// still owes within policy scope (plus 先行自付 where the layer says so);
  /// its payment is rounded once by the layer's ``RoundingRule`` and then
  /// limited by its yearly caps and by its base. The patient pays
  /// `total − Σ layers`.
  ///
  /// `yearToDate` is updated only when the settlement succeeds.
  ///
  /// - Parameters:
  ///   - claim: a claim prepared by this engine.
  ///   - yearToDate: the person's accumulators for the claim's year.
  /// - Returns: the split, in fen.
  /// - Throws: ``SettlementError`` for amounts or indices out of range,
  ///   accumulators from a later year, no layer applying to the claim
  ///   (`.noApplicableLayer`), or arithmetic overflow.
  /// - Complexity: O(layers × segments); no allocation.
  public func settle(_ claim: PreparedClaim, yearToDate: inout YearToDate) throws(SettlementError) -> Settlement {
    var trace = NoTrace()
    return try settle(claim, yearToDate: &yearToDate, trace: &trace)
  }

  /// Settles one prepared claim, recording every step in `trace`.
  ///
  /// The same code as ``settle(_:yearToDate:)`` and the batch entry points
  /// (a single claim is a batch of one); with ``NoTrace`` the recording
  /// compiles away.
  public func settle<Trace: SettlementTrace>(
    _ claim: PreparedClaim, yearToDate: inout YearToDate, trace: inout Trace
  ) throws(SettlementError) -> Settlement {
    var s = Settlement(claim: claim)
    try settle(claim, yearToDate: &yearToDate, trace: &trace, into: &s)
    return s
  }

  /// ``settle(_:yearToDate:)`` writing into `s` in place (no copy of the
  /// result), for callers that settle claim after claim into one value.
  func settle(_ claim: PreparedClaim, yearToDate: inout YearToDate, into s: inout Settlement) throws(SettlementError) {
    var trace = NoTrace()
    try settle(claim, yearToDate: &yearToDate, trace: &trace, into: &s)
  }

  /// The one-claim entry point: a batch of one, written into `s` (reset).
  @inline(__always)
  func settle<Trace: SettlementTrace>(
    _ claim: PreparedClaim, yearToDate: inout YearToDate, trace: inout Trace, into s: inout Settlement
  ) throws(SettlementError) {
    s = Settlement(claim: claim)
    s.layerCount = layerCount
    var one = claim
    try withUnsafeMutablePointer(to: &one) { (c: UnsafeMutablePointer<PreparedClaim>) throws(SettlementError) in
      try withUnsafeMutablePointer(to: &yearToDate) { (ytd: UnsafeMutablePointer<YearToDate>) throws(SettlementError) in
        try withUnsafeMutablePointer(to: &s) { (out: UnsafeMutablePointer<Settlement>) throws(SettlementError) in
          var sink = SettlementRecordSink(settlement: out)
          try withSlots(1) { (w: SlotColumns) throws(SettlementError) in
            w.index[0] = 0
            w.yearToDate[0] = ytd
            try settleSlots(UnsafePointer(c), w, count: 1, locate: false, trace: &trace, sink: &sink)
          }
        }
      }
    }
    #if DEBUG || SETTLEMENT_INTERNAL_CHECKS
      try s._checkInvariants()
    #endif
  }

  /// Runs `body` with working columns for `slots` slots (on the stack when
  /// small; one allocation per batch otherwise, never per claim).
  @inline(__always)
  func withSlots(_ slots: Int, _ body: (SlotColumns) throws(SettlementError) -> Void) throws(SettlementError) {
    let bytes = SlotColumns.byteCount(slots: slots)
    var failure: SettlementError?
    withUnsafeTemporaryAllocation(byteCount: bytes, alignment: 16) { raw in
      do throws(SettlementError) {
        guard let base = raw.baseAddress else { return }
        try body(SlotColumns(base, slots: slots))
      } catch {
        failure = error
      }
    }
    if let failure { throw failure }
  }

  /// The settlement of up to ``SlotColumns/capacity`` claims of different
  /// persons: the one implementation behind every entry point.
  ///
  /// Before the call, slot `i` holds the claim's position in `claims`
  /// (`w.index[i]`) and its person's accumulators (`w.yearToDate[i]`, `nil`
  /// for fresh accumulators that are not kept). The layers settle one after
  /// the other, each over every slot, so a layer's parameters stay loaded
  /// while the claims pass through it; for one slot the steps are recorded
  /// in `trace` in the order of the policy. Outcomes go to `sink`. The
  /// accumulators are read before the batch and committed only when every
  /// claim of the batch has settled; on an error nothing is committed.
  ///
  /// - Parameter locate: prefix errors with `claims[i]` (batch callers).
  @inline(__always)
  func settleSlots<Trace: SettlementTrace, Sink: SettlementSink>(
    _ claims: UnsafePointer<PreparedClaim>, _ w: SlotColumns, count n: Int, locate: Bool,
    trace: inout Trace, sink: inout Sink
  ) throws(SettlementError) {
    let table = compiled
    let zero = UnsafePointer(table.zeroYearToDate)
    // At most 8 layers (checked by `PolicyTable.validate()` before compiling),
    // so per-layer slots are indexed without bounds checks.
    let layerCount = table.layerCount

    // Check each claim, pick the accumulators it reads, find its layers.
    for i in 0..<n {
      let c = w.index[i]
      let claim = claims + c  // read field by field: the claim is never copied
      if !isValid(claim) { throw located(invalid(claim.pointee), c, locate) }
      var before = zero
      if let ytd = w.yearToDate[i] {
        let year = ytd.pointee.year
        if year == claim.pointee.year { before = UnsafePointer(ytd) }
        else if year > claim.pointee.year { throw located(laterYear(year, claim.pointee.year), c, locate) }
      }
      trace.record(.split(total: claim.pointee.total, fullyOwnPay: claim.pointee.fullyOwnPay, overLimit: claim.pointee.overLimit,
        payFirst: claim.pointee.payFirst, inPolicy: claim.pointee.inPolicy))
      let inScope = table.layersInScope(of: claim)
      (w.running + i).initialize(to: RunningClaim(claim, index: c, before: before, inScope: inScope))
    }

    // The tier order is the table's; each layer passes over every slot with
    // the rule of its kind (one loop per kind, so the layer's parameters stay
    // in registers and the claim-varying branches are the policy's own).
    for li in 0..<layerCount {
      let L = table.layers + li  // read field by field: the record is never copied
      switch L.pointee.kind {
      case .basic:
        try eachSlot(BasicStep.self, li, claims, w, count: n, locate: locate, trace: &trace, sink: &sink)
      case .majorIllness, .assistance, .tilt:
        try eachSlot(ScheduleStep.self, li, claims, w, count: n, locate: locate, trace: &trace, sink: &sink)
      case .outOfPocketCeiling:
        try eachSlot(CeilingStep.self, li, claims, w, count: n, locate: locate, trace: &trace, sink: &sink)
      case .topUp:
        try eachSlot(TopUpStep.self, li, claims, w, count: n, locate: locate, trace: &trace, sink: &sink)
      }
    }

    for i in 0..<n {
      let r = w.running + i
      let claim = claims + r.pointee.index
      if r.pointee.applied == 0 { throw located(noApplicableLayer(claim.pointee), r.pointee.index, locate) }
      let patient = claim.pointee.total &- r.pointee.funds
      #if DEBUG || SETTLEMENT_INTERNAL_CHECKS
        try checkInvariants(r.pointee, total: claim.pointee.total, w, slot: i)
      #endif
      sink.finish(r.pointee.index, basicDeductible: r.pointee.basicDeductible, funds: r.pointee.funds, patient: patient)
      trace.record(.patient(amount: patient))
    }

    // Every claim settled: commit the year-to-date counters.
    for i in 0..<n {
      guard let ytd = w.yearToDate[i] else { continue }
      let r = w.running + i
      let claim = claims + r.pointee.index
      if ytd.pointee.year != claim.pointee.year { ytd.pointee.start(year: claim.pointee.year) }
      var applied = r.pointee.applied
      while applied != 0 {
        let li = applied.trailingZeroBitCount
        applied &= applied &- 1
        ytd.pointee.layerBase[unchecked: li] &+= w.base[li &* w.stride &+ i]
        ytd.pointee.layerPaid[unchecked: li &* 3 &+ r.pointee.kind] &+= w.amount[li &* w.stride &+ i]
      }
      if claim.pointee.kind == .inpatient { ytd.pointee.admissions &+= 1 }
      ytd.pointee.totalCost &+= claim.pointee.total
      ytd.pointee.inPolicyCost &+= claim.pointee.inPolicy
      ytd.pointee.basicDeductiblePaid &+= r.pointee.basicDeductible
    }
  }

  /// Passes layer `li` over slots `0..<n`: the scope test, then `payment`
  /// (the layer kind's rule: the payment before caps, or `nil` when the
  /// layer does not apply), then the yearly caps, the outcome and the
  /// running amounts.
  @inline(__always)
  func eachSlot<Rule: LayerRule, Trace: SettlementTrace, Sink: SettlementSink>(
    _ rule: Rule.Type, _ li: Int, _ claims: UnsafePointer<PreparedClaim>, _ w: SlotColumns, count n: Int, locate: Bool,
    trace: inout Trace, sink: inout Sink
  ) throws(SettlementError) {
    let L = compiled.layers + li
    let bit = UInt8(1) << UInt8(li)
    let row = li &* w.stride
    let includesPayFirst = L.pointee.includesPayFirst
    let isBasic = L.pointee.kind == .basic
    for i in 0..<n {
      let r = w.running + i
      let c = r.pointee.index
      let claim = claims + c
      let base = includesPayFirst ? r.pointee.remaining &+ r.pointee.payFirst : r.pointee.remaining
      guard r.pointee.inScope & bit != 0 else {
        trace.record(.skipped(layer: li, reason: L.pointee.skipReason(claim.pointee)))
        sink.notApplied(c, layer: li, base: base)
        continue
      }
      let p: LayerPayment?
      do throws(SettlementError) { p = try Rule.payment(self, LayerSlot(layer: li, running: r, claim: claim, base: base), trace: &trace) } catch { throw located(error, c, locate) }
      guard let p else {
        sink.notApplied(c, layer: li, base: base)
        continue
      }
      // Yearly caps (none for 兜底 and top-up: the room is unlimited).
      let room = p.room
      if p.raw > room { trace.record(.capped(layer: li, room: room, before: p.raw)) }
      let amount = min(p.raw, room)
      sink.applied(c, layer: li, LayerOutcome(
        applied: true, base: p.base, deductible: p.deductible, rate: p.rate, capRoom: room, amount: amount, group: p.group))
      trace.record(.paid(layer: li, amount: amount))
      w.base[row &+ i] = p.base
      w.amount[row &+ i] = amount
      r.pointee.applied |= bit
      r.pointee.pay(amount)
      if isBasic { r.pointee.basicDeductible = p.deductible }
    }
  }

  /// The parameter group layer `L` selects for `claim`: the first identity
  /// (in precedence order) the layer distinguishes, else its default
  /// (`-1`: none), and that identity's index (`-1`: default).
  @inline(__always)
  func group(_ L: UnsafeMutablePointer<CompiledLayer>, _ c: UnsafePointer<PreparedClaim>) -> (group: Int, identity: Int) {
    let hit = c.pointee.identities & L.pointee.groupMask
    if hit == 0 { return (L.pointee.defaultGroup, -1) }
    return (compiled.identityGroups[L.pointee.identityGroupOffset &+ hit.trailingZeroBitCount], hit.trailingZeroBitCount)
  }

  /// The settlement invariants for slot `i` (debug and internal-check builds):
  /// every layer pays between 0 and its base, and the funds plus the patient
  /// share make the total.
  func checkInvariants(_ r: RunningClaim, total: Int64, _ w: SlotColumns, slot i: Int) throws(SettlementError) {
    var funds: Int64 = 0
    for li in 0..<layerCount where r.applied & (1 << UInt8(li)) != 0 {
      let amount = w.amount[li * w.stride + i], base = w.base[li * w.stride + i]
      if amount < 0 || amount > base && amount > 0 {
        throw SettlementError(.invariantViolation, at: "layers[\(li)]", expected: "0 ≤ amount ≤ base", found: "\(amount) of \(base)")
      }
      funds += amount
    }
    if funds != r.funds || total - funds < 0 {
      throw SettlementError(.invariantViolation, expected: "fund_pay_sumamt + psn_part_amt == medfee_sumamt", found: "\(funds) vs \(total)")
    }
  }

  /// `error`, located under `claims[index]` for batch callers (off the hot path).
  @inline(never)
  func located(_ error: SettlementError, _ index: Int, _ locate: Bool) -> SettlementError {
    locate ? error.located(under: "claims[\(index)]") : error
  }

  /// Whether a prepared claim fits this engine's table and its amounts add up.
  @inline(__always)
  func isValid(_ p: UnsafePointer<PreparedClaim>) -> Bool {
    // As unsigned, a negative amount is above the maximum: one compare each.
    let m = UInt64(Money.maximumFen)
    let (total, own, over, first, inPolicy) = (p.pointee.total, p.pointee.fullyOwnPay, p.pointee.overLimit, p.pointee.payFirst, p.pointee.inPolicy)
    return UInt(bitPattern: p.pointee.level) < UInt(bitPattern: levelCount)
      && UInt64(bitPattern: total) <= m && UInt64(bitPattern: own) <= m && UInt64(bitPattern: over) <= m
      && UInt64(bitPattern: first) <= m && UInt64(bitPattern: inPolicy) <= m
      && own &+ over &+ first &+ inPolicy == total
  }

  /// Why ``isValid(_:)`` rejected `c` (off the hot path).
  @inline(never)
  private func invalid(_ c: PreparedClaim) -> SettlementError {
    guard c.level >= 0, c.level < levelCount else {
      return SettlementError(.unknownCode, at: "hospitalLevel", expected: "a level index below \(levelCount)", found: "\(c.level)")
    }
    let m = Money.maximumFen
    guard c.total >= 0, c.total <= m, c.fullyOwnPay >= 0, c.overLimit >= 0, c.payFirst >= 0, c.inPolicy >= 0,
      c.fullyOwnPay <= m, c.overLimit <= m, c.payFirst <= m, c.inPolicy <= m
    else {
      return SettlementError(.amountOutOfRange, at: "amounts", expected: "amounts between 0 and \(Money(fen: m)) yuan")
    }
    return SettlementError(.inconsistentAmounts, at: "amounts", expected: "fulamt_ownpay_amt + overlmt_selfpay + preselfpay_amt + inscp_scp_amt == medfee_sumamt")
  }

  /// No layer of the table covers the claim (off the hot path).
  @inline(never)
  private func noApplicableLayer(_ claim: PreparedClaim) -> SettlementError {
    SettlementError(.noApplicableLayer, at: "claim",
      expected: "a layer of table \(table.id) covering a \(claim.kind.rawValue) claim at \(claim.place.rawValue)")
  }

  /// Accumulators from a later year than the claim's (off the hot path).
  @inline(never)
  private func laterYear(_ year: Int, _ claimYear: Int) -> SettlementError {
    SettlementError(.invalidAccumulators, at: "yearToDate.year", expected: "the claim's year \(claimYear) or earlier", found: "\(year)")
  }

  @inline(never)
  func overflow(_ layer: Int) -> SettlementError {
    SettlementError(.arithmeticOverflow, at: "layers[\(layer)]", expected: "amounts within 64-bit fen")
  }
}
