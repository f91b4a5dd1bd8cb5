extension SettlementEngine {
  /// Settles a batch of independent claims, each with fresh accumulators
  /// (as the person's first claim of the year), into amount columns.
  ///
  /// The same settlement as ``settle(_:yearToDate:)`` for every claim, to
  /// the fen; the batch passes each layer over many claims at a time and
  /// keeps only the amounts, so it is the fast path for populations.
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
      try withSlots(SlotColumns.capacity) { (w: SlotColumns) throws(SettlementError) in
        var trace = NoTrace()
        var start = 0
        while start < claims.count {
          let n = min(SlotColumns.capacity, claims.count &- start)
          for i in 0..<n {
            w.index[i] = start &+ i
            w.yearToDate[i] = nil
          }
          try settleSlots(first, w, count: n, locate: true, trace: &trace, sink: &sink)
          start &+= n
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
  /// fen. The batch settles up to 128 persons side by side, each lane
  /// walking through one person's claims and then taking the next person,
  /// so memory does not grow with the number of persons.
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
    try withUnsafeTemporaryLanes { (lanes: UnsafeMutablePointer<YearToDate>) throws(SettlementError) in
      try settlePersons(claims, personStarts, into: &output) { _, lane in
        // A lane taking a new person starts from empty accumulators.
        lanes[lane] = YearToDate()
        return lanes + lane
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
    try settlePersons(claims, personStarts, into: &output) { person, _ in ytd + person }
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

  /// Runs `body` with ``SlotColumns/capacity`` accumulator lanes.
  func withUnsafeTemporaryLanes(_ body: (UnsafeMutablePointer<YearToDate>) throws(SettlementError) -> Void) throws(SettlementError) {
    let lanes = UnsafeMutablePointer<YearToDate>.allocate(capacity: SlotColumns.capacity)
    lanes.initialize(repeating: YearToDate(), count: SlotColumns.capacity)
    defer { lanes.deinitialize(count: SlotColumns.capacity); lanes.deallocate() }
    try body(lanes)
  }

  /// The lane scheduler behind the per-person entry points: up to
  /// ``SlotColumns/capacity`` persons side by side, each lane settling its
  /// person's next claim in every batch; `accumulators(person, lane)` gives
  /// the counters a lane uses when it takes a person. Persons in one batch
  /// always differ, so each batch commits its accumulators independently.
  @inline(__always)
  func settlePersons(
    _ claims: UnsafeBufferPointer<PreparedClaim>, _ starts: UnsafeBufferPointer<Int>, into output: inout SettlementColumns,
    _ accumulators: (_ person: Int, _ lane: Int) -> UnsafeMutablePointer<YearToDate>
  ) throws(SettlementError) {
    output.reset(layerCount: layerCount, count: claims.count)
    guard let first = claims.baseAddress else { return }
    let persons = starts.count
    try output.withSink { (sink: inout ColumnSink) throws(SettlementError) in
      try withSlots(SlotColumns.capacity) { (w: SlotColumns) throws(SettlementError) in
        var trace = NoTrace()
        // Per lane: next claim, end of its person's claims, accumulators.
        var next = InlineArray<128, Int>(repeating: 0), end = InlineArray<128, Int>(repeating: 0)
        var ytd = InlineArray<128, UnsafeMutablePointer<YearToDate>?>(repeating: nil)
        var person = 0
        var active = 0
        /// Gives lane `l` the next person with claims, if any.
        func take(_ l: Int) {
          while person < persons {
            let s = starts[person], e = person &+ 1 < persons ? starts[person &+ 1] : claims.count
            defer { person &+= 1 }
            if s < e {
              next[l] = s; end[l] = e; ytd[l] = accumulators(person, l)
              return
            }
          }
          ytd[l] = nil
        }
        for l in 0..<SlotColumns.capacity {
          take(l)
          if ytd[l] != nil { active &+= 1 }
        }
        while active > 0 {
          var n = 0
          for l in 0..<SlotColumns.capacity where ytd[l] != nil {
            w.index[n] = next[l]
            w.yearToDate[n] = ytd[l]
            n &+= 1
          }
          try settleSlots(first, w, count: n, locate: true, trace: &trace, sink: &sink)
          for l in 0..<SlotColumns.capacity where ytd[l] != nil {
            next[l] &+= 1
            if next[l] == end[l] {
              take(l)
              if ytd[l] == nil { active &-= 1 }
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
