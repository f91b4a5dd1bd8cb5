/// 基本医保 — deductible (repeat admissions, yearly deductible cap), then
/// the ratio of the claim's (group, kind, level, place) cell.
enum BasicStep: LayerRule {
  @inline(__always)
  static func payment<T: SettlementTrace>(
    _ engine: borrowing SettlementEngine, _ slot: LayerSlot, trace: inout T) throws(SettlementError) -> LayerPayment? {
    let (li, r, c) = (slot.layer, slot.running, slot.claim)
    let L = engine.compiled.layers + li
    let (selected, identity) = engine.group(L, c)
    let cell = engine.compiled.basicCells
      + (L.pointee.basicCellOffset &+ ((selected &* 3 &+ r.pointee.kind) &* engine.levelCount &+ c.pointee.level) &* 4 &+ c.pointee.place.index)
    guard cell.pointee.applicable else {
      trace.record(.skipped(layer: li, reason: .noParameters))
      return nil
    }
    trace.record(.group(layer: li, group: selected, identity: selected == 0 ? -1 : identity))
    let remaining = r.pointee.remaining
    let admission = r.pointee.admission
    var standard = admission >= cell.pointee.repeatFrom ? cell.pointee.repeatDeductible : cell.pointee.deductible
    if cell.pointee.yearlyDeductibleCap >= 0 {
      let left = cell.pointee.yearlyDeductibleCap &- r.pointee.before.pointee.basicDeductiblePaid
      standard = min(standard, max(left, 0))
    }
    let applied = min(remaining, standard)
    trace.record(.deductible(layer: li, standard: standard, applied: applied, admission: c.pointee.kind == .inpatient ? admission : 0))
    let ratio = Rate(micros: c.pointee.referred || c.pointee.place == .inCounty ? cell.pointee.ratioReferred : cell.pointee.ratioUnreferred)
    guard let pay = ratio.apply(to: remaining &- applied, rounding: L.pointee.rounding) else { throw engine.overflow(li) }
    trace.record(.rate(layer: li, amount: remaining &- applied, rate: ratio, result: pay))
    return LayerPayment(base: remaining, deductible: applied, rate: ratio, raw: pay, group: selected,
      room: L.pointee.caps.room(kind: r.pointee.kind, paid: r.pointee.paid(layer: li)))
  }
}
