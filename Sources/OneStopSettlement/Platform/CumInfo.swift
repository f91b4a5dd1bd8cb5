public import Foundation

/// 累计信息 — one accumulator row, in the platform's 5206 `cuminfo[]` shape.
///
///     { "insutype": "390", "year": 2024, "cum_ym": "202405",
///       "cum_type_code": "D390201", "cum": "1530.00" }
///
/// Accepted as the person's accumulators before a settlement and returned
/// as the deltas to post after it (and the state after it). A
/// ``PlatformProfile`` maps each `cum_type_code` to an
/// ``AccumulatorCounter``.
public struct CumInfo: Sendable, Hashable, Codable {
  /// 险种类型 (`insutype`).
  public var insutype: String
  /// 年度 (`year`).
  public var year: Int
  /// 累计年月 (`cum_ym`, `yyyyMM`).
  public var cumYearMonth: String
  /// 累计类别代码 (`cum_type_code`).
  public var code: String
  /// 累计值 (`cum`), yuan; a count is a whole number.
  public var cum: Money

  /// Creates a row.
  public init(insutype: String, year: Int, cumYearMonth: String, code: String, cum: Money) {
    self.insutype = insutype; self.year = year; self.cumYearMonth = cumYearMonth; self.code = code; self.cum = cum
  }

  enum CodingKeys: String, CodingKey, CaseIterable {
    case insutype, year, cumYearMonth = "cum_ym", code = "cum_type_code", cum
  }

  /// Decodes a row; `year` and `cum_ym` may be numbers or strings.
  public init(from decoder: any Decoder) throws {
    try decoder.rejectUnknownKeys(CodingKeys.names)
    let c = try decoder.container(keyedBy: CodingKeys.self)
    insutype = try FlagText.decode(from: c.superDecoder(forKey: .insutype))
    let y = try FlagText.decode(from: c.superDecoder(forKey: .year))
    guard let year = Int(y), (1900...2999).contains(year) else {
      throw SettlementError(.invalidValue, at: decoder.path(CodingKeys.year.rawValue), expected: "a year", found: y)
    }
    self.year = year
    cumYearMonth = try c.contains(.cumYearMonth) ? FlagText.decode(from: c.superDecoder(forKey: .cumYearMonth)) : ""
    code = try c.decode(String.self, forKey: .code)
    cum = try c.decode(Money.self, forKey: .cum)
  }
}

extension CumInfo {
  /// Decodes a JSON array of rows (a 5206 `cuminfo` list).
  ///
  /// - Throws: ``SettlementError`` naming the JSON path (`[2].cum`).
  public static func decodeRows(from data: Data) throws(SettlementError) -> [CumInfo] {
    try JSONInput.decode([CumInfo].self, from: data)
  }
}
