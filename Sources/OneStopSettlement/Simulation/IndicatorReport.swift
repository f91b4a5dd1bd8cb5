public import Foundation

/// 监测指标 — the indicators the seed notices monitor, computed from a
/// claims file settled under one table.
///
/// Each indicator says how it is derived (``Share/derivation``), since the
/// notices name them without a formula.
public struct IndicatorReport: Sendable, Hashable, Codable {
  /// The table.
  public var table: SimulationReport.TableInfo
  /// Claims settled.
  public var claims: Int
  /// Persons.
  public var persons: Int
  /// Rows skipped as bad.
  public var rejectedRows: Int
  /// Identity ids counted as low-income (低收入人口).
  public var lowIncomeIdentities: [String]
  /// 县域内就诊率 — low-income inpatient admissions treated in county.
  public var countyInpatientRate: Share
  /// 先诊疗后付费 — admissions eligible for treatment before payment.
  public var treatBeforePay: Share
  /// 实际报销比例 by identity class, then all persons.
  public var reimbursementByIdentity: [ClassRatio]
  /// 救助对象政策范围内自付费用比例 — assistance recipients whose in-policy
  /// self-pay ratio is at or under the control target.
  public var assistanceSelfPay: SelfPayControl

  /// A share of a count.
  public struct Share: Sendable, Hashable, Codable {
    /// What is counted.
    public var count: Int
    /// Out of how many.
    public var of: Int
    /// `count ÷ of`.
    public var share: Rate
    /// How it is derived from the data.
    public var derivation: String
  }

  /// Reimbursement of one class.
  public struct ClassRatio: Sendable, Hashable, Codable {
    /// Identity id, `ordinary`, or `all`.
    public var id: String
    /// Display name.
    public var name: String
    /// Persons.
    public var persons: Int
    /// Claims.
    public var claims: Int
    /// Total medical cost.
    public var totalCost: Money
    /// Fund payments.
    public var funds: Money
    /// 实际报销比例 = funds ÷ total.
    public var actualReimbursementRatio: Rate
    /// 政策范围内报销比例 = funds ÷ in-policy cost.
    public var inPolicyReimbursementRatio: Rate
  }

  /// The self-pay control indicator.
  public struct SelfPayControl: Sendable, Hashable, Codable {
    /// The control target (e.g. 0.10).
    public var target: Rate
    /// Identity ids treated as assistance recipients (救助对象): those an
    /// assistance layer's classes list.
    public var identities: [String]
    /// Recipients with in-policy cost this year.
    public var recipients: Int
    /// Of those, with self-pay ratio ≤ target.
    public var underTarget: Int
    /// `underTarget ÷ recipients`.
    public var share: Rate
    /// Their in-policy self-pay ÷ their in-policy cost, all together.
    public var overallRatio: Rate
    /// How it is derived.
    public var derivation: String
  }

  /// The report as pretty JSON with sorted keys.
  public func encoded() -> Data { JSONOutput.encode(self) }

  /// The report as Markdown.
  public func markdown() -> String {
    typealias T = ReportText
    var s = "# Indicators 监测指标\n\n- Table: \(table.name) (`\(table.id)`)\n- Claims: \(claims); persons: \(persons)"
    s += rejectedRows > 0 ? "; rejected rows: \(rejectedRows)\n" : "\n"
    s += "- Low-income identities: " + lowIncomeIdentities.map { "`\($0)`" }.joined(separator: ", ") + "\n\n"
    s += "| Indicator | Value | Count | Of | Derivation |\n|---|---:|---:|---:|---|\n"
    for (name, x) in [("县域内就诊率 (low-income inpatients)", countyInpatientRate), ("先诊疗后付费 share of admissions", treatBeforePay)] {
      s += "| \(name) | \(T.percent(x.share)) | \(x.count) | \(x.of) | \(T.cell(x.derivation)) |\n"
    }
    let a = assistanceSelfPay
    s += "| 救助对象 in-policy self-pay ≤ \(T.percent(a.target)) | \(T.percent(a.share)) | \(a.underTarget) | \(a.recipients) | \(T.cell(a.derivation)) |\n\n"
    s += "Overall in-policy self-pay ratio of assistance recipients: \(T.percent(a.overallRatio)).\n\n"
    s += "## 实际报销比例 by identity\n\n| Class | Persons | Claims | Total cost | Funds | Actual ratio | In-policy ratio |\n|---|---:|---:|---:|---:|---:|---:|\n"
    for c in reimbursementByIdentity {
      s += "| \(T.cell(c.name)) (`\(c.id)`) | \(c.persons) | \(c.claims) | \(c.totalCost) | \(c.funds) | \(T.percent(c.actualReimbursementRatio)) | \(T.percent(c.inPolicyReimbursementRatio)) |\n"
    }
    return s
  }
}
