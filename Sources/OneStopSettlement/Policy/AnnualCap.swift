/// 年度最高支付限额 — a yearly cap on what a layer (or class) pays.
///
/// A cap may be shared between claim kinds: 宿迁 医疗救助 caps 门诊慢特病 and
/// 住院 together at 9万 and 普通门诊 at 1万 within 10万 overall, written as
/// three caps with their `claimKinds`. A claim is limited by every cap that
/// lists its kind; each cap counts what the layer paid this year for all the
/// kinds it lists.
public struct AnnualCap: Sendable, Hashable, Codable {
  /// 限额 — the yearly amount.
  public var amount: Sourced<Money>
  /// Claim kinds sharing this cap (`nil` = all kinds).
  public var claimKinds: [ClaimKind]?

  /// Creates a cap.
  public init(amount: Sourced<Money>, claimKinds: [ClaimKind]? = nil) {
    self.amount = amount; self.claimKinds = claimKinds
  }

  private enum CodingKeys: String, CodingKey, CaseIterable { case amount, claimKinds }

  /// Decodes a cap, rejecting unknown keys and negative amounts.
  public init(from decoder: any Decoder) throws {
    try decoder.rejectUnknownKeys(CodingKeys.names)
    let c = try decoder.container(keyedBy: CodingKeys.self)
    amount = try c.amount(.amount)
    claimKinds = try c.decodeIfPresent([ClaimKind].self, forKey: .claimKinds)
  }
}
