import Foundation
import OneStopSettlement
import Testing

/// Reproduces `shared/reference/year-path` — 50,325 claims of 20,000 persons
/// settled by an independent implementation — to the fen, row by row.
@Suite struct ReferenceYearTests {
  static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Fixtures/year-path")

  static func rows(_ name: String) throws -> [[Substring]] {
    let text = try String(contentsOf: fixtures.appendingPathComponent(name), encoding: .utf8)
    return text.split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false) }
  }

  @Test func everyRowToTheFen() throws {
    let table = try PolicyTable.decode(from: Data(contentsOf: Self.fixtures.appendingPathComponent("table.json")))
    let engine = try SettlementEngine(table: table)
    let claims = try Self.rows("claims.csv")
    let expected = try Self.rows("expected.csv")
    #expect(claims.count == 50_325)
    #expect(expected.count == claims.count)

    var ytd = YearToDate()
    var person = ""
    var mismatches: [String] = []
    var majorIllnessClaims = 0
    for (row, want) in zip(claims, expected) {
      // claim_id, person_id, date, total, eligible, poor
      #expect(row[0] == want[0])
      if row[1] != person { ytd = YearToDate(); person = String(row[1]) }
      let date = try CivilDate(parsing: String(row[2]))
      let total = try Money(parsing: String(row[3])).fen
      let eligible = try Money(parsing: String(row[4])).fen
      let claim = PreparedClaim(
        total: total, fullyOwnPay: total - eligible, inPolicy: eligible, kind: .inpatient, level: 0,
        place: .inCounty, referred: true, identities: row[5] == "1" ? 1 : 0, year: date.year)
      let s = try engine.settle(claim, yearToDate: &ytd)
      let got = [s.layer(0).amount, s.layer(1).amount, s.layer(2).amount, s.patient]
      let wanted = try want[2...5].map { try Money(parsing: String($0)).fen }
      if s.layer(1).amount > 0 { majorIllnessClaims += 1 }
      if got != wanted {
        mismatches.append("claim \(row[0]): expected \(wanted) got \(got)")
      }
    }
    #expect(mismatches.isEmpty, "\(mismatches.count) mismatches, first: \(mismatches.prefix(5))")
    // The reference README: 8,175 claims get major-illness pay.
    #expect(majorIllnessClaims == 8_175)
  }

  /// The same year through the batch entry point (persons' claims in rounds,
  /// accumulators carried per person): every row to the fen again.
  @Test func everyRowToTheFenInOneBatch() throws {
    let table = try PolicyTable.decode(from: Data(contentsOf: Self.fixtures.appendingPathComponent("table.json")))
    let engine = try SettlementEngine(table: table)
    let rows = try Self.rows("claims.csv")
    let expected = try Self.rows("expected.csv")
    var claims: [PreparedClaim] = []
    var starts: [Int] = []
    var person: Substring = ""
    for row in rows {
      if row[1] != person { starts.append(claims.count); person = row[1] }
      let date = try CivilDate(parsing: String(row[2]))
      let total = try Money(parsing: String(row[3])).fen
      let eligible = try Money(parsing: String(row[4])).fen
      claims.append(PreparedClaim(
        total: total, fullyOwnPay: total - eligible, inPolicy: eligible, kind: .inpatient, level: 0,
        place: .inCounty, referred: true, identities: row[5] == "1" ? 1 : 0, year: date.year))
    }
    #expect(starts.count == 20_000)
    var out = SettlementColumns()
    try engine.settle(claims, personStarts: starts, into: &out)
    var mismatches = 0
    for (i, want) in expected.enumerated() {
      let got = [out.amount(layer: 0, claim: i), out.amount(layer: 1, claim: i), out.amount(layer: 2, claim: i), out.patient(claim: i)]
      if try got != want[2...5].map({ try Money(parsing: String($0)).fen }) { mismatches += 1 }
    }
    #expect(mismatches == 0)
    #expect(out.count == 50_325)
  }
}
