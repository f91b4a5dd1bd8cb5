extension PlatformEngine {
  /// The engine's accumulators for `year` from `cuminfo` rows.
  ///
  /// Rows of another year or another `insutype` are skipped; rows of the
  /// same code are added (5206 may return one row per month).
  ///
  /// - Throws: `.invalidAccumulators` naming the row: an unmapped code (when
  ///   the profile says `error`), a negative value, a count that is not whole.
  public func yearToDate(from rows: [CumInfo], insutype: String, year: Int, at root: String = "cuminfo") throws(SettlementError) -> YearToDate {
    var y = YearToDate()
    y.year = year
    for (i, row) in rows.enumerated() where row.year == year && row.insutype == insutype {
      guard let counter = counters[row.code] else {
        if profile.unknownCumTypes == .ignore { continue }
        throw SettlementError(.invalidAccumulators, at: "\(root)[\(i)].cum_type_code",
          expected: "a cum_type_code of profile \(profile.id) (\(counters.keys.sorted().joined(separator: ", ")))", found: row.code)
      }
      guard row.cum.fen >= 0, row.cum.fen <= Money.maximumFen, !counter.isCount || row.cum.fen % 100 == 0 else {
        throw SettlementError(.invalidAccumulators, at: "\(root)[\(i)].cum",
          expected: counter.isCount ? "a whole count" : "an amount from 0 to 10000000000.00", found: row.cum.description)
      }
      counter.add(row.cum.fen, to: &y)
    }
    return y
  }

  /// Every mapped counter of `y` as `cuminfo` rows, sorted by code.
  public func rows(of y: YearToDate, insutype: String, month: String) -> [CumInfo] {
    rows(insutype: insutype, year: y.year, month: month) { $0.value(in: y) }
  }

  /// The change of every mapped counter from `before` to `after`.
  public func deltas(from before: YearToDate, to after: YearToDate, insutype: String, month: String) -> [CumInfo] {
    rows(insutype: insutype, year: after.year, month: month) { $0.value(in: after) &- $0.value(in: before) }
  }

  private func rows(insutype: String, year: Int, month: String, value: (ResolvedCounter) -> Int64) -> [CumInfo] {
    counters.sorted { $0.key < $1.key }.map { code, counter in
      CumInfo(insutype: insutype, year: year, cumYearMonth: month, code: code, cum: Money(fen: value(counter)))
    }
  }
}
