/// 参保缴费 — a person's annual premium split into the subsidised and the
/// individual part. `subsidy + individual == premium`.
public struct PremiumSplit: Sendable, Hashable, Codable {
  /// 缴费年度 — contribution year.
  public var year: Int
  /// 个人缴费标准 — the full individual premium.
  public var premium: Money
  /// 资助金额 — paid by the medical-assistance (or other public) fund.
  public var subsidy: Money
  /// 个人实缴 — what the person pays.
  public var individual: Money
  /// 资助类别 — the class applied, by name (`nil` = none).
  public var subsidyClass: String?
  /// The identity that selected the class, by name.
  public var identity: String?
  /// Where the premium comes from.
  public var premiumProvenance: Provenance
  /// Where the subsidy comes from.
  public var subsidyProvenance: Provenance

  /// Creates a split.
  public init(
    year: Int, premium: Money, subsidy: Money, individual: Money, subsidyClass: String?, identity: String?,
    premiumProvenance: Provenance, subsidyProvenance: Provenance
  ) {
    self.year = year; self.premium = premium; self.subsidy = subsidy; self.individual = individual
    self.subsidyClass = subsidyClass; self.identity = identity
    self.premiumProvenance = premiumProvenance; self.subsidyProvenance = subsidyProvenance
  }
}
