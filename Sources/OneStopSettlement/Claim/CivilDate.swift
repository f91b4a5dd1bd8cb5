/// 日期 — a calendar date (`yyyy-MM-dd`) without time zone.
///
/// Dates select table versions, identity validity and the accumulation
/// year. Parsed without Foundation; compared by day number.
public struct CivilDate: Sendable, Hashable, Comparable, CustomStringConvertible {
  /// The year, e.g. 2024.
  public let year: Int
  /// The month, 1…12.
  public let month: Int
  /// The day of the month, 1…31.
  public let day: Int

  /// Creates a date, validating the day of the month.
  public init(year: Int, month: Int, day: Int) throws(SettlementError) {
    guard (1900...2999).contains(year), (1...12).contains(month),
      day >= 1, day <= CivilDate.daysIn(month: month, year: year)
    else {
      throw SettlementError(.invalidDate, expected: "a valid calendar date", found: "\(year)-\(month)-\(day)")
    }
    self.year = year; self.month = month; self.day = day
  }

  /// A date written as a constant in this library's code, known to be
  /// valid (never a date read from input: those go through
  /// ``init(year:month:day:)``, which checks).
  init(constantYear year: Int, month: Int, day: Int) {
    self.year = year; self.month = month; self.day = day
  }

  /// Parses `yyyy-MM-dd`.
  public init(parsing text: String) throws(SettlementError) {
    let parts = text.split(separator: "-", omittingEmptySubsequences: false)
    guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
      let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2])
    else {
      throw SettlementError(.invalidDate, expected: "a date as yyyy-MM-dd", found: text)
    }
    try self.init(year: y, month: m, day: d)
  }

  static func daysIn(month: Int, year: Int) -> Int {
    switch month {
    case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
    case 4, 6, 9, 11: return 30
    default: return 31
    }
  }

  /// Days since 1970-01-01 (proleptic Gregorian).
  public var dayNumber: Int {
    let y = month <= 2 ? year - 1 : year
    let era = y / 400
    let yoe = y - era * 400
    let mp = (month + 9) % 12
    let doy = (153 * mp + 2) / 5 + day - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era * 146_097 + doe - 719_468
  }

  /// `2024-05-01`.
  public var description: String {
    func pad(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
    return "\(year)-\(pad(month))-\(pad(day))"
  }

  public static func < (a: CivilDate, b: CivilDate) -> Bool { a.dayNumber < b.dayNumber }
}

extension CivilDate: Codable {
  /// Decodes `"yyyy-MM-dd"`.
  public init(from decoder: any Decoder) throws {
    let s = try decoder.singleValueContainer().decode(String.self)
    do { try self.init(parsing: s) } catch { throw error.located(under: decoder.path) }
  }
  /// Encodes `"yyyy-MM-dd"`.
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.singleValueContainer()
    try c.encode(description)
  }
}
