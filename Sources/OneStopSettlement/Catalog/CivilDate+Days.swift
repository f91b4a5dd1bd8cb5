extension CivilDate {
  /// The date `dayNumber` days after 1970-01-01 (proleptic Gregorian).
  ///
  /// The inverse of ``dayNumber``: `CivilDate(dayNumber: d.dayNumber) == d`.
  ///
  /// - Throws: ``SettlementError/Code/invalidDate`` outside 1900…2999.
  public init(dayNumber: Int) throws(SettlementError) {
    let z = dayNumber + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let doe = z - era * 146_097
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let day = doy - (153 * mp + 2) / 5 + 1
    let month = mp < 10 ? mp + 3 : mp - 9
    try self.init(year: yoe + era * 400 + (month <= 2 ? 1 : 0), month: month, day: day)
  }

  /// The date `days` days later (earlier when negative).
  ///
  ///     try CivilDate(parsing: "2023-12-31").adding(days: 1)   // 2024-01-01
  public func adding(days: Int) throws(SettlementError) -> CivilDate {
    try CivilDate(dayNumber: dayNumber + days)
  }
}
