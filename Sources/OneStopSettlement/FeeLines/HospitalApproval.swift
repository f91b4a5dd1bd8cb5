/// 医院审批标志 — the hospital's approval flag on a fee line (`hosp_appr_flag`).
///
/// How it combines with 限制使用 (`lmt_used_flag`), as the TeaHZ/185 `T2204`
/// transcription of the spec says:
///
/// | item restricted? | `0` | `1` | `2` |
/// |---|---|---|---|
/// | yes (`lmt_used_flag` 1) | self-paid | reimbursable | self-paid |
/// | no | normal | normal | self-paid |
///
/// A line without the flag is treated as `0`.
public enum HospitalApproval: String, Sendable, Hashable, CaseIterable, Codable {
  /// `0` — not approved (normal handling for unrestricted items).
  case none = "0"
  /// `1` — approved: a restricted item is reimbursable.
  case approved = "1"
  /// `2` — the patient pays the item in full.
  case selfPay = "2"

  /// Decodes `"0"`, `"1"`, `"2"` (string or number).
  public init(from decoder: any Decoder) throws {
    let text = try FlagText.decode(from: decoder)
    guard let a = HospitalApproval(rawValue: text) else {
      throw SettlementError(.invalidValue, at: decoder.path, expected: "an approval flag 0, 1 or 2", found: text)
    }
    self = a
  }

  /// Whether a line with this flag is wholly self-paid.
  public func selfPaid(restricted: Bool) -> Bool {
    switch self {
    case .none: restricted
    case .approved: false
    case .selfPay: true
    }
  }
}
