/// 签约服务费分担 — a family-doctor contract fee split between its payers.
/// The lines add up to ``fee``.
public struct FamilyDoctorSplit: Sendable, Hashable, Codable {
  /// 签约服务费.
  public var fee: Money
  /// Who pays what, in the table's order.
  public var lines: [Line]
  /// 个人支付 — what the person pays.
  public var individual: Money
  /// The identity whose cover moved the individual share (`nil` = none).
  public var coveredAs: String?
  /// Where the fee comes from.
  public var feeProvenance: Provenance

  /// One payer's part.
  public struct Line: Sendable, Hashable, Codable {
    /// Who pays.
    public var payer: FamilyDoctorFee.Payer
    /// 名称.
    public var name: String
    /// 金额.
    public var amount: Money

    /// Creates a line.
    public init(payer: FamilyDoctorFee.Payer, name: String, amount: Money) { self.payer = payer; self.name = name; self.amount = amount }
  }

  /// Creates a split.
  public init(fee: Money, lines: [Line], individual: Money, coveredAs: String?, feeProvenance: Provenance) {
    self.fee = fee; self.lines = lines; self.individual = individual; self.coveredAs = coveredAs; self.feeProvenance = feeProvenance
  }
}
