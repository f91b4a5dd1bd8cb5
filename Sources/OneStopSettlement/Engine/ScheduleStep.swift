/// 大病保险, 医疗救助, 倾斜救助 — the selected group's segmented schedule,
/// per claim or cumulative over the year (`S(after) − S(before)`).
enum ScheduleStep: LayerRule {
  @inline(__always)
  static func payment<T: SettlementTrace>(
    _ engine: borrowing SettlementEngine, _ slot: LayerSlot, trace: inout T) throws(SettlementError) -> LayerPayment? {
    let (li, r, c, base) = (slot.layer, slot.running, slot.claim, slot.base)
    let L = engine.compiled.layers + li
    let (selected, identity) = engine.group(L, c)
    guard selected >= 0 else {
      trace.record(.skipped(layer: li, reason: .identity))
      return nil
    }
    let G = engine.compiled.groups + (L.pointee.groupOffset &+ selected)
    trace.record(.group(layer: li, group: selected, identity: identity))
    var groupBase = base
    if L.pointee.kind == .majorIllness && !L.pointee.includesBasicDeductible { groupBase = max(0, groupBase &- r.pointee.basicDeductible) }
    trace.record(.base(layer: li, base: groupBase))
    let perYear = L.pointee.perYear
    let before = perYear ? r.pointee.before.pointee.layerBase[unchecked: li] : 0
    let (after, o) = before.addingReportingOverflow(groupBase)
    if o { throw engine.overflow(li) }
    let d = G.pointee.schedule.deductible
    guard let exactBefore = G.pointee.schedule.exact(at: before, in: engine.compiled.segments, segment: { _, _, _ in }),
      let exactAfter = G.pointee.schedule.exact(at: after, in: engine.compiled.segments, segment: { lo, hi, rt in
        if perYear { trace.record(.segment(layer: li, from: lo, to: hi, rate: Rate(micros: rt))) } })
    else { throw engine.overflow(li) }
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
    return LayerPayment(base: groupBase, deductible: min(max(d &- before, 0), groupBase), rate: firstRate,
      raw: min(max(sAfter &- sBefore, 0), groupBase), group: selected,
      room: G.pointee.caps.room(kind: r.pointee.kind, paid: r.pointee.paid(layer: li)))
  }
}
