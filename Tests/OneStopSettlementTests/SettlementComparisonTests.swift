import OneStopSettlement
import SettlementTestSupport
import Testing

/// `SettlementComparison` (behind the benchmark's `--compare`): identical
/// settlements compare equal, and a difference of one fen anywhere is found
/// and named. Amounts from `BenchmarkTable`: 一级 inpatient in county,
/// basic deductible 200.00 and ratio 0.90, yearly cap 150,000.00.
@Suite struct SettlementComparisonTests {
  let engine: SettlementEngine
  init() throws { engine = try BenchmarkTable.engine() }

  func claim(inPolicy fen: Int64) -> PreparedClaim {
    PreparedClaim(total: fen, inPolicy: fen, kind: .inpatient, level: 0, place: .inCounty, referred: true, year: 2024)
  }

  @Test func identicalSettlementsHaveNoDifference() throws {
    var y1 = YearToDate(), y2 = YearToDate()
    let a = try engine.settle(claim(inPolicy: 120_000), yearToDate: &y1)
    var trace = StepTrace()
    let b = try engine.settle(claim(inPolicy: 120_000), yearToDate: &y2, trace: &trace)
    #expect(a.layer(0).amount == 90_000)  // (1,200.00 − 200.00) × 0.90 = 900.00
    #expect(SettlementComparison.firstDifference(a, b) == nil)
    #expect(SettlementComparison.firstDifference(y1, y2, layers: engine.layerCount) == nil)
  }

  @Test func oneFenInTheTotalIsFound() throws {
    var y1 = YearToDate(), y2 = YearToDate()
    let a = try engine.settle(claim(inPolicy: 120_000), yearToDate: &y1)
    let b = try engine.settle(claim(inPolicy: 120_002), yearToDate: &y2)
    #expect(b.layer(0).amount == 90_002)  // (1,200.02 − 200.00) × 0.90 = 900.018 → 900.02
    #expect(SettlementComparison.firstDifference(a, b) == "total: 120000 vs 120002")
    #expect(SettlementComparison.firstDifference(y1, y2, layers: engine.layerCount) == "yearToDate.totalCost: 120000 vs 120002")
  }

  @Test func aDifferenceInsideOneLayerIsFound() throws {
    // Same claim; 100,000.00 already paid this year leaves 50,000.00 of the
    // 150,000.00 cap: the amount is still 900.00, only the cap room differs.
    var fresh = YearToDate()
    var paid = YearToDate()
    paid.year = 2024
    paid.setPaid(10_000_000, layer: 0, kind: .inpatient)
    let a = try engine.settle(claim(inPolicy: 120_000), yearToDate: &fresh)
    let b = try engine.settle(claim(inPolicy: 120_000), yearToDate: &paid)
    #expect(a.layer(0).capRoom == 15_000_000 && b.layer(0).capRoom == 5_000_000)
    #expect(a.fundTotal == b.fundTotal)
    let d = SettlementComparison.firstDifference(a, b)
    #expect(d?.hasPrefix("layers[0]:") == true)
    #expect(SettlementComparison.firstDifference(fresh, paid, layers: engine.layerCount)
      == "yearToDate.paid(layer: 0, kind: inpatient): 90000 vs 10090000")
  }
}
