/// 舍入点 — where a fee split rounds sub-fen amounts to the fen.
///
/// Two parts of a line can fall between fen: the over-cap part
/// `cnt × (pric − pric_uplmt_amt)` (`cnt` has four decimals, `pric` six) and
/// the pay-first part `allowed × selfpay_prop`.
///
/// - ``perLine``: each line's parts are rounded, and the claim's totals are
///   the sums of the rounded lines. The printed lines add up to the totals;
///   this is what a HIS that prints a 2301 split expects.
/// - ``onTotals``: the claim's totals are rounded once from the exact sums;
///   lines are still shown rounded, so the printed lines may not add up to
///   the totals. ``FeeSplit/drift`` reports the difference.
///
/// **Drift.** With `n` lines that carry a sub-fen part, the two points can
/// differ by up to `n / 2` fen per field (each line's rounding error is at
/// most half a fen under `halfUp`/`halfEven`, under one fen under
/// `towardZero`), in opposite directions for `overlmt` and `inscp`. Example:
/// three class-B lines of 0.05 yuan at 10 % pay-first give 0.005 yuan each:
/// per line `halfUp` rounds each to 0.01 (total 0.03); on totals 0.015 rounds
/// to 0.02. This is the HIS-versus-centre drift hospitals report (his-interface
/// §8.2, §8.7); choose the point the region's centre uses.
public enum RoundingPoint: String, Sendable, Hashable, Codable, CaseIterable {
  /// 逐条舍入 — round every line; totals are sums of lines.
  case perLine
  /// 汇总舍入 — round the totals once from exact sums.
  case onTotals
}
