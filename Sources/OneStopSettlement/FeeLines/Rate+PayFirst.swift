extension Rate {
  /// Checks a 先行自付 ratio (`selfpay_prop`, `N5,4`): between 0 and 1 with
  /// at most four decimals.
  ///
  /// - Throws: ``SettlementError/Code/rateOutOfRange`` or
  ///   ``SettlementError/Code/invalidNumber`` at `path`.
  func checkPayFirstRatio(at path: String) throws(SettlementError) {
    guard micros >= 0, micros <= Rate.scale else {
      throw SettlementError(.rateOutOfRange, at: path, expected: "a ratio between 0 and 1", found: description)
    }
    guard micros % 100 == 0 else {
      throw SettlementError(.invalidNumber, at: path, expected: "a ratio with at most four decimals (N5,4)", found: description)
    }
  }

  /// 先行自付 — `allowed × self` (fen × millionths) rounded to the fen by
  /// `rounding`, without jumps on the remainder: the class mix of a visit is
  /// random, so which lines have a ratio is too.
  ///
  /// - Throws: ``LineFault/ratioOverflow`` when the product does not fit 64
  ///   bits (never for a checked line: its amount is within ±10¹² fen and
  ///   its ratio at most 1).
  @inline(__always)
  func payFirst(of allowed: Int64, rounding: RoundingRule) throws(LineFault) -> Int64 {
    let (scaled, overflow) = allowed.multipliedReportingOverflow(by: micros)
    if overflow { throw .ratioOverflow }
    return rounding.divideBranchFree(scaled, by: Rate.scale)
  }
}
