/// 明细分割 — the four parts of a fee line (or a sum of lines), in fen.
///
/// `fullyOwnPay + overLimit + payFirst + inPolicy` is the line amount
/// (`det_item_fee_sumamt`). All four carry the sign of the line: negative on
/// a refund.
public struct LineParts: Sendable, Hashable {
  /// 全自费金额 — fully self-paid (`fulamt_ownpay_amt`), fen.
  public var fullyOwnPay: Int64
  /// 超限价金额 — above the price cap (`overlmt_amt`), fen.
  public var overLimit: Int64
  /// 先行自付金额 — the pay-first part (`preselfpay_amt`), fen.
  public var payFirst: Int64
  /// 符合政策范围金额 — in policy scope (`inscp_scp_amt`), fen.
  public var inPolicy: Int64

  /// Creates parts.
  public init(fullyOwnPay: Int64 = 0, overLimit: Int64 = 0, payFirst: Int64 = 0, inPolicy: Int64 = 0) {
    self.fullyOwnPay = fullyOwnPay; self.overLimit = overLimit; self.payFirst = payFirst; self.inPolicy = inPolicy
  }

  /// No parts.
  public static let zero = LineParts()

  /// The sum of the four parts, fen.
  public var sum: Int64 { fullyOwnPay &+ overLimit &+ payFirst &+ inPolicy }

  /// The parts combined field by field with `op` (sum, difference, negation).
  public func combined(with other: LineParts, _ op: (Int64, Int64) -> Int64) -> LineParts {
    LineParts(
      fullyOwnPay: op(fullyOwnPay, other.fullyOwnPay), overLimit: op(overLimit, other.overLimit),
      payFirst: op(payFirst, other.payFirst), inPolicy: op(inPolicy, other.inPolicy))
  }

  /// Adds `other`, or returns `nil` on overflow.
  func adding(_ other: LineParts) -> LineParts? {
    var overflow = false
    let s = combined(with: other) { a, b in
      let (r, o) = a.addingReportingOverflow(b)
      overflow = overflow || o
      return r
    }
    return overflow ? nil : s
  }

  /// The parts as claim amounts (`medfee_sumamt` = their sum).
  public var claimAmounts: ClaimAmounts {
    ClaimAmounts(
      total: Money(fen: sum), fullyOwnPay: Money(fen: fullyOwnPay), overLimit: Money(fen: overLimit),
      payFirst: Money(fen: payFirst), inPolicy: Money(fen: inPolicy))
  }
}
