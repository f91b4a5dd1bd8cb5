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
}
