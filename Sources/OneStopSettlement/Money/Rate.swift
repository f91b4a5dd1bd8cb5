/// 比例 — an exact decimal rate with six decimal places (e.g. 0.655).
///
/// Stored as millionths (`micros`): 0.70 is `700_000`, 0.655 is `655_000`.
/// Tables write a rate as a JSON number or string (`0.7`, `"0.7000"`); more
/// than six decimal places is an error, never a silent rounding. Rates are
/// never `Double`.
///
///     let r = try Rate(parsing: "0.655")   // r.micros == 655_000
///     r.apply(to: 10_000, rounding: .halfUp)  // 6_550 fen
public struct Rate: Sendable, Hashable, Comparable, CustomStringConvertible {
  /// The scale of ``micros``: one whole (100 %) is `1_000_000`.
  public static let scale: Int64 = 1_000_000
  /// 0 %.
  public static let zero = Rate(micros: 0)
  /// 100 %.
  public static let one = Rate(micros: scale)

  /// The rate in millionths.
  public var micros: Int64

  /// Creates a rate from millionths (`700_000` is 70 %).
  @inlinable
  public init(micros: Int64) { self.micros = micros }

  /// Parses decimal text such as `"0.7"`, `"0.6550"` or `"1"`.
  ///
  /// - Throws: ``SettlementError/Code/invalidNumber`` when the text is not a
  ///   plain decimal or has more than six decimal places.
  public init(parsing text: String) throws(SettlementError) {
    self.micros = try DecimalText.scaled(text, decimals: 6)
  }

  /// The rate applied to an amount, rounded once by `rule`.
  ///
  /// - Returns: `round(amount × rate)` in fen, or `nil` on overflow.
  @inlinable @inline(__always)
  public func apply(to amount: Int64, rounding rule: RoundingRule) -> Int64? {
    let (p, o) = amount.multipliedReportingOverflow(by: micros)
    if o { return nil }
    return rule.divide(p, by: Rate.scale)
  }

  /// `0.7000`-style text with four decimals when exact, otherwise six.
  public var description: String { DecimalText.render(micros, decimals: 6, minimumDecimals: 4) }

  public static func < (a: Rate, b: Rate) -> Bool { a.micros < b.micros }
}

extension Rate: Codable {
  /// Decodes a JSON number or string.
  public init(from decoder: any Decoder) throws {
    self.micros = try DecimalText.decodeScaled(from: decoder, decimals: 6)
  }
  /// Encodes as a string with at least four decimals (`"0.7000"`).
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.singleValueContainer()
    try c.encode(description)
  }
}

/// 百分点 — a signed change of a rate in percentage points (`+5`, `-10`).
///
/// 5 points is `Rate(micros: 50_000)`. Used for 大病 “每段提高5个百分点” and
/// for the −X points of an unreferred or out-of-area admission.
public struct Points: Sendable, Hashable, Codable {
  /// The change in millionths of a whole (5 points = `50_000`).
  public var micros: Int64
  /// Creates a change from millionths.
  public init(micros: Int64) { self.micros = micros }
  /// Decodes a JSON number or string of points (`5`, `"-2.5"`).
  public init(from decoder: any Decoder) throws {
    // Points have four decimals of a point's 1/100 share: 5 → 50_000.
    self.micros = try DecimalText.decodeScaled(from: decoder, decimals: 4)
  }
  /// Encodes as points (`"5"`).
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.singleValueContainer()
    try c.encode(DecimalText.render(micros, decimals: 4, minimumDecimals: 0))
  }
}
