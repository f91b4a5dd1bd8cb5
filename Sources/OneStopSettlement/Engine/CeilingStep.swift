/// 兜底 — pays what the year's self-pay exceeds the ceiling by, less what
/// the layer already paid this year.
enum CeilingStep: LayerRule {
  @inline(__always)
  static func payment<T: SettlementTrace>(
    _ engine: borrowing SettlementEngine, _ slot: LayerSlot, trace: inout T) throws(SettlementError) -> LayerPayment? {
    let (li, r, c, base) = (slot.layer, slot.running, slot.claim, slot.base)
    let L = engine.compiled.layers + li
    let ytd = r.pointee.before
    let after = ytd.pointee.layerBase[unchecked: li] &+ base
    var allowed = L.pointee.ceilingAmount
    if L.pointee.ceilingShare >= 0 {
      guard let a = Rate(micros: L.pointee.ceilingShare).apply(to: ytd.pointee.inPolicyCost &+ c.pointee.inPolicy, rounding: L.pointee.rounding)
      else { throw engine.overflow(li) }
      allowed = a
    }
    let paid = r.pointee.paid(layer: li)
    let paidBefore = paid.0 &+ paid.1 &+ paid.2
    trace.record(.ceiling(layer: li, selfPayAfter: after, allowed: allowed, paidBefore: paidBefore))
    return LayerPayment(base: base, deductible: 0, rate: Rate(micros: 1_000_000), raw: min(max(after &- allowed &- paidBefore, 0), base),
      group: 0, room: .max)
  }
}
