/// 兜底 — holds the year's in-policy self-pay at or under a ceiling.
///
/// After the layers above, the person's cumulative in-policy self-pay this
/// year is compared with the ceiling — a fixed amount (湖北 2018: 年度个人实际
/// 负担 ≤ 5,000) or a share of the year's in-policy cost (江阴: ≤ 10 %). The
/// layer pays whatever exceeds it, incrementally: `max(0, cumulative −
/// ceiling) − paid this year`, never more than this claim's base.
///
/// Example: ceiling 5,000.00; earlier self-pay 4,000.00, this claim leaves
/// 3,000.00 → pays `7000 − 5000 − 0 = 2,000.00`.
public struct OutOfPocketCeilingRule: Sendable, Hashable, Codable {
  /// 个人负担上限 — a fixed yearly amount.
  public var ceiling: Sourced<Money>?
  /// 个人负担比例上限 — a share of the year's in-policy cost.
  public var shareOfInPolicy: Sourced<Rate>?
  /// Whether 先行自付 counts as self-pay here.
  public var baseIncludesPayFirst: Bool

  /// Creates a rule with exactly one of `ceiling` or `shareOfInPolicy`.
  public init(ceiling: Sourced<Money>? = nil, shareOfInPolicy: Sourced<Rate>? = nil, baseIncludesPayFirst: Bool = false) {
    self.ceiling = ceiling; self.shareOfInPolicy = shareOfInPolicy; self.baseIncludesPayFirst = baseIncludesPayFirst
  }

  enum CodingKeys: String, CodingKey, CaseIterable { case ceiling, shareOfInPolicy, baseIncludesPayFirst }

  /// Decodes the rule; exactly one ceiling form must be given.
  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    ceiling = try c.amountIfPresent(.ceiling)
    shareOfInPolicy = try c.rateIfPresent(.shareOfInPolicy)
    baseIncludesPayFirst = try c.decodeIfPresent(Bool.self, forKey: .baseIncludesPayFirst) ?? false
    guard (ceiling == nil) != (shareOfInPolicy == nil) else {
      throw SettlementError(.invalidValue, at: decoder.path, expected: "exactly one of 'ceiling' or 'shareOfInPolicy'")
    }
  }
}

