extension SimulationReport.Distribution {
  /// The distribution of `values` (one per person, fen).
  ///
  /// Percentiles by nearest rank: the `p`-th percentile of `n` sorted
  /// values is the value at rank `⌈p × n ÷ 100⌉`. The income threshold
  /// compares `oop × 10^6 > share × income` exactly.
  ///
  /// - Complexity: O(n log n).
  static func of(_ values: [Int64], incomes: [Int64], parameters: SimulationReport.Parameters) -> Self {
    let sorted = values.sorted()
    let n = sorted.count
    func rank(_ p: Int) -> Money {
      guard n > 0 else { return Money(fen: 0) }
      let r = (p * n + 99) / 100
      return Money(fen: sorted[Swift.max(r, 1) - 1])
    }
    var sum = CheckedSum()
    for v in sorted { sum.add(v) }
    var bins: [SimulationReport.Bin] = []
    let edges = parameters.histogramEdges.map(\.fen)
    var start = 0
    for (i, lower) in edges.enumerated() {
      let upper = i + 1 < edges.count ? edges[i + 1] : nil
      var end = start
      while end < n, sorted[end] < lower { end += 1 }  // below the first edge: not binned
      start = end
      if let u = upper { while end < n, sorted[end] < u { end += 1 } } else { end = n }
      bins.append(.init(from: Money(fen: lower), to: upper.map { Money(fen: $0) }, persons: end - start))
      start = end
    }
    let threshold = parameters.thresholdAmount.fen
    let over = values.count { $0 > threshold }
    let share = parameters.thresholdIncomeShare.micros
    var withIncome = 0
    var overIncome = 0
    for (v, income) in zip(values, incomes) where income > 0 {
      withIncome += 1
      // v × 10^6 > share × income, in 128 bits.
      let lhs = v.magnitude.multipliedFullWidth(by: UInt64(Rate.scale))
      let rhs = UInt64(Swift.max(share, 0)).multipliedFullWidth(by: income.magnitude)
      if v > 0 && (lhs.high > rhs.high || (lhs.high == rhs.high && lhs.low > rhs.low)) { overIncome += 1 }
    }
    return .init(
      mean: Money(fen: ExactRatio.mean(sum.value, n)), p50: rank(50), p90: rank(90), p99: rank(99),
      max: Money(fen: sorted.last ?? 0), histogram: bins,
      overAmount: .init(considered: n, persons: over, share: ExactRatio.rate(Int64(over), Int64(n))),
      overIncomeShare: .init(considered: withIncome, persons: overIncome, share: ExactRatio.rate(Int64(overIncome), Int64(withIncome))))
  }
}
