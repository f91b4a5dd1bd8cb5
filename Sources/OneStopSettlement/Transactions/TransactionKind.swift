/// 交易 — what a platform result is the outcome of.
///
/// | case | 中文 | inpatient | outpatient |
/// |---|---|---|---|
/// | ``preSettle`` | 预结算 | 2303 | 2206 |
/// | ``settle`` | 结算 | 2304 | 2207 |
/// | ``reverse`` | 结算撤销 | 2305 | 2208 |
///
/// Pre-settlement and settlement compute the same amounts; only a
/// settlement's accumulator deltas are meant to be posted.
public enum TransactionKind: String, Sendable, Hashable, Codable, CaseIterable {
  /// 预结算 — a trial: same amounts, nothing to post.
  case preSettle = "presettle"
  /// 结算 — the settlement; post its accumulator deltas.
  case settle
  /// 结算撤销 — the exact negation of a settlement.
  case reverse

  /// The national transaction number for a claim of `kind`.
  public func infno(for kind: ClaimKind) -> String {
    let inpatient = kind == .inpatient
    switch self {
    case .preSettle: return inpatient ? "2303" : "2206"
    case .settle: return inpatient ? "2304" : "2207"
    case .reverse: return inpatient ? "2305" : "2208"
    }
  }
}
