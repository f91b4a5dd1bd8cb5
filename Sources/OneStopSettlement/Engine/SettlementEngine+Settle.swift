/// Where one claim's layers keep their base and amount, by layer index,
/// until the accumulators are committed (stack memory).
typealias KeptLayers = (base: UnsafeMutablePointer<Int64>, amount: UnsafeMutablePointer<Int64>)

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
  /// (batches settle claim after claim with it); with ``NoTrace`` the recording
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

  /// The one-claim entry point, written into `s` (reset).
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
          try withClaimScratch { (scratch: UnsafeMutableRawPointer) throws(SettlementError) in
            try settleClaim(UnsafePointer(c), index: 0, CarriedYear.self, ytd, scratch, locate: false, trace: &trace, sink: &sink)
          }
        }
      }
    }
    #if DEBUG || SETTLEMENT_INTERNAL_CHECKS
      try s._checkInvariants()
    #endif
  }

  /// The settlement of one claim: the one implementation behind every
  /// entry point (batches call it claim after claim).
  ///
  /// The claim is checked, its accumulators picked (`ytd`, the person's;
  /// read as all zero under ``FreshYear``, or when the claim starts a new
  /// year) and the layers covering it found. Then the layers settle in the
  /// table's order, each with the rule of its kind; every step is recorded
  /// in `trace` in the order of the policy and every outcome goes to
  /// `sink`. The accumulators are committed only when the whole claim has
  /// settled; on an error nothing is committed.
  ///
  /// - Parameters:
  ///   - index: the claim's position in the caller's input and output.
  ///   - ytd: the person's accumulators (`nil` under ``FreshYear``).
  ///   - scratch: working memory from ``withClaimScratch(_:)``, reused
  ///     claim after claim.
  ///   - locate: prefix errors with `claims[index]` (batch callers).
  @inline(__always)
  func settleClaim<Year: YearStart, Trace: SettlementTrace, Sink: SettlementSink>(
    _ claim: UnsafePointer<PreparedClaim>, index c: Int, _ year: Year.Type, _ ytd: UnsafeMutablePointer<YearToDate>?,
    _ scratch: UnsafeMutableRawPointer, locate: Bool, trace: inout Trace, sink: inout Sink
  ) throws(SettlementError) {
    let table = compiled
    // The claim is read field by field through `claim`: never copied.
    if !isValid(claim) { throw located(invalid(claim.pointee), c, locate) }
    var before = UnsafePointer(table.zeroYearToDate)
    if !Year.isFresh, let ytd {
      let year = ytd.pointee.year
      if year == claim.pointee.year { before = UnsafePointer(ytd) }
      else if year > claim.pointee.year { throw located(laterYear(year, claim.pointee.year), c, locate) }
    }
    trace.record(.split(total: claim.pointee.total, fullyOwnPay: claim.pointee.fullyOwnPay, overLimit: claim.pointee.overLimit,
      payFirst: claim.pointee.payFirst, inPolicy: claim.pointee.inPolicy))
    // The working memory: each layer's base and amount, kept to commit the
    // accumulators (only applied layers are written and read), room for an
    // identity set's resolution when the set is beyond the table's dense
    // ones, and the claim's running state.
    let bases = scratch.bindMemory(to: Int64.self, capacity: 16), amounts = bases + 8
    let identity = table.identityResolution(
      of: claim, spare: (scratch + Self.spareOffset).bindMemory(to: IdentityResolution.self, capacity: 1))
    let r = (scratch + Self.runningOffset).bindMemory(to: RunningClaim.self, capacity: 1)
    r.initialize(to: RunningClaim(
      claim, before: before, identity: identity, inScope: table.layersInScope(of: claim, identity.pointee), Year.self))
    // The tier order is the table's (at most 8 layers, checked by
    // `PolicyTable.validate()` before compiling); each layer settles
    // with the rule of its kind.
    let kept = (base: bases, amount: amounts)
    if Trace.isRecording || Sink.reportsEveryLayer {
      for li in 0..<table.layerCount {
        try settleLayerOfItsKind(li, Year.self, claim, c, r, kept, locate: locate, trace: &trace, sink: &sink)
      }
    } else {
      // Nothing to report for a layer out of scope, or without a group
      // for the person's identities (the sink reads them as paying 0):
      // visit only the layers that can pay, in order.
      var active = r.pointee.inScope & identity.pointee.paying
      while active != 0 {
        let li = active.trailingZeroBitCount
        active &= active &- 1
        try settleLayerOfItsKind(li, Year.self, claim, c, r, kept, locate: locate, trace: &trace, sink: &sink)
      }
    }
    try finish(claim, c, r.pointee, Year.self, ytd, bases, amounts, locate: locate, trace: &trace, sink: &sink)
  }

  /// Calls `body` with a claim's working memory for ``settleClaim`` (on the
  /// stack, uninitialised; every claim writes what it reads).
  @inline(__always)
  func withClaimScratch<R>(_ body: (UnsafeMutableRawPointer) throws(SettlementError) -> R) throws(SettlementError) -> R {
    try withUnsafeTemporaryAllocation(byteCount: Self.scratchBytes, alignment: 8) {
      (scratch: UnsafeMutableRawBufferPointer) throws(SettlementError) -> R in
      guard let memory = scratch.baseAddress else {  // never: the size is not zero
        throw SettlementError(.invariantViolation, at: "claim", expected: "working memory for the layers")
      }
      return try body(memory)
    }
  }

  /// Where the spare identity resolution sits in a claim's working memory
  /// (after 8 bases and 8 amounts), where the running state sits (after
  /// it, 8-byte aligned), and the memory's size.
  static let spareOffset = 128
  static let runningOffset = (spareOffset + MemoryLayout<IdentityResolution>.stride + 7) & ~7
  static let scratchBytes = runningOffset + MemoryLayout<RunningClaim>.stride

  /// The end of one claim's settlement: the patient's share, the sink, and
  /// the commit of the accumulators (`bases`/`amounts`: each applied
  /// layer's base and amount).
  @inline(__always)
  func finish<Year: YearStart, Trace: SettlementTrace, Sink: SettlementSink>(
    _ claim: UnsafePointer<PreparedClaim>, _ c: Int, _ running: RunningClaim, _ year: Year.Type,
    _ ytd: UnsafeMutablePointer<YearToDate>?, _ bases: UnsafeMutablePointer<Int64>, _ amounts: UnsafeMutablePointer<Int64>,
    locate: Bool, trace: inout Trace, sink: inout Sink
  ) throws(SettlementError) {
    if running.applied == 0 { throw located(noApplicableLayer(claim.pointee), c, locate) }
    let patient = claim.pointee.total &- running.funds
    #if DEBUG || SETTLEMENT_INTERNAL_CHECKS
      try checkInvariants(running, total: claim.pointee.total, bases: bases, amounts: amounts)
    #endif
    sink.finish(c, basicDeductible: running.basicDeductible, funds: running.funds, patient: patient)
    trace.record(.patient(amount: patient))

    // The claim settled: commit the year-to-date counters.
    guard Year.commits, let ytd else { return }
    if ytd.pointee.year != claim.pointee.year { ytd.pointee.start(year: claim.pointee.year) }
    var applied = running.applied
    while applied != 0 {
      let li = applied.trailingZeroBitCount
      applied &= applied &- 1
      ytd.pointee.layerBase[unchecked: li] &+= bases[li]
      ytd.pointee.layerPaid[unchecked: li &* 3 &+ running.kind] &+= amounts[li]
    }
    if claim.pointee.kind == .inpatient { ytd.pointee.admissions &+= 1 }
    ytd.pointee.totalCost &+= claim.pointee.total
    ytd.pointee.inPolicyCost &+= claim.pointee.inPolicy
    ytd.pointee.basicDeductiblePaid &+= running.basicDeductible
  }

  /// Settles layer `li` for one claim with the rule of its kind.
  @inline(__always)
  func settleLayerOfItsKind<Year: YearStart, Trace: SettlementTrace, Sink: SettlementSink>(
    _ li: Int, _ year: Year.Type, _ claim: UnsafePointer<PreparedClaim>, _ c: Int, _ r: UnsafeMutablePointer<RunningClaim>,
    _ kept: KeptLayers, locate: Bool,
    trace: inout Trace, sink: inout Sink
  ) throws(SettlementError) {
    // Compares, not a jump table: the kinds alternate in the loop, and a
    // conditional branch is predicted better than an indirect jump.
    let kind = compiled.layers[li].kind
    if kind == .majorIllness {
      try settleLayer(ScheduleStep<Segments>.self, Year.self, li, claim, c, r, kept, locate: locate, trace: &trace, sink: &sink)
    } else if kind == .outOfPocketCeiling {
      try settleLayer(CeilingStep.self, Year.self, li, claim, c, r, kept, locate: locate, trace: &trace, sink: &sink)
    } else if kind == .topUp {
      try settleLayer(TopUpStep.self, Year.self, li, claim, c, r, kept, locate: locate, trace: &trace, sink: &sink)
    } else {  // basic, assistance, tilt
      try settleLayer(ScheduleStep<OneOpenSegment>.self, Year.self, li, claim, c, r, kept, locate: locate, trace: &trace, sink: &sink)
    }
  }

  /// Settles layer `li` for one claim: the scope test, then `payment` (the
  /// layer kind's rule: the payment before caps, or `nil` when the layer
  /// does not apply), then the yearly caps, the outcome and the running
  /// amounts. `kept` receives the layer's base and amount (carried years).
  @inline(__always)
  func settleLayer<Rule: LayerRule, Year: YearStart, Trace: SettlementTrace, Sink: SettlementSink>(
    _ rule: Rule.Type, _ year: Year.Type, _ li: Int, _ claim: UnsafePointer<PreparedClaim>, _ c: Int, _ r: UnsafeMutablePointer<RunningClaim>,
    _ kept: KeptLayers, locate: Bool,
    trace: inout Trace, sink: inout Sink
  ) throws(SettlementError) {
    let L = compiled.layers + li  // read field by field: the record is never copied
    let bit = UInt8(truncatingIfNeeded: 1 &<< li)  // li < 8
    let base = L.pointee.includesPayFirst ? r.pointee.remaining &+ r.pointee.payFirst : r.pointee.remaining
    // Only the loop over every layer visits layers out of scope.
    if Trace.isRecording || Sink.reportsEveryLayer, r.pointee.inScope & bit == 0 {
      trace.record(.skipped(layer: li, reason: L.pointee.skipReason(claim.pointee)))
      sink.notApplied(c, layer: li, base: base)
      return
    }
    let p: LayerPayment?
    do throws(SettlementError) {
      p = try Rule.payment(self, LayerSlot<Year>(layer: li, running: r, claim: claim, base: base), trace: &trace)
    } catch { throw located(error, c, locate) }
    guard let p else {
      sink.notApplied(c, layer: li, base: base)
      return
    }
    // Yearly caps (none for 兜底 and top-up: the room is unlimited).
    let room = p.room
    if p.raw > room { trace.record(.capped(layer: li, room: room, before: p.raw)) }
    let amount = min(p.raw, room)
    sink.applied(c, layer: li, LayerOutcome(
      applied: true, base: p.base, deductible: p.deductible, rate: p.rate, capRoom: room, amount: amount, group: p.group))
    trace.record(.paid(layer: li, amount: amount))
    // Kept for the commit, and for the invariant check in checked builds.
    #if DEBUG || SETTLEMENT_INTERNAL_CHECKS
      let keeps = true
    #else
      let keeps = Year.commits
    #endif
    if keeps {
      kept.base[li] = p.base
      kept.amount[li] = amount
    }
    r.pointee.applied |= bit
    r.pointee.pay(amount)
    if L.pointee.kind == .basic { r.pointee.basicDeductible = p.deductible }
  }

  /// The settlement invariants of one claim (debug and internal-check
  /// builds): every layer pays between 0 and its base, and the funds plus
  /// the patient share make the total.
  func checkInvariants(
    _ r: RunningClaim, total: Int64, bases: UnsafeMutablePointer<Int64>, amounts: UnsafeMutablePointer<Int64>
  ) throws(SettlementError) {
    var funds: Int64 = 0
    for li in 0..<layerCount where r.applied & (1 << UInt8(li)) != 0 {
      let amount = amounts[li], base = bases[li]
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
    // Every amount between 0 and 2⁴⁰ − 1 (one test of the five at once: a
    // negative one has the top bit set), the total at most the maximum
    // (below 2⁴⁰), and the parts (whose sum cannot overflow) adding up to
    // it: so each part is at most the maximum too.
    let (total, own, over, first, inPolicy) = (p.pointee.total, p.pointee.fullyOwnPay, p.pointee.overLimit, p.pointee.payFirst, p.pointee.inPolicy)
    return UInt(bitPattern: p.pointee.level) < UInt(bitPattern: levelCount)
      && UInt64(bitPattern: total | own | over | first | inPolicy) < Self.amountBound && total <= Money.maximumFen
      && own &+ over &+ first &+ inPolicy == total
  }

  /// A bound above every valid amount (``Money/maximumFen`` is below it)
  /// that is a power of two, so ``isValid(_:)`` tests five amounts at once.
  static let amountBound: UInt64 = 1 << 40

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
