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
    return s
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
      let claim = claims[c]
      if !isValid(claim) { throw located(invalid(claim), c, locate) }
      var before = zero
      if let ytd = w.yearToDate[i] {
        let year = ytd.pointee.year
        if year == claim.year { before = UnsafePointer(ytd) }
        else if year > claim.year { throw located(laterYear(year, claim.year), c, locate) }
      }
      trace.record(.split(total: claim.total, fullyOwnPay: claim.fullyOwnPay, overLimit: claim.overLimit, payFirst: claim.payFirst, inPolicy: claim.inPolicy))
      let inScope = table.layersInScope(of: claim, kindPlace: claim.kind.index &* 4 &+ claim.place.index)
      (w.running + i).initialize(to: RunningClaim(claim, index: c, before: before, inScope: inScope))
    }

    for li in 0..<layerCount {
      let L = table.layers + li  // read field by field: the record is never copied
      let bit = UInt8(1) << UInt8(li)
      let row = li &* w.stride
      for i in 0..<n {
        let r = w.running + i
        let c = r.pointee.index
        let claim = claims[c]
        let ytd = r.pointee.before
        let remaining = r.pointee.remaining
        let base = L.pointee.includesPayFirst ? remaining &+ r.pointee.payFirst : remaining
        // Every path below either computes the layer's payment before caps
        // (`raw`, with its base, deductible, rate, group and caps) or marks the
        // layer not applied and continues. Scope: one bit test; the reason only
        // for the trace.
        let (layerBase, deductible, rate, raw, group): (Int64, Int64, Rate, Int64, Int)
        var caps = CompiledCaps()
        guard r.pointee.inScope & bit != 0 else {
          trace.record(.skipped(layer: li, reason: L.pointee.skipReason(claim)))
          sink.notApplied(c, layer: li, base: base)
          continue
        }
        let kind = r.pointee.kind
        let hit = claim.identities & L.pointee.groupMask
        let selected = hit == 0 ? L.pointee.defaultGroup : table.identityGroups[L.pointee.identityGroupOffset &+ hit.trailingZeroBitCount]
        let paid = (ytd.pointee.layerPaid[unchecked: li &* 3], ytd.pointee.layerPaid[unchecked: li &* 3 &+ 1], ytd.pointee.layerPaid[unchecked: li &* 3 &+ 2])

        switch L.pointee.kind {
        case .basic:
          let cell = table.basicCells + (L.pointee.basicCellOffset &+ ((selected &* 3 &+ kind) &* levelCount &+ claim.level) &* 4 &+ claim.place.index)
          guard cell.pointee.applicable else {
            trace.record(.skipped(layer: li, reason: .noParameters))
            sink.notApplied(c, layer: li, base: base)
            continue
          }
          trace.record(.group(layer: li, group: selected, identity: selected == 0 ? -1 : hit.trailingZeroBitCount))
          let admission = r.pointee.admission
          var standard = admission >= cell.pointee.repeatFrom ? cell.pointee.repeatDeductible : cell.pointee.deductible
          if cell.pointee.yearlyDeductibleCap >= 0 {
            let left = cell.pointee.yearlyDeductibleCap &- ytd.pointee.basicDeductiblePaid
            standard = min(standard, max(left, 0))
          }
          let applied = min(remaining, standard)
          trace.record(.deductible(layer: li, standard: standard, applied: applied, admission: claim.kind == .inpatient ? admission : 0))
          let ratio = Rate(micros: claim.referred || claim.place == .inCounty ? cell.pointee.ratioReferred : cell.pointee.ratioUnreferred)
          guard let pay = ratio.apply(to: remaining &- applied, rounding: L.pointee.rounding) else { throw located(overflow(li), c, locate) }
          trace.record(.rate(layer: li, amount: remaining &- applied, rate: ratio, result: pay))
          (layerBase, deductible, rate, raw, group) = (remaining, applied, ratio, pay, selected)
          caps = L.pointee.caps

        case .majorIllness, .assistance, .tilt:
          guard selected >= 0 else {
            trace.record(.skipped(layer: li, reason: .identity))
            sink.notApplied(c, layer: li, base: base)
            continue
          }
          let G = table.groups + (L.pointee.groupOffset &+ selected)
          trace.record(.group(layer: li, group: selected, identity: hit == 0 ? -1 : hit.trailingZeroBitCount))
          var groupBase = base
          if L.pointee.kind == .majorIllness && !L.pointee.includesBasicDeductible { groupBase = max(0, groupBase &- r.pointee.basicDeductible) }
          trace.record(.base(layer: li, base: groupBase))
          let perYear = L.pointee.perYear
          let before = perYear ? ytd.pointee.layerBase[unchecked: li] : 0
          let (after, o) = before.addingReportingOverflow(groupBase)
          if o { throw located(overflow(li), c, locate) }
          let d = G.pointee.schedule.deductible
          guard let exactBefore = G.pointee.schedule.exact(at: before, in: table.segments, segment: { _, _, _ in }),
            let exactAfter = G.pointee.schedule.exact(at: after, in: table.segments, segment: { lo, hi, rt in
              if perYear { trace.record(.segment(layer: li, from: lo, to: hi, rate: Rate(micros: rt))) } })
          else { throw located(overflow(li), c, locate) }
          let rounding = L.pointee.rounding
          let sBefore = exactBefore == 0 ? 0 : rounding.divide(exactBefore, by: Rate.scale)
          let sAfter = rounding.divide(exactAfter, by: Rate.scale)
          let firstRate = Rate(micros: G.pointee.schedule.firstRate)
          if perYear {
            trace.record(.cumulative(layer: li, before: before, after: after, scheduleBefore: sBefore, scheduleAfter: sAfter))
          } else {
            trace.record(.deductible(layer: li, standard: d, applied: min(d, groupBase), admission: r.pointee.admission))
            trace.record(.rate(layer: li, amount: max(groupBase &- d, 0), rate: firstRate, result: sAfter))
          }
          (layerBase, deductible, rate, raw, group) =
            (groupBase, min(max(d &- before, 0), groupBase), firstRate, min(max(sAfter &- sBefore, 0), groupBase), selected)
          caps = G.pointee.caps

        case .outOfPocketCeiling:
          let after = ytd.pointee.layerBase[unchecked: li] &+ base
          var allowed = L.pointee.ceilingAmount
          if L.pointee.ceilingShare >= 0 {
            guard let a = Rate(micros: L.pointee.ceilingShare).apply(to: ytd.pointee.inPolicyCost &+ claim.inPolicy, rounding: L.pointee.rounding)
            else { throw located(overflow(li), c, locate) }
            allowed = a
          }
          let paidBefore = paid.0 &+ paid.1 &+ paid.2
          trace.record(.ceiling(layer: li, selfPayAfter: after, allowed: allowed, paidBefore: paidBefore))
          (layerBase, deductible, rate, raw, group) = (base, 0, Rate(micros: 1_000_000), min(max(after &- allowed &- paidBefore, 0), base), 0)

        case .topUp:
          let measure = L.pointee.includesPayFirst ? claim.inPolicy &+ claim.payFirst : claim.inPolicy
          let ratio = Rate(micros: L.pointee.targetRatio)
          guard let target = ratio.apply(to: measure, rounding: L.pointee.rounding) else { throw located(overflow(li), c, locate) }
          trace.record(.target(layer: li, target: target, fundsBefore: r.pointee.funds))
          (layerBase, deductible, rate, raw, group) = (base, 0, ratio, min(max(target &- r.pointee.funds, 0), base), 0)
        }
        // Yearly caps (none for 兜底 and top-up: the room is unlimited).
        let room = caps.room(kind: kind, paid: paid)
        if raw > room { trace.record(.capped(layer: li, room: room, before: raw)) }
        let amount = min(raw, room)
        sink.applied(c, layer: li, LayerOutcome(
          applied: true, base: layerBase, deductible: deductible, rate: rate, capRoom: room, amount: amount, group: group))
        trace.record(.paid(layer: li, amount: amount))
        w.base[row &+ i] = layerBase
        w.amount[row &+ i] = amount
        r.pointee.applied |= bit
        r.pointee.pay(amount)
        if L.pointee.kind == .basic { r.pointee.basicDeductible = deductible }
      }
    }

    for i in 0..<n {
      let r = w.running[i]
      let claim = claims[r.index]
      if r.applied == 0 { throw located(noApplicableLayer(claim), r.index, locate) }
      let patient = claim.total &- r.funds
      #if DEBUG || SETTLEMENT_INTERNAL_CHECKS
        try checkInvariants(r, total: claim.total, w, slot: i)
      #endif
      sink.finish(r.index, basicDeductible: r.basicDeductible, funds: r.funds, patient: patient)
      trace.record(.patient(amount: patient))
    }

    // Every claim settled: commit the year-to-date counters.
    for i in 0..<n {
      guard let ytd = w.yearToDate[i] else { continue }
      let r = w.running[i]
      let claim = claims[r.index]
      if ytd.pointee.year != claim.year { ytd.pointee.start(year: claim.year) }
      var applied = r.applied
      while applied != 0 {
        let li = applied.trailingZeroBitCount
        applied &= applied &- 1
        ytd.pointee.layerBase[unchecked: li] &+= w.base[li &* w.stride &+ i]
        ytd.pointee.layerPaid[unchecked: li &* 3 &+ r.kind] &+= w.amount[li &* w.stride &+ i]
      }
      if claim.kind == .inpatient { ytd.pointee.admissions &+= 1 }
      ytd.pointee.totalCost &+= claim.total
      ytd.pointee.inPolicyCost &+= claim.inPolicy
      ytd.pointee.basicDeductiblePaid &+= r.basicDeductible
    }
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
  func isValid(_ c: PreparedClaim) -> Bool {
    // As unsigned, a negative amount is above the maximum: one compare each.
    let m = UInt64(Money.maximumFen)
    return UInt(bitPattern: c.level) < UInt(bitPattern: levelCount)
      && UInt64(bitPattern: c.total) <= m && UInt64(bitPattern: c.fullyOwnPay) <= m && UInt64(bitPattern: c.overLimit) <= m
      && UInt64(bitPattern: c.payFirst) <= m && UInt64(bitPattern: c.inPolicy) <= m
      && c.fullyOwnPay &+ c.overLimit &+ c.payFirst &+ c.inPolicy == c.total
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
  private func overflow(_ layer: Int) -> SettlementError {
    SettlementError(.arithmeticOverflow, at: "layers[\(layer)]", expected: "amounts within 64-bit fen")
  }
}
