/// 单价 — a unit price or price cap (`pric`, `pric_uplmt_amt`, `N16,6`),
/// exact to six decimals of a yuan.
///
/// Stored in micro-yuan: `12.345678` is `12_345_678`. Written in JSON as a
/// number or string and rendered with exactly six decimals. Never `Double`.
///
///     let p = try UnitPrice(parsing: "0.0325")   // p.microYuan == 32_500
public struct UnitPrice: Sendable, Hashable, Comparable, CustomStringConvertible {
  /// The scale of ``microYuan``: one yuan is `1_000_000`.
  public static let scale: Int64 = 1_000_000

  /// The price in millionths of a yuan.
  public var microYuan: Int64

  /// Creates a price from micro-yuan.
  public init(microYuan: Int64) { self.microYuan = microYuan }

  /// Parses yuan text with at most six places (`"3"`, `"12.345678"`).
  ///
  /// - Throws: ``SettlementError/Code/invalidNumber`` otherwise.
  public init(parsing text: String) throws(SettlementError) {
    microYuan = try DecimalText.scaled(text, decimals: 6)
  }

  /// `"12.500000"`: exactly six decimals, as `N16,6`.
  public var description: String { DecimalText.render(microYuan, decimals: 6, minimumDecimals: 6) }

  public static func < (a: UnitPrice, b: UnitPrice) -> Bool { a.microYuan < b.microYuan }
}

extension UnitPrice: Codable {
  /// Decodes a JSON number or string.
  public init(from decoder: any Decoder) throws {
    microYuan = try DecimalText.decodeScaled(from: decoder, decimals: 6)
  }
  /// Encodes as a string with six decimals.
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.singleValueContainer()
    try c.encode(description)
  }
}
