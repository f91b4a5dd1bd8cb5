/// 费用分割 — a claim's aggregated amounts, split four ways.
///
/// `medfee_sumamt = fulamt_ownpay_amt + overlmt_selfpay + preselfpay_amt +
/// inscp_scp_amt`. The in-policy amount may be omitted and is then derived;
/// when given, the split must add up to the fen.
///
///     { "medfee_sumamt": "10000.00", "fulamt_ownpay_amt": "100.00",
///       "overlmt_selfpay": "0", "preselfpay_amt": "100.00" }
///     // inscp_scp_amt derived: 9,800.00
public struct ClaimAmounts: Sendable, Hashable, Codable {
  /// 医疗费总额 — total (`medfee_sumamt`).
  public var total: Money
  /// 全自费 — fully self-paid, class 丙 / out of catalogue (`fulamt_ownpay_amt`).
  public var fullyOwnPay: Money
  /// 超限价自费 — above the price cap (`overlmt_selfpay`).
  public var overLimit: Money
  /// 先行自付 — pay-first part of class 乙 items (`preselfpay_amt`).
  public var payFirst: Money
  /// 政策范围内 — in-policy amount (`inscp_scp_amt`).
  public var inPolicy: Money

  /// Creates amounts, deriving the in-policy part.
  public init(total: Money, fullyOwnPay: Money = Money(fen: 0), overLimit: Money = Money(fen: 0), payFirst: Money = Money(fen: 0), inPolicy: Money? = nil) {
    self.total = total; self.fullyOwnPay = fullyOwnPay; self.overLimit = overLimit; self.payFirst = payFirst
    self.inPolicy = inPolicy ?? Money(fen: total.fen - fullyOwnPay.fen - overLimit.fen - payFirst.fen)
  }

  enum CodingKeys: String, CodingKey, CaseIterable {
    case total = "medfee_sumamt"
    case fullyOwnPay = "fulamt_ownpay_amt"
    case overLimit = "overlmt_selfpay"
    case payFirst = "preselfpay_amt"
    case inPolicy = "inscp_scp_amt"
  }

  /// Decodes amounts, checking ranges and that the split adds up.
  public init(from decoder: any Decoder) throws {
    try decoder.rejectUnknownKeys(CodingKeys.names)
    let c = try decoder.container(keyedBy: CodingKeys.self)
    func amount(_ k: CodingKeys, default d: Money?) throws -> Money {
      guard let m = try c.decodeIfPresent(Money.self, forKey: k) ?? d else {
        throw SettlementError(.missingField, at: decoder.path(k.rawValue), expected: "an amount")
      }
      try Check.amount(m, at: decoder.path(k.rawValue))
      return m
    }
    let zero = Money(fen: 0)
    total = try amount(.total, default: nil)
    fullyOwnPay = try amount(.fullyOwnPay, default: zero)
    overLimit = try amount(.overLimit, default: zero)
    payFirst = try amount(.payFirst, default: zero)
    let derived = Money(fen: total.fen - fullyOwnPay.fen - overLimit.fen - payFirst.fen)
    inPolicy = try amount(.inPolicy, default: derived.fen >= 0 ? derived : zero)
    try checkSplit(at: decoder.path)
  }

  /// Throws unless the four parts add up to the total.
  func checkSplit(at path: String) throws(SettlementError) {
    let sum = fullyOwnPay.fen + overLimit.fen + payFirst.fen + inPolicy.fen
    guard sum == total.fen else {
      throw SettlementError(.inconsistentAmounts, at: path,
        expected: "fulamt_ownpay_amt + overlmt_selfpay + preselfpay_amt + inscp_scp_amt == medfee_sumamt (\(total))",
        found: Money(fen: sum).description)
    }
  }
}
