/// 押金 — whether a claim's admission needs a deposit (先诊疗后付费), and why.
///
/// JSON: `{"deposit_required": false, "reason_code": "granted",
/// "grant": "inCounty", "reason": "免缴住院押金：…"}`. The patient's amount
/// due at discharge is the settlement's `psn_part_amt`.
public struct DepositDecision: Sendable, Hashable, Codable {
  /// 是否需缴押金.
  public var depositRequired: Bool
  /// Why, as a code.
  public var reason: Reason
  /// The grant that decided (or came closest), by id.
  public var grant: String?
  /// Why, as a sentence (Chinese).
  public var text: String

  /// Why a deposit is or is not required.
  public enum Reason: String, Sendable, Hashable, Codable, CaseIterable {
    /// A grant covers the claim: no deposit.
    case granted
    /// The region has no 先诊疗后付费 rule.
    case noRule
    /// The person holds no covered identity on the admission date.
    case noQualifyingIdentity
    /// The claim kind is not covered (e.g. outpatient).
    case claimKindNotCovered
    /// The place of treatment is not covered.
    case placeNotCovered
    /// Covered only with a referral, and the claim has none.
    case referralRequired
  }

  /// Creates a decision.
  public init(depositRequired: Bool, reason: Reason, grant: String?, text: String) {
    self.depositRequired = depositRequired; self.reason = reason; self.grant = grant; self.text = text
  }

  /// The region has no 先诊疗后付费 rule: a deposit is required.
  public static let noRule = DepositDecision(
    depositRequired: true, reason: .noRule, grant: nil, text: "本地区无先诊疗后付费规定，按规定缴纳住院押金")

  private enum CodingKeys: String, CodingKey {
    case depositRequired = "deposit_required", reason = "reason_code", grant, text = "reason"
  }
}
