extension SettlementEngine {
  /// Settles a batch of independent claims, each with fresh accumulators
  /// (as the person's first claim of the year), into amount columns.
  ///
  /// The same settlement as ``settle(_:yearToDate:)`` for every claim, to
  /// the fen (the same function, claim after claim); the batch knows every
  /// accumulator is zero, keeps only the amounts and visits only the layers
  /// that can pay, so it is the fast path for populations.
  ///
  /// - Parameters:
  ///   - claims: claims prepared by this engine.
  ///   - output: receives one row per claim (resized as needed; reuse it).
  /// - Throws: the first claim's ``SettlementError``, located under
  ///   `claims[i]`; `output` is then unspecified.
  /// - Complexity: O(claims × layers × segments); no allocation per claim.
  public func settle(_ claims: UnsafeBufferPointer<PreparedClaim>, into output: inout SettlementColumns) throws(SettlementError) {
    output.reset(layerCount: layerCount, count: claims.count)
    guard let first = claims.baseAddress else { return }
    try output.withSink { (sink: inout ColumnSink) throws(SettlementError) in
      var trace = NoTrace()
      try withClaimScratch { (scratch: UnsafeMutableRawPointer) throws(SettlementError) in
        for i in 0..<claims.count {
          try settleClaim(first + i, index: i, FreshYear.self, nil, scratch, locate: true, trace: &trace, sink: &sink)
        }
      }
    }
  }

  /// Settles persons' claims with each person's accumulators carried from
  /// one claim to the next, each person starting the year afresh, into
  /// amount columns.
  ///
  /// Claims are grouped by person and in date order within a person:
  /// person `p`'s claims are `personStarts[p] ..< personStarts[p + 1]`
  /// (the last person's end at `claims.count`). Every claim settles as
  /// ``settle(_:yearToDate:)`` would with the person's accumulators, to the
  /// fen. Persons settle one after the other in one reused set of
  /// accumulators, so memory does not grow with the number of persons.
  ///
  /// - Parameters:
  ///   - claims: claims prepared by this engine, grouped by person.
  ///   - personStarts: where each person's claims start, increasing from 0.
  ///   - output: receives one row per claim, in `claims` order.
  /// - Throws: the first failing claim's ``SettlementError``, located under
  ///   `claims[i]` (or `personStarts` when they are not increasing from 0).
  public func settle(
    _ claims: UnsafeBufferPointer<PreparedClaim>, personStarts: UnsafeBufferPointer<Int>, into output: inout SettlementColumns
  ) throws(SettlementError) {
    try checkPersonStarts(personStarts, claims: claims.count)
    var ytd = YearToDate()
    try withUnsafeMutablePointer(to: &ytd) { (ytd: UnsafeMutablePointer<YearToDate>) throws(SettlementError) in
      try settlePersons(claims, personStarts, into: &output) { _, first in
        // Each person starts from empty accumulators of their first claim's year.
        ytd.pointee.start(year: claims[first].year)
        return (ytd, empty: true)
      }
    }
  }

  /// ``settle(_:personStarts:into:)`` continuing from each person's
  /// accumulators: `yearToDate[p]` holds person `p`'s counters before their
  /// first claim here (e.g. from an earlier batch of the year) and receives
  /// them after their last.
  ///
  /// - Throws: as ``settle(_:personStarts:into:)``, and when `yearToDate`
  ///   does not hold one value per person.
  public func settle(
    _ claims: UnsafeBufferPointer<PreparedClaim>, personStarts: UnsafeBufferPointer<Int>,
    yearToDate: UnsafeMutableBufferPointer<YearToDate>, into output: inout SettlementColumns
  ) throws(SettlementError) {
    try checkPersonStarts(personStarts, claims: claims.count)
    guard yearToDate.count == personStarts.count else {
      throw SettlementError(.invalidValue, at: "yearToDate", expected: "one accumulator per person (\(personStarts.count))",
        found: "\(yearToDate.count)")
    }
    guard let ytd = yearToDate.baseAddress else {  // no persons, hence no claims
      output.reset(layerCount: layerCount, count: 0)
      return
    }
    try settlePersons(claims, personStarts, into: &output) { person, _ in (ytd + person, empty: false) }
  }

  /// Checks that `starts` begin at 0 and do not decrease or pass `claims`.
  func checkPersonStarts(_ starts: UnsafeBufferPointer<Int>, claims: Int) throws(SettlementError) {
    var previous = 0
    for p in 0..<starts.count {
      let s = starts[p]
      guard p == 0 ? s == 0 : s >= previous, s <= claims else {
        throw SettlementError(.invalidValue, at: "personStarts[\(p)]",
          expected: "0 for the first person, then increasing up to \(claims)", found: "\(s)")
      }
      previous = s
    }
    guard !starts.isEmpty || claims == 0 else {
      throw SettlementError(.invalidValue, at: "personStarts", expected: "one start per person", found: "none")
    }
  }

  /// Settles each person's claims in order with the accumulators
  /// `accumulators(person, first)` gives (`first`: the person's first
  /// claim; `empty`: they are known to be all zero): the loop behind the
  /// per-person entry points.
  ///
  /// A claim before which the accumulators are all zero — the person's
  /// first when they are `empty`, or one starting a later year than the
  /// accumulators' — settles as ``FirstOfYear`` (no counter read), every
  /// other as ``CarriedYear``: the same settlement, to the fen.
  @inline(__always)
  func settlePersons(
    _ claims: UnsafeBufferPointer<PreparedClaim>, _ starts: UnsafeBufferPointer<Int>, into output: inout SettlementColumns,
    _ accumulators: (_ person: Int, _ first: Int) -> (UnsafeMutablePointer<YearToDate>, empty: Bool)
  ) throws(SettlementError) {
    output.reset(layerCount: layerCount, count: claims.count)
    guard let first = claims.baseAddress else { return }
    let persons = starts.count
    try output.withSink { (sink: inout ColumnSink) throws(SettlementError) in
      var trace = NoTrace()
      try withClaimScratch { (scratch: UnsafeMutableRawPointer) throws(SettlementError) in
        for p in 0..<persons {
          let s = starts[p], e = p &+ 1 < persons ? starts[p &+ 1] : claims.count
          guard s < e else { continue }
          let (ytd, empty) = accumulators(p, s)
          for i in s..<e {
            if (i == s && empty) || ytd.pointee.year < first[i].year {
              try settleClaim(first + i, index: i, FirstOfYear.self, ytd, scratch, locate: true, trace: &trace, sink: &sink)
            } else {
              try settleClaim(first + i, index: i, CarriedYear.self, ytd, scratch, locate: true, trace: &trace, sink: &sink)
            }
          }
        }
      }
    }
  }

  /// ``settle(_:into:)`` for an array.
  public func settle(_ claims: [PreparedClaim], into output: inout SettlementColumns) throws(SettlementError) {
    var failure: SettlementError?
    claims.withUnsafeBufferPointer { c in
      do throws(SettlementError) { try settle(c, into: &output) } catch { failure = error }
    }
    if let failure { throw failure }
  }

  /// ``settle(_:personStarts:into:)`` for arrays.
  public func settle(_ claims: [PreparedClaim], personStarts: [Int], into output: inout SettlementColumns) throws(SettlementError) {
    var failure: SettlementError?
    claims.withUnsafeBufferPointer { c in
      personStarts.withUnsafeBufferPointer { s in
        do throws(SettlementError) { try settle(c, personStarts: s, into: &output) } catch { failure = error }
      }
    }
    if let failure { throw failure }
  }

  /// ``settle(_:personStarts:yearToDate:into:)`` for arrays.
  public func settle(
    _ claims: [PreparedClaim], personStarts: [Int], yearToDate: inout [YearToDate], into output: inout SettlementColumns
  ) throws(SettlementError) {
    var failure: SettlementError?
    claims.withUnsafeBufferPointer { c in
      personStarts.withUnsafeBufferPointer { s in
        yearToDate.withUnsafeMutableBufferPointer { y in
          do throws(SettlementError) { try settle(c, personStarts: s, yearToDate: y, into: &output) } catch { failure = error }
        }
      }
    }
    if let failure { throw failure }
  }
}
