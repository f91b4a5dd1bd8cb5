import Foundation
import OneStopSettlement
import Testing

/// Checks that each region's golden cases cover what its tables define: at
/// least 12 cases, every identity class (as the class that decides), every
/// hospital level, every layer paying something, a multi-admission year,
/// both sides of a version boundary, and an out-of-area referred admission.
@Suite struct GoldenCoverageTests {
  struct Step {
    var claim: Claim
    var date: CivilDate
    var expectedLayers: [String: Money]
    var cases: Int
  }

  static func regionIDs() throws -> [String] { try ShippedTables.catalog.get().regions.map(\.id) }

  @Test(arguments: try regionIDs())
  func casesCoverTheRegion(_ region: String) throws {
    let catalog = try ShippedTables.catalog.get()
    let r = try catalog.region(region)
    let files = ShippedTables.caseFiles.filter { $0.region == region }
    #expect(files.count >= 12, "\(region): \(files.count) case files, expected at least 12")
    var steps: [Step] = []
    var multiAdmission = false
    for f in files {
      let golden = try JSONDecoder().decode(GoldenCaseTests.GoldenCase.self, from: f.data)
      if golden.claims.count >= 2 { multiAdmission = true }
      for s in golden.claims {
        steps.append(Step(claim: s.claim, date: s.date ?? s.claim.dischargeDate, expectedLayers: s.expected.layers, cases: 1))
      }
    }
    #expect(multiAdmission, "\(region): no case with two or more admissions in a year")

    // Identity classes: the highest-precedence class held on the claim's date.
    var identities = Set<String>(), deciding = Set<String>(), levels = Set<String>(), definedLevels = Set<String>()
    var layers = Set<String>(), paying = Set<String>()
    for p in r.periods {
      identities.formUnion(p.table.identities.map(\.id))
      definedLevels.formUnion(p.table.hospitalLevels.map(\.id))
      layers.formUnion(p.table.layers.map(\.id))
    }
    for s in steps {
      let policy = try catalog.policy(region: region, on: s.date)
      if let first = try policy.table.heldIdentities(of: s.claim.person, on: s.claim.dischargeDate).first {
        deciding.insert(policy.table.identities[first].id)
      }
      if let level = policy.table.hospitalLevels.first(where: { $0.id == s.claim.hospitalLevel || $0.codes.contains(s.claim.hospitalLevel) }) {
        levels.insert(level.id)
      }
      for (id, amount) in s.expectedLayers where amount.fen > 0 { paying.insert(id) }
    }
    #expect(identities.subtracting(deciding).isEmpty, "\(region): no case for identities \(identities.subtracting(deciding).sorted())")
    #expect(definedLevels.subtracting(levels).isEmpty, "\(region): no case at hospital levels \(definedLevels.subtracting(levels).sorted())")
    #expect(layers.subtracting(paying).isEmpty, "\(region): no case where layers \(layers.subtracting(paying).sorted()) pay")

    // A boundary between two periods with a claim the day before and on the day.
    let dates = Set(steps.map(\.date))
    let boundaries = try r.periods.dropFirst().map { ($0.validFrom, try $0.validFrom.adding(days: -1)) }
    #expect(boundaries.contains { dates.contains($0.0) && dates.contains($0.1) },
      "\(region): no pair of cases on both sides of a version boundary (\(boundaries.map { $0.0.description }))")

    #expect(steps.contains { $0.claim.place != .inCounty && $0.claim.referred }, "\(region): no out-of-area referred admission")
  }
}
