/// 保障层次 — the kinds of layer the engine knows, in settlement order.
///
/// A table lists its layers in the order they settle; the conventional order
/// (国办发〔2021〕42号 “三重制度” plus local layers) is:
///
/// 1. ``basic`` 基本医保 — per claim, deductible and ratio.
/// 2. ``majorIllness`` 大病保险 — yearly, incremental on the cumulative
///    in-policy self-pay left after basic.
/// 3. ``assistance`` 医疗救助 — per identity class, on what is left.
/// 4. ``tilt`` 倾斜救助/再救助 — a second round on what is still left.
/// 5. ``outOfPocketCeiling`` 兜底 — holds the year's in-policy self-pay at
///    or under a ceiling.
/// 6. ``topUp`` 补充保险 — tops reimbursement up to a target ratio.
///
/// Further local layers (疾病应急救助, 补充医疗保险 …) reuse these kinds with
/// their own fund codes.
public enum LayerKind: String, Sendable, Hashable, Codable, CaseIterable {
  /// 基本医疗保险 — basic medical insurance.
  case basic
  /// 大病保险 — major-illness insurance.
  case majorIllness
  /// 医疗救助 — medical assistance.
  case assistance
  /// 倾斜救助 / 再救助 — tilted or second-round assistance.
  case tilt
  /// 兜底 — out-of-pocket ceiling.
  case outOfPocketCeiling
  /// 补充/目标比例补足 — top-up to a target reimbursement ratio.
  case topUp

  /// The platform field this kind reports into unless the table says else.
  public var defaultPlatformField: PlatformField {
    switch self {
    case .basic: .hifpPay
    case .majorIllness: .hifmiPay
    case .assistance, .tilt: .mafPay
    case .outOfPocketCeiling, .topUp: .othPay
    }
  }
}

/// 结算字段 — the `setlinfo` money field a layer's payment is reported in.
///
/// | Swift name    | national field |
/// |---------------|----------------|
/// | `hifpPay`     | `hifp_pay`     |
/// | `hifmiPay`    | `hifmi_pay`    |
/// | `mafPay`      | `maf_pay`      |
/// | `hifesPay`    | `hifes_pay`    |
/// | `hifobPay`    | `hifob_pay`    |
/// | `cvlservPay`  | `cvlserv_pay`  |
/// | `othPay`      | `oth_pay`      |
public enum PlatformField: String, Sendable, Hashable, Codable, CaseIterable {
  /// 基本医疗保险统筹基金支出. The corresponding national field is `hifp_pay`.
  case hifpPay = "hifp_pay"
  /// 居民大病保险资金支出. The corresponding national field is `hifmi_pay`.
  case hifmiPay = "hifmi_pay"
  /// 医疗救助基金支出. The corresponding national field is `maf_pay`.
  case mafPay = "maf_pay"
  /// 企业补充医疗保险基金支出. The corresponding national field is `hifes_pay`.
  case hifesPay = "hifes_pay"
  /// 职工大额医疗费用补助基金支出. The corresponding national field is `hifob_pay`.
  case hifobPay = "hifob_pay"
  /// 公务员医疗补助资金支出. The corresponding national field is `cvlserv_pay`.
  case cvlservPay = "cvlserv_pay"
  /// 其他支出 (政府兜底, 补充保险 …). The corresponding national field is `oth_pay`.
  case othPay = "oth_pay"
}
