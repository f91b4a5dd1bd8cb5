import OneStopSettlement
import SettlementTestSupport
import Testing

/// The batch entry points settle every claim exactly as the per-claim path
/// does (the per-claim path carries the hand-derived and reference evidence),
/// and report errors located at the failing claim.
@Suite struct BatchSettlementTests {
  /// Seeded claims through `settle(_:into:)` and one by one with fresh
  /// accumulators: every layer amount, fund total and patient share equal.
  @Test(arguments: [UInt64(1), 2, 3])
  func freshBatchEqualsOneByOne(seed: UInt64) throws {
    let engine = try BenchmarkTable.engine()
    var g = ClaimGenerator(seed: seed)
    let claims = g.claims(1_000).map(\.prepared)  // several batches of 128 slots and a partial one
    var out = SettlementColumns()
    try engine.settle(claims, into: &out)
    #expect(out.count == claims.count)
    #expect(out.layerCount == engine.layerCount)
    var differences = 0
    for (i, c) in claims.enumerated() {
      var ytd = YearToDate()
      let s = try engine.settle(c, yearToDate: &ytd)
      for li in 0..<engine.layerCount where s.layer(li).amount != out.amount(layer: li, claim: i) { differences += 1 }
      if s.fundTotal != out.fundTotal(claim: i) || s.patient != out.patient(claim: i) { differences += 1 }
      // Conservation, to the fen, in the columns themselves.
      let sum = (0..<engine.layerCount).reduce(Int64(0)) { $0 + out.amount(layer: $1, claim: i) }
      if sum != out.fundTotal(claim: i) || sum + out.patient(claim: i) != c.total { differences += 1 }
    }
    #expect(differences == 0)
    // Some claims must reach the later layers, or the comparison proves little.
    #expect(out.amounts(layer: 1).contains { $0 > 0 })
    #expect(out.amounts(layer: 2).contains { $0 > 0 })
  }

  /// A year of persons through `settle(_:personStarts:into:)` and one by one
  /// with each person's accumulators carried: amounts and final accumulators equal.
  @Test func yearBatchEqualsOneByOne() throws {
    let engine = try BenchmarkTable.engine()
    var g = ClaimGenerator(seed: 7)
    let year = g.year(persons: 700)
    let claims = year.claims.map(\.prepared)
    var out = SettlementColumns()
    try engine.settle(claims, personStarts: year.personStarts, into: &out)
    var carried = SettlementColumns()
    var accumulators = [YearToDate](repeating: YearToDate(), count: 700)
    try engine.settle(claims, personStarts: year.personStarts, yearToDate: &accumulators, into: &carried)
    #expect(carried == out)
    var differences = 0
    let ends = Array(year.personStarts.dropFirst()) + [claims.count]
    var repeatAdmissions = 0
    for (p, start) in year.personStarts.enumerated() {
      var ytd = YearToDate()
      for c in start..<ends[p] {
        let s = try engine.settle(claims[c], yearToDate: &ytd)
        for li in 0..<engine.layerCount where s.layer(li).amount != out.amount(layer: li, claim: c) { differences += 1 }
        if s.patient != out.patient(claim: c) { differences += 1 }
        if c > start { repeatAdmissions += 1 }
      }
      if ytd != accumulators[p] { differences += 1 }
    }
    #expect(differences == 0)
    #expect(repeatAdmissions > 500)
  }

  /// A year split into two batches (each person's first claim, then the
  /// rest), the accumulators carried between them, settles as one batch.
  @Test func accumulatorsCarryBetweenBatches() throws {
    let engine = try BenchmarkTable.engine()
    var g = ClaimGenerator(seed: 13)
    let year = g.year(persons: 300)
    let claims = year.claims.map(\.prepared)
    let ends = Array(year.personStarts.dropFirst()) + [claims.count]
    var whole = SettlementColumns()
    try engine.settle(claims, personStarts: year.personStarts, into: &whole)

    var firsts: [PreparedClaim] = [], rest: [PreparedClaim] = [], restStarts: [Int] = []
    for (p, s) in year.personStarts.enumerated() {
      firsts.append(claims[s])
      restStarts.append(rest.count)
      rest += claims[(s + 1)..<ends[p]]
    }
    var ytd = [YearToDate](repeating: YearToDate(), count: 300)
    var a = SettlementColumns(), b = SettlementColumns()
    try engine.settle(firsts, personStarts: Array(0..<300), yearToDate: &ytd, into: &a)
    try engine.settle(rest, personStarts: restStarts, yearToDate: &ytd, into: &b)
    var differences = 0
    for (p, s) in year.personStarts.enumerated() {
      if a.patient(claim: p) != whole.patient(claim: s) { differences += 1 }
      for c in (s + 1)..<ends[p] where b.patient(claim: restStarts[p] + c - s - 1) != whole.patient(claim: c) { differences += 1 }
    }
    #expect(differences == 0)
    #expect(rest.count > 300)

    var wrong = [YearToDate](repeating: YearToDate(), count: 2)
    let e = #expect(throws: SettlementError.self) { try engine.settle(firsts, personStarts: Array(0..<300), yearToDate: &wrong, into: &a) }
    #expect(e?.jsonPath == "yearToDate")
  }

  /// A claim starting a later year than its person's accumulators reads
  /// them as zero (the batch then settles it without reading them): a
  /// year's claims after accumulators full of the year before, and persons
  /// whose claims cross into the next year within one batch, settle as one
  /// by one, and the accumulators end in the later year.
  @Test func laterYearStartsFromZero() throws {
    let engine = try BenchmarkTable.engine()
    var g = ClaimGenerator(seed: 17)
    let year = g.year(persons: 200)
    let claims = year.claims.map(\.prepared)
    let starts = year.personStarts
    let y = claims[0].year
    // Accumulators full of year y; then the same claims, moved to year y + 1.
    var full = [YearToDate](repeating: YearToDate(), count: starts.count)
    var ignored = SettlementColumns()
    try engine.settle(claims, personStarts: starts, yearToDate: &full, into: &ignored)
    #expect(full.allSatisfy { $0.year == y && $0.totalCost > 0 })
    let next = claims.map { c -> PreparedClaim in var n = c; n.year = y + 1; return n }
    var afterFull = SettlementColumns(), fromEmpty = SettlementColumns()
    var continued = full, empty = [YearToDate](repeating: YearToDate(), count: starts.count)
    try engine.settle(next, personStarts: starts, yearToDate: &continued, into: &afterFull)
    try engine.settle(next, personStarts: starts, yearToDate: &empty, into: &fromEmpty)
    #expect(afterFull == fromEmpty)
    #expect(continued == empty)
    #expect(continued.allSatisfy { $0.year == y + 1 })
    // Each person's second half moved to the next year, within one batch.
    let ends = Array(starts.dropFirst()) + [claims.count]
    var crossing = claims
    var crossings = 0
    for (p, s) in starts.enumerated() where ends[p] - s >= 2 {
      for c in (s + (ends[p] - s) / 2)..<ends[p] { crossing[c].year = y + 1 }
      crossings += 1
    }
    #expect(crossings > 50)
    var out = SettlementColumns()
    try engine.settle(crossing, personStarts: starts, into: &out)
    var differences = 0
    for (p, s) in starts.enumerated() {
      var ytd = YearToDate()
      for c in s..<ends[p] {
        let one = try engine.settle(crossing[c], yearToDate: &ytd)
        for li in 0..<engine.layerCount where one.layer(li).amount != out.amount(layer: li, claim: c) { differences += 1 }
        if one.patient != out.patient(claim: c) { differences += 1 }
      }
    }
    #expect(differences == 0)
  }

  /// Reused columns are resized: a short batch after a long one reports only its claims.
  @Test func columnsAreReused() throws {
    let engine = try BenchmarkTable.engine()
    var g = ClaimGenerator(seed: 11)
    let claims = g.claims(300).map(\.prepared)
    var out = SettlementColumns()
    try engine.settle(claims, into: &out)
    try engine.settle(Array(claims.suffix(3)), into: &out)
    #expect(out.count == 3)
    var single = SettlementColumns()
    try engine.settle(Array(claims.suffix(3)), into: &single)
    #expect(out == single)
    try engine.settle([], into: &out)
    #expect(out.count == 0)
    #expect(out.fundTotals.isEmpty)
  }

  /// A bad claim in the middle of a batch: the typed error names `claims[i]`.
  @Test func errorsNameTheClaim() throws {
    let engine = try BenchmarkTable.engine()
    var g = ClaimGenerator(seed: 5)
    var claims = g.claims(200).map(\.prepared)
    claims[150].inPolicy += 1  // the four-way split no longer adds up
    var out = SettlementColumns()
    let e = #expect(throws: SettlementError.self) { try engine.settle(claims, into: &out) }
    #expect(e?.code == .inconsistentAmounts)
    #expect(e?.jsonPath == "claims[150].amounts")

    claims[150].inPolicy -= 1
    claims[3].level = 99
    let level = #expect(throws: SettlementError.self) { try engine.settle(claims, personStarts: [0, 2, 4], into: &out) }
    #expect(level?.code == .unknownCode)
    #expect(level?.jsonPath == "claims[3].hospitalLevel")
  }

  /// Person starts must begin at 0 and not decrease.
  @Test func personStartsAreChecked() throws {
    let engine = try BenchmarkTable.engine()
    var g = ClaimGenerator(seed: 5)
    let claims = g.claims(10).map(\.prepared)
    var out = SettlementColumns()
    let e = #expect(throws: SettlementError.self) { try engine.settle(claims, personStarts: [0, 6, 4], into: &out) }
    #expect(e?.code == .invalidValue)
    #expect(e?.jsonPath == "personStarts[2]")
    let first = #expect(throws: SettlementError.self) { try engine.settle(claims, personStarts: [1], into: &out) }
    #expect(first?.jsonPath == "personStarts[0]")
    let none = #expect(throws: SettlementError.self) { try engine.settle(claims, personStarts: [], into: &out) }
    #expect(none?.jsonPath == "personStarts")
  }

  /// Accumulators from a later year are refused, and the person's counters
  /// are left as they were (nothing is committed on an error).
  @Test func laterYearIsRefusedWithoutCommitting() throws {
    let engine = try BenchmarkTable.engine()
    var g = ClaimGenerator(seed: 9)
    let claim = g.claims(1)[0].prepared
    var ytd = YearToDate()
    _ = try engine.settle(claim, yearToDate: &ytd)
    var earlier = claim
    earlier.year -= 1
    let before = ytd
    let e = #expect(throws: SettlementError.self) { try engine.settle(earlier, yearToDate: &ytd) }
    #expect(e?.code == .invalidAccumulators)
    #expect(ytd == before)
  }
}
