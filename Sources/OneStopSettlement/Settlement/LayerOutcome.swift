/// 分层结果 — what one layer did for one claim.
///
/// All amounts in fen. ``amount`` ≤ ``base`` always; a layer that does not
/// apply has ``applied`` `false` and pays nothing.
public struct LayerOutcome: Sendable, Hashable {
  /// Whether the layer applied to the claim.
  public var applied: Bool
  /// 计算基数 — this claim's base (in-policy amount for basic; the self-pay
  /// left for later layers), fen.
  public var base: Int64
  /// 起付线 — deductible applied to this claim, fen.
  public var deductible: Int64
  /// 比例 — the rate applied (first segment's for a segmented schedule).
  public var rate: Rate
  /// 本次可支付限额 — room left under the caps before this claim
  /// (`crt_payb_lmt_amt`), fen; `Int64.max` when uncapped.
  public var capRoom: Int64
  /// 基金支付 — what the layer pays (`fund_payamt`), fen.
  public var amount: Int64
  /// Parameter group used: identity override index or assistance class
  /// (`-1` none, `0` default for basic/major illness).
  public var group: Int

  /// A layer that did not apply to a claim with base `base`.
  @inlinable
  public static func notApplied(base: Int64) -> LayerOutcome {
    LayerOutcome(applied: false, base: base, deductible: 0, rate: Rate(micros: 0), capRoom: .max, amount: 0, group: -1)
  }

  /// Creates an outcome.
  @inlinable
  public init(applied: Bool, base: Int64, deductible: Int64, rate: Rate, capRoom: Int64, amount: Int64, group: Int) {
    self.applied = applied; self.base = base; self.deductible = deductible; self.rate = rate
    self.capRoom = capRoom; self.amount = amount; self.group = group
  }
}
