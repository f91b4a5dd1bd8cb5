extension SettlementError.Code {
  /// A settlement cannot be reversed because later settlements used its
  /// accumulators (cf. the Hebei centre's 跨笔结算撤销 rules K1003/K1004):
  /// pass the later settlements so they can be re-settled.
  public static let accumulatorsConsumed = SettlementError.Code(rawValue: "accumulatorsConsumed")
}
