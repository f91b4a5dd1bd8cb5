/// 兜底 — pays what the year's self-pay exceeds the ceiling by, less what
/// the layer already paid this year.
enum CeilingStep: LayerRule {
  @inline(__always)
  static func payment<Year: YearStart, T: SettlementTrace>(
    _ engine: borrowing SettlementEngine, _ slot: LayerSlot<Year>, trace: inout T) throws(SettlementError) -> LayerPayment? {
    let (li, c, base) = (slot.layer, slot.claim, slot.base)
    let L = engine.compiled.layers + li
    let after = slot.baseBefore &+ base
    var allowed = L.pointee.ceilingAmount
    if L.pointee.ceilingShare >= 0 {
      guard let a = Rate(micros: L.pointee.ceilingShare).apply(to: slot.inPolicyCostBefore &+ c.pointee.inPolicy, rounding: L.pointee.rounding)
      else { throw engine.overflow(li) }
      allowed = a
    }
    let paid = slot.paidBefore
    let paidBefore = paid.0 &+ paid.1 &+ paid.2
    trace.record(.ceiling(layer: li, selfPayAfter: after, allowed: allowed, paidBefore: paidBefore))
    return LayerPayment(base: base, deductible: 0, rate: Rate(micros: 1_000_000), raw: min(max(after &- allowed &- paidBefore, 0), base),
      group: 0, room: .max)
  }
}
