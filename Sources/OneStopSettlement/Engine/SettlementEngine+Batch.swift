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
  /// one claim to the next, into amount columns.
  ///
  /// Claims are grouped by person and in date order within a person:
  /// person `p`'s claims are `personStarts[p] ..< personStarts[p + 1]`
  /// (the last person's end at `claims.count`). Every claim settles as
  /// ``settle(_:yearToDate:)`` would with the person's accumulators, to the
  /// fen. The batch settles the persons' first claims together, then their
  /// second claims, and so on.
  ///
  /// - Parameters:
  ///   - claims: claims prepared by this engine, grouped by person.
  ///   - personStarts: where each person's claims start, increasing from 0.
  ///   - output: receives one row per claim, in `claims` order.
  /// - Returns: each person's accumulators after the last claim.
  /// - Throws: the first failing claim's ``SettlementError``, located under
  ///   `claims[i]` (or `personStarts` when they are not increasing from 0).
  @discardableResult
  public func settle(
    _ claims: UnsafeBufferPointer<PreparedClaim>, personStarts: UnsafeBufferPointer<Int>, into output: inout SettlementColumns
  ) throws(SettlementError) -> [YearToDate] {
    let persons = personStarts.count
    func end(_ p: Int) -> Int { p &+ 1 < persons ? personStarts[p &+ 1] : claims.count }
    var previous = 0
    for p in 0..<persons {
      let s = personStarts[p]
      guard p == 0 ? s == 0 : s >= previous, s <= claims.count else {
        throw SettlementError(.invalidValue, at: "personStarts[\(p)]",
          expected: "0 for the first person, then increasing up to \(claims.count)", found: "\(s)")
      }
      previous = s
    }
    guard persons > 0 || claims.isEmpty else {
      throw SettlementError(.invalidValue, at: "personStarts", expected: "one start per person", found: "none")
    }
    output.reset(layerCount: layerCount, count: claims.count)
    var accumulators = [YearToDate](repeating: YearToDate(), count: persons)
    guard let first = claims.baseAddress else { return accumulators }
    var longest = 0
    for p in 0..<persons { longest = max(longest, end(p) &- personStarts[p]) }
    try output.withSink { (sink: inout ColumnSink) throws(SettlementError) in
      try accumulators.withUnsafeMutableBufferPointer { (ytd: inout UnsafeMutableBufferPointer<YearToDate>) throws(SettlementError) in
        guard let ytd = ytd.baseAddress else { return }
        try withSlots(SlotColumns.capacity) { (w: SlotColumns) throws(SettlementError) in
          var trace = NoTrace()
          // Round k settles every person's k-th claim; persons in a batch differ.
          for k in 0..<longest {
            var n = 0
            for p in 0..<persons where personStarts[p] &+ k < end(p) {
              w.index[n] = personStarts[p] &+ k
              w.yearToDate[n] = ytd + p
              n &+= 1
              if n == SlotColumns.capacity {
                try settleSlots(first, w, count: n, locate: true, trace: &trace, sink: &sink)
                n = 0
              }
            }
            if n > 0 { try settleSlots(first, w, count: n, locate: true, trace: &trace, sink: &sink) }
          }
        }
      }
    }
    return accumulators
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
  @discardableResult
  public func settle(_ claims: [PreparedClaim], personStarts: [Int], into output: inout SettlementColumns) throws(SettlementError) -> [YearToDate] {
    var failure: SettlementError?
    var result: [YearToDate] = []
    claims.withUnsafeBufferPointer { c in
      personStarts.withUnsafeBufferPointer { s in
        do throws(SettlementError) { result = try settle(c, personStarts: s, into: &output) } catch { failure = error }
      }
    }
    if let failure { throw failure }
    return result
  }
}
