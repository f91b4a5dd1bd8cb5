/// 基本医保, 大病保险, 医疗救助, 倾斜救助 — the claim's parameters (its
/// identity group's; for basic, its cell's), a deductible, then a segmented
/// schedule, per claim or cumulative over the year (`S(after) − S(before)`).
///
/// Basic insurance is the schedule with one open segment at the cell's
/// ratio (referred / unreferred), above the deductible after the repeat-
/// admission rule and the yearly deductible cap; its base is the in-policy
/// self-pay.
///
/// `Shape` says whether the kind's schedules are one open segment (basic,
/// assistance, tilt: one product) or segments to walk (major illness).
enum ScheduleStep<Shape: ScheduleShape>: LayerRule {
  @inline(__always)
  static func payment<Year: YearStart, T: SettlementTrace>(
    _ engine: borrowing SettlementEngine, _ slot: LayerSlot<Year>, trace: inout T) throws(SettlementError) -> LayerPayment? {
    let (li, r, c, base) = (slot.layer, slot.running, slot.claim, slot.base)
    let L = engine.compiled.layers + li
    let isBasic = L.pointee.kind == .basic
    if r.pointee.identity.pointee.paying & UInt8(truncatingIfNeeded: 1 &<< li) == 0 {  // li < 8
      trace.record(.skipped(layer: li, reason: .identity))
      return nil
    }
    // The group and the identity that selects it, for the record and the trace.
    let (selected, identity) = r.pointee.identity.pointee.group(li, L, engine.compiled.identityGroups)
    let S = engine.compiled.steps + (Int(r.pointee.identity.pointee.step[unchecked: li]) &+ (r.pointee.key & L.pointee.keyMask))
    guard S.pointee.applicable else {
      trace.record(.skipped(layer: li, reason: .noParameters))
      return nil
    }
    trace.record(.group(layer: li, group: selected, identity: identity))

    // 起付线: from the repeat admission on, the repeat deductible; at most
    // what the yearly deductible cap leaves (resolved in the step for the
    // person's first claim of the year).
    let admission = r.pointee.admission
    let d = Year.isFresh ? S.pointee.deductible : S.pointee.deductible(admission: admission, paidBefore: slot.basicDeductiblePaidBefore)
    var groupBase = base
    if !L.pointee.includesBasicDeductible { groupBase = max(0, groupBase &- r.pointee.basicDeductible) }
    if !isBasic { trace.record(.base(layer: li, base: groupBase)) }

    let perYear = L.pointee.perYear
    // A mask, not a jump: per-claim and per-year layers alternate in the loop.
    let before = slot.baseBefore & L.pointee.perYearMask
    let (after, o) = before.addingReportingOverflow(groupBase)
    if o { throw engine.overflow(li) }
    let segments = UnsafePointer(engine.compiled.segments + Int(S.pointee.firstSegment))
    let count = Int(S.pointee.segmentCount)
    guard let (exactBefore, exactAfter) = CompiledSegment.exact(at: before, and: after, above: d, segments, count: count,
      openRate: Shape.isOneOpenSegment ? S.pointee.openRate : nil, beforeIsZero: Year.isFresh, segment: { lo, hi, rt in if perYear { trace.record(.segment(layer: li, from: lo, to: hi, rate: Rate(micros: rt))) } })
    else { throw engine.overflow(li) }
    let rounding = L.pointee.rounding
    let sBefore = exactBefore == 0 ? 0 : rounding.fen(fromMillionths: exactBefore)
    let sAfter = rounding.fen(fromMillionths: exactAfter)
    let rate = Rate(micros: count > 0 ? segments[0].rate : 0)
    let applied = min(max(d &- before, 0), groupBase)
    if perYear {
      trace.record(.cumulative(layer: li, before: before, after: after, scheduleBefore: sBefore, scheduleAfter: sAfter))
    } else {
      trace.record(.deductible(layer: li, standard: d, applied: applied,
        admission: isBasic && c.pointee.kind != .inpatient ? 0 : admission))
      trace.record(.rate(layer: li, amount: groupBase &- applied, rate: rate, result: sAfter))
    }
    return LayerPayment(base: groupBase, deductible: applied, rate: rate, raw: min(max(sAfter &- sBefore, 0), groupBase),
      group: selected, room: Year.isFresh ? S.pointee.room : slot.room(engine.compiled, S))
  }
}
