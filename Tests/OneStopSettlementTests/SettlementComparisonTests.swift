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

  /// One implementation: on every shipped seed-region table, settling with
  /// `StepTrace` and with `NoTrace` gives the same settlement and the same
  /// accumulators, to the fen (fresh claims and persons' years).
  @Test func tracedAndUntracedAgreeOnEveryShippedTable() throws {
    let catalog = try ShippedTables.catalog.get()
    var tables = 0
    for region in catalog.regions {
      for period in region.periods {
        let engine = period.engine
        var g = ClaimGenerator(seed: 17, table: engine.table, year: period.validFrom.year)
        var claims = g.claims(1_000).map { [$0.prepared] }
        let year = g.year(persons: 200)
        claims += (0..<year.personStarts.count).map { year.claims(ofPerson: $0).map(\.prepared) }
        for person in claims {
          var fast = YearToDate(), traced = YearToDate()
          for claim in person {
            var trace = StepTrace()
            let a: Settlement, b: Settlement
            do throws(SettlementError) {
              a = try engine.settle(claim, yearToDate: &fast)
            } catch {
              // A table without a layer for the claim (e.g. no outpatient cover) must fail the same way traced.
              #expect(throws: SettlementError.self) { try engine.settle(claim, yearToDate: &traced, trace: &trace) }
              continue
            }
            b = try engine.settle(claim, yearToDate: &traced, trace: &trace)
            #expect(SettlementComparison.firstDifference(a, b) == nil, "\(period.id)")
            #expect(SettlementComparison.firstDifference(fast, traced, layers: engine.layerCount) == nil, "\(period.id)")
          }
        }
        tables += 1
      }
    }
    #expect(tables >= 5)
  }
}
