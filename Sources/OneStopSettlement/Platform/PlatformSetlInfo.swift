/// 结算信息 — the `setlinfo` object of a 2206/2207 or 2303/2304 response,
/// under the platform's field names; amounts in yuan with two decimals,
/// `pool_prop_selfpay` with four.
///
/// Identities that hold to the fen:
/// - `medfee_sumamt = fulamt_ownpay_amt + overlmt_selfpay + preselfpay_amt + inscp_scp_amt`;
/// - `hifp_pay + cvlserv_pay + hifes_pay + hifmi_pay + hifob_pay + maf_pay + oth_pay + psn_part_amt = medfee_sumamt`;
/// - `psn_part_amt = acct_pay + psn_cash_pay`;
/// - `fund_pay_sumamt` is the sum of the funds, plus `acct_pay` when the
///   region's profile says so (``PlatformProfile/fundPaySumamtIncludesAcctPay``).
///
/// `hosp_part_amt`, `acct_mulaid_pay` and `hifdm_pay` are not produced: the
/// library does not model them.
public struct PlatformSetlInfo: Sendable, Hashable, Codable {
  /// 就诊ID.
  public var mdtrt_id: String
  /// 结算ID.
  public var setl_id: String
  /// 人员编号.
  public var psn_no: String
  /// 险种类型.
  public var insutype: String
  /// 人员类别.
  public var psn_type: String
  /// 医疗类别.
  public var med_type: String
  /// 中途结算标志 (`"0"`/`"1"`).
  public var mid_setl_flag: String
  /// 医疗费总额.
  public var medfee_sumamt: Money
  /// 全自费金额.
  public var fulamt_ownpay_amt: Money
  /// 超限价自费费用.
  public var overlmt_selfpay: Money
  /// 先行自付金额.
  public var preselfpay_amt: Money
  /// 符合政策范围金额.
  public var inscp_scp_amt: Money
  /// 实际支付起付线.
  public var act_pay_dedc: Money
  /// 基本医疗保险统筹基金支出.
  public var hifp_pay: Money
  /// 基本医疗保险统筹基金支付比例 (the fund's ratio, despite the name).
  public var pool_prop_selfpay: PlatformRatio
  /// 公务员医疗补助资金支出.
  public var cvlserv_pay: Money
  /// 企业补充医疗保险基金支出.
  public var hifes_pay: Money
  /// 居民大病保险资金支出.
  public var hifmi_pay: Money
  /// 职工大额医疗费用补助基金支出.
  public var hifob_pay: Money
  /// 医疗救助基金支出.
  public var maf_pay: Money
  /// 其他支出.
  public var oth_pay: Money
  /// 基金支付总额 (with or without `acct_pay`, by region).
  public var fund_pay_sumamt: Money
  /// 个人负担总金额.
  public var psn_part_amt: Money
  /// 个人账户支出.
  public var acct_pay: Money
  /// 个人现金支出.
  public var psn_cash_pay: Money
  /// 余额 — personal-account balance after this settlement (absent when the
  /// request gave none).
  public var balc: Money?
  /// 医药机构结算ID — the request's `msgid`.
  public var medins_setl_id: String?

  /// The money fields that are flows of this settlement (everything but
  /// `balc`), in `setlinfo` order; a reversal negates exactly these.
  public static var flows: [WritableKeyPath<PlatformSetlInfo, Money>] {
    [\.medfee_sumamt, \.fulamt_ownpay_amt, \.overlmt_selfpay, \.preselfpay_amt, \.inscp_scp_amt, \.act_pay_dedc,
     \.hifp_pay, \.cvlserv_pay, \.hifes_pay, \.hifmi_pay, \.hifob_pay, \.maf_pay, \.oth_pay, \.fund_pay_sumamt,
     \.psn_part_amt, \.acct_pay, \.psn_cash_pay]
  }
}
