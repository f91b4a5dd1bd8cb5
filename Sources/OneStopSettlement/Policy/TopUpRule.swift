/// 补足 — tops this claim's reimbursement up to a target ratio.
///
/// `target = round(in-policy × targetRatio)` (plus 先行自付 in the measure
/// when ``baseIncludesPayFirst``); the layer pays `target − funds so far`,
/// never below zero nor above what the patient still owes in scope.
/// 广西 ~2017: 商业健康保险 tops 建档立卡 up to 90 %.
///
/// Example: in-policy 10,000.00, funds so far 8,200.00, target 90 % →
/// `9000 − 8200 = 800.00`.
public struct TopUpRule: Sendable, Hashable, Codable {
  /// 目标报销比例 — the target share of in-policy cost paid by funds.
  public var targetRatio: Sourced<Rate>
  /// Whether 先行自付 is part of the measure and of the base.
  public var baseIncludesPayFirst: Bool

  /// Creates a rule.
  public init(targetRatio: Sourced<Rate>, baseIncludesPayFirst: Bool = false) {
    self.targetRatio = targetRatio; self.baseIncludesPayFirst = baseIncludesPayFirst
  }

  enum CodingKeys: String, CodingKey, CaseIterable { case targetRatio, baseIncludesPayFirst }

  /// Decodes the rule.
  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    targetRatio = try c.rate(.targetRatio)
    baseIncludesPayFirst = try c.decodeIfPresent(Bool.self, forKey: .baseIncludesPayFirst) ?? false
  }
}
