/// 字段 — a column of a claims file (a key of a JSONL object).
///
/// Raw values are the canonical names used in headers and JSON keys; the
/// amount columns also accept the national platform's names
/// (`medfee_sumamt`, `fulamt_ownpay_amt`, `overlmt_selfpay`,
/// `preselfpay_amt`, `inscp_scp_amt`). See `docs/claims-file.md`.
public enum ClaimFileColumn: String, Sendable, Hashable, CaseIterable {
  /// 结算编号 — the caller's claim id (may be empty).
  case claimId = "claim_id"
  /// 人员编号 — the person id; a person's rows are contiguous, in date order.
  case personId = "person_id"
  /// 结算日期 — discharge or settlement date, `yyyy-MM-dd`.
  case date
  /// 就医类别 — `inpatient`, `outpatientChronic`, `generalOutpatient`.
  case kind
  /// 起付线医院等级 — hospital level code, mapped by the table.
  case hospitalLevel = "hospital_level"
  /// 就医地 — `inCounty`, `inCity`, `inProvince`, `outOfProvince`.
  case place
  /// 规范转诊 — `1`/`0`/`true`/`false`, empty = no.
  case referred
  /// 定点救治医院 — `1`/`0`/`true`/`false`, empty = no.
  case designatedHospital = "designated_hospital"
  /// 人员身份 — identity codes, `;`-separated, each `code` or `code@begin/end`.
  case identities
  /// 医疗费总额 — total, yuan.
  case total
  /// 全自费 — fully own-pay, yuan (empty = 0).
  case fullyOwnPay = "fully_own_pay"
  /// 超限价自费 — over the price limit, yuan (empty = 0).
  case overLimit = "over_limit"
  /// 先行自付 — pay-first share, yuan (empty = 0).
  case payFirst = "pay_first"
  /// 政策范围内 — in-policy amount, yuan (empty = derived).
  case inPolicy = "in_policy"
  /// 诊断 — ICD-10 codes, `;`-separated, main diagnosis first.
  case diagnoses
  /// 年收入 — the person's annual income, yuan (optional; same on every row).
  case income

  /// The canonical name.
  public var name: String { rawValue }

  /// Columns a file must have.
  public static let required: [ClaimFileColumn] = [.personId, .date, .kind, .hospitalLevel, .place, .total]

  /// The column named `name` (canonical or platform alias).
  public init?(name: String) {
    if let c = ClaimFileColumn(rawValue: name) { self = c; return }
    switch name {
    case "medfee_sumamt": self = .total
    case "fulamt_ownpay_amt": self = .fullyOwnPay
    case "overlmt_selfpay": self = .overLimit
    case "preselfpay_amt": self = .payFirst
    case "inscp_scp_amt": self = .inPolicy
    default: return nil
    }
  }

  /// Bit in a seen-columns mask.
  var bit: UInt32 {
    switch self {
    case .claimId: 1 << 0
    case .personId: 1 << 1
    case .date: 1 << 2
    case .kind: 1 << 3
    case .hospitalLevel: 1 << 4
    case .place: 1 << 5
    case .referred: 1 << 6
    case .designatedHospital: 1 << 7
    case .identities: 1 << 8
    case .total: 1 << 9
    case .fullyOwnPay: 1 << 10
    case .overLimit: 1 << 11
    case .payFirst: 1 << 12
    case .inPolicy: 1 << 13
    case .diagnoses: 1 << 14
    case .income: 1 << 15
    }
  }
}

/// 文件格式 — how claims and results are written.
public enum ClaimFileFormat: String, Sendable, Hashable, CaseIterable, Codable {
  /// Comma-separated values with a header line (RFC 4180 quoting).
  case csv
  /// One JSON object per line.
  case jsonl

  /// The format a file name suggests (`.jsonl`/`.ndjson` → JSONL, else CSV).
  public init(fileName: String) {
    let lower = fileName.lowercased()
    self = lower.hasSuffix(".jsonl") || lower.hasSuffix(".ndjson") ? .jsonl : .csv
  }
}
