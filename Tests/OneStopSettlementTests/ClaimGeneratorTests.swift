import OneStopSettlement
import SettlementTestSupport
import Testing

/// The benchmark's synthetic population (`SettlementTestSupport`): the same
/// seed gives the same claims, every claim is well formed, and both
/// renderings (prepared and JSON-side) are the same claim.
@Suite struct ClaimGeneratorTests {
  @Test func sameSeedSameClaims() {
    var a = ClaimGenerator(seed: 2024), b = ClaimGenerator(seed: 2024)
    #expect(a.claims(2_000) == b.claims(2_000))
    let (ya, yb) = (a.year(persons: 300), b.year(persons: 300))
    #expect(ya.claims == yb.claims)
    #expect(ya.personStarts == yb.personStarts)
  }

  @Test func differentSeedDifferentClaims() {
    var a = ClaimGenerator(seed: 1), b = ClaimGenerator(seed: 2)
    #expect(a.claims(100) != b.claims(100))
  }

  @Test func claimsAreWellFormed() {
    var g = ClaimGenerator(seed: 7)
    let claims = g.claims(5_000)
    for c in claims {
      #expect(c.fullyOwnPay + c.overLimit + c.payFirst + c.inPolicy == c.total)
      #expect(c.fullyOwnPay >= 0 && c.overLimit >= 0 && c.payFirst >= 0 && c.inPolicy > 0)
      #expect(BenchmarkTable.levels.indices.contains(c.level))
      #expect(c.identities >> UInt64(BenchmarkTable.identities.count) == 0)
      #expect((1...12).contains(c.month) && (1...28).contains(c.day))
      #expect(c.kind == .inpatient || !c.referred)
    }
    // Every kind, level and place occurs, and so do claims with and without an identity.
    #expect(Set(claims.map(\.kind)) == Set(ClaimKind.allCases))
    #expect(Set(claims.map(\.level)) == [0, 1, 2])
    #expect(Set(claims.map(\.place)) == Set(Place.allCases))
    #expect(claims.contains { $0.identities == 0 } && claims.contains { $0.identities != 0 })
  }

  @Test func yearHasOneToSixAdmissionsPerPersonInDateOrder() {
    var g = ClaimGenerator(seed: 11)
    let year = g.year(persons: 1_000)
    #expect(year.personStarts.count == 1_000)
    var counts = Set<Int>()
    for p in 0..<1_000 {
      let stay = year.claims(ofPerson: p)
      counts.insert(stay.count)
      #expect(stay.allSatisfy { $0.kind == .inpatient && $0.identities == stay.first?.identities })
      let dates = stay.map { $0.month * 100 + $0.day }
      #expect(dates == dates.sorted())
    }
    #expect(counts == [1, 2, 3, 4, 5, 6])
  }

  @Test func preparedAndJSONSideAreTheSameClaim() throws {
    let engine = try BenchmarkTable.engine()
    var g = ClaimGenerator(seed: 3)
    for (i, c) in g.claims(500).enumerated() {
      #expect(try engine.prepare(try c.claim(id: "c\(i)", table: engine.table)) == c.prepared)
    }
  }

  @Test func otherTableShapes() throws {
    var g = ClaimGenerator(seed: 8, levels: 5, identities: 2, year: 2023)
    let claims = g.claims(3_000)
    #expect(Set(claims.map(\.level)) == [0, 1, 2, 3, 4])
    #expect(Set(claims.map(\.identities)) == [0, 0b1, 0b10])
    #expect(claims.allSatisfy { $0.year == 2023 && $0.prepared.year == 2023 })
    var none = ClaimGenerator(seed: 8, levels: 1, identities: 0, year: 2023)
    #expect(none.claims(500).allSatisfy { $0.identities == 0 && $0.level == 0 })
  }

  @Test func shippedSeedTableClaimsPrepareToTheSameClaim() throws {
    let catalog = try ShippedTables.catalog.get()
    let engine = try SettlementEngine(table: try catalog.table(region: "hubei", on: try CivilDate(parsing: "2024-07-01")))
    var g = ClaimGenerator(seed: 4, table: engine.table, year: 2024)
    for (i, c) in g.claims(300).enumerated() {
      #expect(try engine.prepare(try c.claim(id: "h\(i)", table: engine.table)) == c.prepared)
    }
  }

  @Test func benchmarkTableHasTheSeedShape() throws {
    let engine = try BenchmarkTable.engine()
    #expect(engine.table.layers.map(\.kind) == [.basic, .majorIllness, .assistance, .tilt, .outOfPocketCeiling])
    #expect(engine.table.identities.map(\.id) == BenchmarkTable.identities)
    #expect(engine.table.provenance.illustrative)
  }
}
