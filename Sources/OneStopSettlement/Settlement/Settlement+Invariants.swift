extension Settlement {
  /// Checks the settlement invariants; returns the first violation.
  ///
  /// - Four-way split adds up to the total.
  /// - Fund payments plus patient share equal the total, to the fen.
  /// - Every layer pays between 0 and its base.
  /// - The patient share is not negative.
  public func checkInvariants() -> SettlementError? {
    if fullyOwnPay + overLimit + payFirst + inPolicy != total {
      return SettlementError(.invariantViolation, expected: "four-way split == medfee_sumamt")
    }
    var funds: Int64 = 0
    for i in 0..<layerCount {
      let o = outcomes[i]
      if o.amount < 0 || o.amount > o.base && o.amount > 0 {
        return SettlementError(.invariantViolation, at: "layers[\(i)]", expected: "0 ≤ amount ≤ base", found: "\(o.amount) of \(o.base)")
      }
      funds += o.amount
    }
    if funds != fundTotal || funds + patient != total || patient < 0 {
      return SettlementError(.invariantViolation, expected: "fund_pay_sumamt + psn_part_amt == medfee_sumamt", found: "\(funds) + \(patient) vs \(total)")
    }
    return nil
  }

  /// Runs ``checkInvariants()`` in debug builds or with
  /// `SETTLEMENT_INTERNAL_CHECKS`; compiles to nothing otherwise.
  @inline(__always)
  func _checkInvariants() throws(SettlementError) {
    #if DEBUG || SETTLEMENT_INTERNAL_CHECKS
      if let e = checkInvariants() { throw e }
    #endif
  }
}
