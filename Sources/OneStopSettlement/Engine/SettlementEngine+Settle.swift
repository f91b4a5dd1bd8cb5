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
  /// The same code as ``settle(_:yearToDate:)``; with ``NoTrace`` the
  /// recording compiles away.
  public func settle<Trace: SettlementTrace>(
    _ claim: PreparedClaim, yearToDate ytd: inout YearToDate, trace: inout Trace
  ) throws(SettlementError) -> Settlement {
    try check(claim)
    if ytd.year != claim.year {
      guard ytd.year < claim.year else {
        throw SettlementError(.invalidAccumulators, at: "yearToDate.year", expected: "the claim's year \(claim.year) or earlier", found: "\(ytd.year)")
      }
      ytd = YearToDate()
      ytd.year = claim.year
    }
    trace.record(.split(total: claim.total, fullyOwnPay: claim.fullyOwnPay, overLimit: claim.overLimit, payFirst: claim.payFirst, inPolicy: claim.inPolicy))

    var s = Settlement(claim: claim, layerCount: layers.count)
    let kind = claim.kind.index
    let kindBit = UInt8(1) << UInt8(kind)
    let placeBit = UInt8(1) << UInt8(claim.place.index)
    var remaining = claim.inPolicy  // in-policy self-pay not yet paid by a fund
    var payFirst = claim.payFirst  // 先行自付 not yet paid by a fund
    var funds: Int64 = 0
    let admission = claim.kind == .inpatient ? ytd.admissions &+ 1 : ytd.admissions
    var basicDeductible: Int64 = 0

    for li in 0..<layers.count {
      let L = layers[li]
      let base = L.includesPayFirst ? remaining &+ payFirst : remaining
      // Scope.
      var skip: TraceStep.SkipReason? = nil
      if L.kindMask & kindBit == 0 { skip = .claimKind }
      else if L.placeMask & placeBit == 0 { skip = .place }
      else if L.identityMask != 0 && L.identityMask & claim.identities == 0 { skip = .identity }
      else if L.requiresReferral && !claim.referred { skip = .referral }
      else if L.diseaseMask != 0 && L.diseaseMask & claim.diseaseLists == 0 { skip = .disease }
      else if L.requiresDesignatedHospital && !claim.designatedHospital { skip = .designatedHospital }
      var outcome = LayerOutcome.notApplied(base: base)
      if let reason = skip {
        trace.record(.skipped(layer: li, reason: reason))
        s.outcomes[li] = outcome
        continue
      }
      let hit = claim.identities & L.groupMask
      let group = hit == 0 ? L.defaultGroup : identityGroups[L.identityGroupOffset &+ hit.trailingZeroBitCount]
      let paid = (ytd.layerPaid[li &* 3], ytd.layerPaid[li &* 3 &+ 1], ytd.layerPaid[li &* 3 &+ 2])

      switch L.kind {
      case .basic:
        let cell = basicCells[L.basicCellOffset &+ ((group &* 3 &+ kind) &* levelCount &+ claim.level) &* 4 &+ claim.place.index]
        guard cell.applicable else {
          trace.record(.skipped(layer: li, reason: .noParameters))
          s.outcomes[li] = outcome
          continue
        }
        trace.record(.group(layer: li, group: group, identity: group == 0 ? -1 : hit.trailingZeroBitCount))
        var standard = admission >= cell.repeatFrom ? cell.repeatDeductible : cell.deductible
        if cell.yearlyDeductibleCap >= 0 {
          let left = cell.yearlyDeductibleCap &- ytd.basicDeductiblePaid
          standard = min(standard, max(left, 0))
        }
        let applied = min(remaining, standard)
        trace.record(.deductible(layer: li, standard: standard, applied: applied, admission: admission))
        let ratio = claim.referred || claim.place == .inCounty ? cell.ratioReferred : cell.ratioUnreferred
        guard let raw = Rate(micros: ratio).apply(to: remaining &- applied, rounding: L.rounding) else { throw overflow(li) }
        trace.record(.rate(layer: li, amount: remaining &- applied, rate: Rate(micros: ratio), result: raw))
        let room = L.caps.room(kind: kind, paid: paid)
        outcome = LayerOutcome(applied: true, base: remaining, deductible: applied, rate: Rate(micros: ratio), capRoom: room, amount: min(raw, room), group: group)
        if raw > room { trace.record(.capped(layer: li, room: room, before: raw)) }
        basicDeductible = applied
        s.basicDeductible = applied

      case .majorIllness, .assistance, .tilt:
        guard group >= 0 else {
          trace.record(.skipped(layer: li, reason: .identity))
          s.outcomes[li] = outcome
          continue
        }
        let G = groups[L.groupOffset &+ group]
        trace.record(.group(layer: li, group: group, identity: hit == 0 ? -1 : hit.trailingZeroBitCount))
        var layerBase = base
        if L.kind == .majorIllness && !L.includesBasicDeductible { layerBase = max(0, layerBase &- basicDeductible) }
        trace.record(.base(layer: li, base: layerBase))
        let before = L.perYear ? ytd.layerBase[li] : 0
        let (after, o) = before.addingReportingOverflow(layerBase)
        if o { throw overflow(li) }
        let d = G.schedule.deductible
        guard let exactBefore = G.schedule.exact(at: before, deductible: d, segment: { _, _, _ in }),
          let exactAfter = G.schedule.exact(at: after, deductible: d, segment: { lo, hi, r in
            if L.perYear { trace.record(.segment(layer: li, from: lo, to: hi, rate: Rate(micros: r))) } })
        else { throw overflow(li) }
        let sBefore = L.rounding.divide(exactBefore, by: Rate.scale)
        let sAfter = L.rounding.divide(exactAfter, by: Rate.scale)
        if L.perYear {
          trace.record(.cumulative(layer: li, before: before, after: after, scheduleBefore: sBefore, scheduleAfter: sAfter))
        } else {
          trace.record(.deductible(layer: li, standard: d, applied: min(d, layerBase), admission: admission))
          trace.record(.rate(layer: li, amount: max(layerBase &- d, 0), rate: Rate(micros: G.schedule.rates[0]), result: sAfter))
        }
        let raw = min(max(sAfter &- sBefore, 0), layerBase)
        let room = G.caps.room(kind: kind, paid: paid)
        let deductibleApplied = min(max(d &- before, 0), layerBase)
        outcome = LayerOutcome(applied: true, base: layerBase, deductible: deductibleApplied, rate: Rate(micros: G.schedule.rates[0]), capRoom: room, amount: min(raw, room), group: group)
        if raw > room { trace.record(.capped(layer: li, room: room, before: raw)) }

      case .outOfPocketCeiling:
        let before = ytd.layerBase[li]
        let after = before &+ base
        var allowed = L.ceilingAmount
        if L.ceilingShare >= 0 {
          guard let a = Rate(micros: L.ceilingShare).apply(to: ytd.inPolicyCost &+ claim.inPolicy, rounding: L.rounding) else { throw overflow(li) }
          allowed = a
        }
        let paidBefore = paid.0 &+ paid.1 &+ paid.2
        trace.record(.ceiling(layer: li, selfPayAfter: after, allowed: allowed, paidBefore: paidBefore))
        let raw = min(max(after &- allowed &- paidBefore, 0), base)
        outcome = LayerOutcome(applied: true, base: base, deductible: 0, rate: .one, capRoom: .max, amount: raw, group: 0)

      case .topUp:
        let measure = L.includesPayFirst ? claim.inPolicy &+ claim.payFirst : claim.inPolicy
        guard let target = Rate(micros: L.targetRatio).apply(to: measure, rounding: L.rounding) else { throw overflow(li) }
        trace.record(.target(layer: li, target: target, fundsBefore: funds))
        let raw = min(max(target &- funds, 0), base)
        outcome = LayerOutcome(applied: true, base: base, deductible: 0, rate: Rate(micros: L.targetRatio), capRoom: .max, amount: raw, group: 0)
      }

      trace.record(.paid(layer: li, amount: outcome.amount))
      s.outcomes[li] = outcome
      funds &+= outcome.amount
      let fromRemaining = min(outcome.amount, remaining)
      remaining &-= fromRemaining
      payFirst &-= outcome.amount &- fromRemaining
    }

    if funds == 0 {
      var applied = false
      for li in 0..<layers.count where s.outcomes[li].applied { applied = true }
      guard applied else {
        throw SettlementError(.noApplicableLayer, at: "claim",
          expected: "a layer of table \(table.id) covering a \(claim.kind.rawValue) claim at \(claim.place.rawValue)")
      }
    }
    s.fundTotal = funds
    s.patient = claim.total &- funds
    trace.record(.patient(amount: s.patient))
    try s._checkInvariants()

    // Commit the year-to-date counters.
    for li in 0..<layers.count where s.outcomes[li].applied {
      ytd.layerBase[li] &+= s.outcomes[li].base
      ytd.layerPaid[li &* 3 &+ kind] &+= s.outcomes[li].amount
    }
    if claim.kind == .inpatient { ytd.admissions &+= 1 }
    ytd.totalCost &+= claim.total
    ytd.inPolicyCost &+= claim.inPolicy
    ytd.basicDeductiblePaid &+= basicDeductible
    return s
  }

  /// Re-checks a prepared claim against this engine's table.
  @inline(__always)
  func check(_ c: PreparedClaim) throws(SettlementError) {
    guard c.level >= 0, c.level < levelCount else {
      throw SettlementError(.unknownCode, at: "hospitalLevel", expected: "a level index below \(levelCount)", found: "\(c.level)")
    }
    let m = Money.maximumFen
    guard c.total >= 0, c.total <= m, c.fullyOwnPay >= 0, c.overLimit >= 0, c.payFirst >= 0, c.inPolicy >= 0,
      c.fullyOwnPay <= m, c.overLimit <= m, c.payFirst <= m, c.inPolicy <= m
    else {
      throw SettlementError(.amountOutOfRange, at: "amounts", expected: "amounts between 0 and \(Money(fen: m)) yuan")
    }
    guard c.fullyOwnPay &+ c.overLimit &+ c.payFirst &+ c.inPolicy == c.total else {
      throw SettlementError(.inconsistentAmounts, at: "amounts", expected: "fulamt_ownpay_amt + overlmt_selfpay + preselfpay_amt + inscp_scp_amt == medfee_sumamt")
    }
  }

  private func overflow(_ layer: Int) -> SettlementError {
    SettlementError(.arithmeticOverflow, at: "layers[\(layer)]", expected: "amounts within 64-bit fen")
  }
}
