/// 比例 (接口) — a ratio as the platform writes it (`N5,4`): a string with
/// exactly four decimals, `"0.7000"`.
///
/// Holds the exact ``Rate``; only the rendering has four decimals. A rate
/// with more precision (a table may say `0.655` or `0.123456`) is shown
/// rounded half-up to four places; the settlement itself always uses the
/// exact rate.
public struct PlatformRatio: Sendable, Hashable, Codable, CustomStringConvertible {
  /// The exact rate.
  public var rate: Rate

  /// Wraps a rate.
  public init(_ rate: Rate) { self.rate = rate }

  /// `"0.7000"`.
  public var description: String {
    DecimalText.render(RoundingRule.halfUp.divide(rate.micros, by: 100), decimals: 4, minimumDecimals: 4)
  }

  /// Decodes a JSON number or string (up to six decimals).
  public init(from decoder: any Decoder) throws { rate = try Rate(from: decoder) }

  /// Encodes four decimals.
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.singleValueContainer()
    try c.encode(description)
  }
}
