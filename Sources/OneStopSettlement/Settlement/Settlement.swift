/// 结算结果 — how one claim is split between the funds and the patient.
///
/// All amounts in integer fen. Invariants (checked by ``checkInvariants()``):
/// `fullyOwnPay + overLimit + payFirst + inPolicy == total`;
/// `Σ layers[i].amount + patient == total`; each layer `0 ≤ amount ≤ base`.
public struct Settlement: Sendable {
  /// 医疗费总额 `medfee_sumamt`.
  public var total: Int64
  /// 全自费 `fulamt_ownpay_amt`.
  public var fullyOwnPay: Int64
  /// 超限价自费 `overlmt_selfpay`.
  public var overLimit: Int64
  /// 先行自付 `preselfpay_amt`.
  public var payFirst: Int64
  /// 符合政策范围金额 `inscp_scp_amt`.
  public var inPolicy: Int64
  /// 实际支付起付线 `act_pay_dedc` (basic insurance).
  public var basicDeductible: Int64
  /// 基金支付总额 `fund_pay_sumamt` (without personal account).
  public var fundTotal: Int64
  /// 个人负担总金额 `psn_part_amt`.
  public var patient: Int64
  /// Number of layers (the table's).
  public var layerCount: Int
  /// Layer outcomes in table order; slots at or above ``layerCount`` are unused.
  @usableFromInline var outcomes: InlineArray<8, LayerOutcome>

  /// A claim's split with no layer applied yet (the engine fills it in).
  @inlinable
  init(claim: PreparedClaim) {
    total = claim.total; fullyOwnPay = claim.fullyOwnPay; overLimit = claim.overLimit
    payFirst = claim.payFirst; inPolicy = claim.inPolicy
    basicDeductible = 0; fundTotal = 0; patient = claim.total
    layerCount = 0
    // All-zero bytes (cheapest to write); the engine sets every slot below
    // `layerCount`, and `layer(_:)` never reads the others.
    outcomes = InlineArray(repeating: LayerOutcome(applied: false, base: 0, deductible: 0, rate: Rate(micros: 0), capRoom: 0, amount: 0, group: 0))
  }

  /// A claim's split for a table of `layerCount` layers, none applied.
  init(claim: PreparedClaim, layerCount: Int) {
    self.init(claim: claim)
    self.layerCount = layerCount
    for i in 0..<min(layerCount, 8) { setNotApplied(i, base: 0) }
  }

  /// Marks layer `i` not applied for a claim with base `base`: in a fresh
  /// (all-zero) slot only the fields `LayerOutcome.notApplied` sets non-zero.
  @inline(__always)
  mutating func setNotApplied(_ i: Int, base: Int64) {
    outcomes[unchecked: i].base = base
    outcomes[unchecked: i].capRoom = .max
    outcomes[unchecked: i].group = -1
  }

  /// The outcome of layer `i` (table order).
  public func layer(_ i: Int) -> LayerOutcome { i >= 0 && i < layerCount ? outcomes[i] : .notApplied(base: 0) }

  /// All layer outcomes in table order.
  public var layers: [LayerOutcome] { (0..<layerCount).map { outcomes[$0] } }
}
