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
  @inlinable
  public func settle(_ claim: PreparedClaim, yearToDate: inout YearToDate) throws(SettlementError) -> Settlement {
    // Inlinable, so the result is built in the caller's frame (no copy out).
    var s = Settlement(claim: claim)
    try settle(claim, yearToDate: &yearToDate, into: &s)
    return s
  }

  /// Settles one prepared claim, recording every step in `trace`.
  ///
  /// The same code as ``settle(_:yearToDate:)``; with ``NoTrace`` the
  /// recording compiles away.
  public func settle<Trace: SettlementTrace>(
    _ claim: PreparedClaim, yearToDate: inout YearToDate, trace: inout Trace
  ) throws(SettlementError) -> Settlement {
    var s = Settlement(claim: claim)
    try settle(claim, yearToDate: &yearToDate, trace: &trace, into: &s)
    return s
  }

  /// ``settle(_:yearToDate:)`` without a trace, writing into `s`.
  @usableFromInline
  func settle(_ claim: PreparedClaim, yearToDate: inout YearToDate, into s: inout Settlement) throws(SettlementError) {
    var trace = NoTrace()
    try settle(claim, yearToDate: &yearToDate, trace: &trace, into: &s)
  }

  /// The settlement of one claim: the one implementation behind every entry
  /// point. Writes the outcome into `s`, which must be fresh from
  /// ``Settlement/init(claim:)`` (all layer slots zero); commits `ytd` only on
  /// success.
  @inline(__always)
  func settle<Trace: SettlementTrace>(
    _ claim: PreparedClaim, yearToDate ytd: inout YearToDate, trace: inout Trace, into s: inout Settlement
  ) throws(SettlementError) {
    if !isValid(claim) { throw invalid(claim) }
    if ytd.year != claim.year {
      guard ytd.year < claim.year else { throw laterYear(ytd.year, claim.year) }
      ytd.start(year: claim.year)
    }
    trace.record(.split(total: claim.total, fullyOwnPay: claim.fullyOwnPay, overLimit: claim.overLimit, payFirst: claim.payFirst, inPolicy: claim.inPolicy))

    let table = compiled
    // At most 8 layers (checked by `PolicyTable.validate()` before compiling),
    // so per-layer slots are indexed without bounds checks.
    let layerCount = table.layerCount
    s.layerCount = layerCount
    var running = RunningClaim(claim)
    running.admission = claim.kind == .inpatient ? ytd.admissions &+ 1 : ytd.admissions
    let inScope = table.layersInScope(of: claim, kindPlace: running.kind &* 4 &+ claim.place.index)

    for li in 0..<layerCount {
      let L = table.layers + li  // read field by field: the record is never copied
      let remaining = running.remaining
      let base = L.pointee.includesPayFirst ? remaining &+ running.payFirst : remaining
      // Every path below either computes the layer's payment before caps
      // (`raw`, with its base, deductible, rate, group and caps) or marks the
      // layer not applied and continues. Scope: one bit test; the reason only
      // for the trace.
      let (layerBase, deductible, rate, raw, group): (Int64, Int64, Rate, Int64, Int)
      var caps = CompiledCaps()
      guard inScope & (1 << UInt8(li)) != 0 else {
        trace.record(.skipped(layer: li, reason: L.pointee.skipReason(claim)))
        s.setNotApplied(li, base: base)
        continue
      }
      let kind = running.kind
      let hit = claim.identities & L.pointee.groupMask
      let selected = hit == 0 ? L.pointee.defaultGroup : table.identityGroups[L.pointee.identityGroupOffset &+ hit.trailingZeroBitCount]
      let paid = (ytd.layerPaid[unchecked: li &* 3], ytd.layerPaid[unchecked: li &* 3 &+ 1], ytd.layerPaid[unchecked: li &* 3 &+ 2])

      switch L.pointee.kind {
      case .basic:
        let cell = table.basicCells + (L.pointee.basicCellOffset &+ ((selected &* 3 &+ kind) &* levelCount &+ claim.level) &* 4 &+ claim.place.index)
        guard cell.pointee.applicable else {
          trace.record(.skipped(layer: li, reason: .noParameters))
          s.setNotApplied(li, base: base)
          continue
        }
        trace.record(.group(layer: li, group: selected, identity: selected == 0 ? -1 : hit.trailingZeroBitCount))
        let admission = running.admission
        var standard = admission >= cell.pointee.repeatFrom ? cell.pointee.repeatDeductible : cell.pointee.deductible
        if cell.pointee.yearlyDeductibleCap >= 0 {
          let left = cell.pointee.yearlyDeductibleCap &- ytd.basicDeductiblePaid
          standard = min(standard, max(left, 0))
        }
        let applied = min(remaining, standard)
        trace.record(.deductible(layer: li, standard: standard, applied: applied, admission: claim.kind == .inpatient ? admission : 0))
        let ratio = Rate(micros: claim.referred || claim.place == .inCounty ? cell.pointee.ratioReferred : cell.pointee.ratioUnreferred)
        guard let pay = ratio.apply(to: remaining &- applied, rounding: L.pointee.rounding) else { throw overflow(li) }
        trace.record(.rate(layer: li, amount: remaining &- applied, rate: ratio, result: pay))
        (layerBase, deductible, rate, raw, group) = (remaining, applied, ratio, pay, selected)
        caps = L.pointee.caps

      case .majorIllness, .assistance, .tilt:
        guard selected >= 0 else {
          trace.record(.skipped(layer: li, reason: .identity))
          s.setNotApplied(li, base: base)
          continue
        }
        let G = table.groups + (L.pointee.groupOffset &+ selected)
        trace.record(.group(layer: li, group: selected, identity: hit == 0 ? -1 : hit.trailingZeroBitCount))
        var groupBase = base
        if L.pointee.kind == .majorIllness && !L.pointee.includesBasicDeductible { groupBase = max(0, groupBase &- running.basicDeductible) }
        trace.record(.base(layer: li, base: groupBase))
        let perYear = L.pointee.perYear
        let before = perYear ? ytd.layerBase[unchecked: li] : 0
        let (after, o) = before.addingReportingOverflow(groupBase)
        if o { throw overflow(li) }
        let d = G.pointee.schedule.deductible
        guard let exactBefore = G.pointee.schedule.exact(at: before, in: table.segments, segment: { _, _, _ in }),
          let exactAfter = G.pointee.schedule.exact(at: after, in: table.segments, segment: { lo, hi, r in
            if perYear { trace.record(.segment(layer: li, from: lo, to: hi, rate: Rate(micros: r))) } })
        else { throw overflow(li) }
        let rounding = L.pointee.rounding
        let sBefore = exactBefore == 0 ? 0 : rounding.divide(exactBefore, by: Rate.scale)
        let sAfter = rounding.divide(exactAfter, by: Rate.scale)
        let firstRate = Rate(micros: G.pointee.schedule.firstRate)
        if perYear {
          trace.record(.cumulative(layer: li, before: before, after: after, scheduleBefore: sBefore, scheduleAfter: sAfter))
        } else {
          trace.record(.deductible(layer: li, standard: d, applied: min(d, groupBase), admission: running.admission))
          trace.record(.rate(layer: li, amount: max(groupBase &- d, 0), rate: firstRate, result: sAfter))
        }
        (layerBase, deductible, rate, raw, group) =
          (groupBase, min(max(d &- before, 0), groupBase), firstRate, min(max(sAfter &- sBefore, 0), groupBase), selected)
        caps = G.pointee.caps

      case .outOfPocketCeiling:
        let after = ytd.layerBase[unchecked: li] &+ base
        var allowed = L.pointee.ceilingAmount
        if L.pointee.ceilingShare >= 0 {
          guard let a = Rate(micros: L.pointee.ceilingShare).apply(to: ytd.inPolicyCost &+ claim.inPolicy, rounding: L.pointee.rounding)
          else { throw overflow(li) }
          allowed = a
        }
        let paidBefore = paid.0 &+ paid.1 &+ paid.2
        trace.record(.ceiling(layer: li, selfPayAfter: after, allowed: allowed, paidBefore: paidBefore))
        (layerBase, deductible, rate, raw, group) = (base, 0, Rate(micros: 1_000_000), min(max(after &- allowed &- paidBefore, 0), base), 0)

      case .topUp:
        let measure = L.pointee.includesPayFirst ? claim.inPolicy &+ claim.payFirst : claim.inPolicy
        let ratio = Rate(micros: L.pointee.targetRatio)
        guard let target = ratio.apply(to: measure, rounding: L.pointee.rounding) else { throw overflow(li) }
        trace.record(.target(layer: li, target: target, fundsBefore: running.funds))
        (layerBase, deductible, rate, raw, group) = (base, 0, ratio, min(max(target &- running.funds, 0), base), 0)
      }
      // Yearly caps (none for 兜底 and top-up: the room is unlimited).
      let room = caps.room(kind: kind, paid: paid)
      if raw > room { trace.record(.capped(layer: li, room: room, before: raw)) }
      let outcome = LayerOutcome(
        applied: true, base: layerBase, deductible: deductible, rate: rate, capRoom: room, amount: min(raw, room), group: group)
      s.outcomes[unchecked: li] = outcome
      trace.record(.paid(layer: li, amount: outcome.amount))
      running.pay(outcome.amount)
      if L.pointee.kind == .basic { running.basicDeductible = outcome.deductible }
    }

    if running.funds == 0 {
      var applied = false
      for li in 0..<layerCount where s.outcomes[unchecked: li].applied { applied = true }
      guard applied else { throw noApplicableLayer(claim) }
    }
    let patient = claim.total &- running.funds
    s.basicDeductible = running.basicDeductible
    s.fundTotal = running.funds
    s.patient = patient
    trace.record(.patient(amount: patient))
    #if DEBUG || SETTLEMENT_INTERNAL_CHECKS
      try s._checkInvariants()
    #endif

    // Commit the year-to-date counters.
    let kind = claim.kind.index
    for li in 0..<layerCount where s.outcomes[unchecked: li].applied {
      ytd.layerBase[unchecked: li] &+= s.outcomes[unchecked: li].base
      ytd.layerPaid[unchecked: li &* 3 &+ kind] &+= s.outcomes[unchecked: li].amount
    }
    if claim.kind == .inpatient { ytd.admissions &+= 1 }
    ytd.totalCost &+= claim.total
    ytd.inPolicyCost &+= claim.inPolicy
    ytd.basicDeductiblePaid &+= running.basicDeductible
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

/// What the layers settled so far have left of one claim.
struct RunningClaim {
  /// In-policy self-pay not yet paid by a fund.
  var remaining: Int64
  /// 先行自付 not yet paid by a fund.
  var payFirst: Int64
  /// Paid by the layers so far.
  var funds: Int64 = 0
  /// The basic layer's applied deductible (major illness may exclude it).
  var basicDeductible: Int64 = 0
  /// The admission number this claim counts as (inpatient: this year's + 1).
  var admission = 0
  /// The claim's kind index.
  let kind: Int

  @inline(__always)
  init(_ claim: PreparedClaim) {
    remaining = claim.inPolicy
    payFirst = claim.payFirst
    kind = claim.kind.index
  }

  /// A layer paid `amount`: first from the in-policy self-pay, then from 先行自付.
  @inline(__always)
  mutating func pay(_ amount: Int64) {
    funds &+= amount
    let fromRemaining = min(amount, remaining)
    remaining &-= fromRemaining
    payFirst &-= amount &- fromRemaining
  }
}
