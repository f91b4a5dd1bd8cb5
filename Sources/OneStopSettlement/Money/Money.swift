/// 金额 — an exact amount of money in integer fen (分), written as yuan.
///
/// Tables and claims write amounts in yuan, as a JSON number or string with
/// at most two decimals (`800`, `"15000.00"`, `7301.03`); inside the engine
/// every amount is `Int64` fen. Amounts are rendered back as yuan with
/// exactly two decimals (`"7301.03"`), as the national platform's `N16,2`
/// fields are.
///
///     let m = try Money(parsing: "7301.03")   // m.fen == 730_103
///     m.description                          // "7301.03"
public struct Money: Sendable, Hashable, Comparable, CustomStringConvertible {
  /// The largest amount a claim field may carry: 10^12 fen (10 billion yuan).
  public static let maximumFen: Int64 = 1_000_000_000_000

  /// The amount in fen.
  public var fen: Int64

  /// Creates an amount from fen.
  public init(fen: Int64) { self.fen = fen }

  /// Parses yuan text such as `"800"`, `"7301.03"` or `"-12.5"`.
  ///
  /// - Throws: ``SettlementError/Code/invalidNumber`` for anything that is
  ///   not a decimal with at most two places.
  public init(parsing yuan: String) throws(SettlementError) {
    self.fen = try DecimalText.scaled(yuan, decimals: 2)
  }

  /// Yuan with exactly two decimals: `730103` fen → `"7301.03"`.
  public var description: String { DecimalText.render(fen, decimals: 2, minimumDecimals: 2) }

  public static func < (a: Money, b: Money) -> Bool { a.fen < b.fen }
}

extension Money: Codable {
  /// Decodes yuan from a JSON number or string.
  public init(from decoder: any Decoder) throws {
    self.fen = try DecimalText.decodeScaled(from: decoder, decimals: 2)
  }
  /// Encodes as a yuan string with two decimals.
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.singleValueContainer()
    try c.encode(description)
  }
}
