/// 数量 — a fee line's quantity (`cnt`, `N16,4`), exact to four decimals.
///
/// Stored as ten-thousandths: `2.5` is `25_000`. Negative for a refund line
/// (“退单时数量填写负数”). Written in JSON as a number or string and
/// rendered with exactly four decimals (`"2.5000"`). Never `Double`.
///
///     let q = try Quantity(parsing: "-1.5")   // q.tenThousandths == -15_000
public struct Quantity: Sendable, Hashable, Comparable, CustomStringConvertible {
  /// The scale of ``tenThousandths``: one unit is `10_000`.
  public static let scale: Int64 = 10_000

  /// The quantity in ten-thousandths.
  public var tenThousandths: Int64

  /// Creates a quantity from ten-thousandths.
  public init(tenThousandths: Int64) { self.tenThousandths = tenThousandths }

  /// Parses decimal text with at most four places (`"3"`, `"-0.25"`).
  ///
  /// - Throws: ``SettlementError/Code/invalidNumber`` otherwise.
  public init(parsing text: String) throws(SettlementError) {
    tenThousandths = try DecimalText.scaled(text, decimals: 4)
  }

  /// `"2.5000"`: exactly four decimals, as `N16,4`.
  public var description: String { DecimalText.render(tenThousandths, decimals: 4, minimumDecimals: 4) }

  public static func < (a: Quantity, b: Quantity) -> Bool { a.tenThousandths < b.tenThousandths }
}

extension Quantity: Codable {
  /// Decodes a JSON number or string.
  public init(from decoder: any Decoder) throws {
    tenThousandths = try DecimalText.decodeScaled(from: decoder, decimals: 4)
  }
  /// Encodes as a string with four decimals.
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.singleValueContainer()
    try c.encode(description)
  }
}
