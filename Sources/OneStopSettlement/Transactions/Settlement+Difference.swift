extension Settlement {
  /// This settlement minus `earlier`, field by field and layer by layer.
  ///
  /// The interim settlement (中途结算) of part *k* of a stay is
  /// `settle(parts 1…k) − settle(parts 1…k−1)`, both from the accumulators
  /// before the stay, so the parts add up to the whole stay exactly. A layer
  /// applies if it applied to either; its cap room is what was left after
  /// `earlier` paid.
  func subtracting(_ earlier: Settlement) -> Settlement {
    var d = self
    d.total &-= earlier.total
    d.fullyOwnPay &-= earlier.fullyOwnPay
    d.overLimit &-= earlier.overLimit
    d.payFirst &-= earlier.payFirst
    d.inPolicy &-= earlier.inPolicy
    d.basicDeductible &-= earlier.basicDeductible
    d.fundTotal &-= earlier.fundTotal
    d.patient &-= earlier.patient
    for i in 0..<layerCount {
      var o = outcomes[i]
      let e = earlier.outcomes[i]
      o.applied = o.applied || e.applied
      o.base &-= e.base
      o.deductible &-= e.deductible
      o.amount &-= e.amount
      if o.capRoom != .max { o.capRoom = max(0, o.capRoom &- e.amount) }
      d.outcomes[i] = o
    }
    return d
  }
}
