/// 补足 — tops the funds up to a target share of the in-policy amount.
enum TopUpStep: LayerRule {
  @inline(__always)
  static func payment<Year: YearStart, T: SettlementTrace>(
    _ engine: borrowing SettlementEngine, _ slot: LayerSlot<Year>, trace: inout T) throws(SettlementError) -> LayerPayment? {
    let (li, r, c, base) = (slot.layer, slot.running, slot.claim, slot.base)
    let L = engine.compiled.layers + li
    let measure = L.pointee.includesPayFirst ? c.pointee.inPolicy &+ c.pointee.payFirst : c.pointee.inPolicy
    let ratio = Rate(micros: L.pointee.targetRatio)
    guard let target = ratio.apply(to: measure, rounding: L.pointee.rounding) else { throw engine.overflow(li) }
    trace.record(.target(layer: li, target: target, fundsBefore: r.pointee.funds))
    return LayerPayment(base: base, deductible: 0, rate: ratio, raw: min(max(target &- r.pointee.funds, 0), base), group: 0, room: .max)
  }
}
