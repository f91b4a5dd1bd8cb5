import Foundation
import OneStopSettlement
import Testing

/// Runs every `PolicyTables/<region>/cases/*.json`: each claim is settled
/// with the region's table for its date, and every expected field — derived
/// by hand from the table's parameters, arithmetic in the file's
/// `derivation` — must match to the fen. A new case file is a new test.
@Suite struct GoldenCaseTests {
  /// One golden case file.
  struct GoldenCase: Decodable {
    var id: String
    var title: String
    var yearToDate: YearToDateRecord?
    var claims: [Step]

    /// One claim of the case, in date order.
    struct Step: Decodable {
      var date: CivilDate?
      var claim: Claim
      var expected: Expected
      var derivation: [String]
    }

    /// The hand-derived result.
    struct Expected: Decodable {
      var table: String
      var act_pay_dedc: Money
      var layers: [String: Money]
      var fund_pay_sumamt: Money
      var psn_part_amt: Money
      var deposit_required: Bool
      var deposit_reason: String
    }
  }

  /// A case file as a test argument.
  struct Entry: Sendable, CustomTestStringConvertible {
    var region: String
    var path: String
    var data: Data
    var testDescription: String { path }
  }

  static let entries: [Entry] = ShippedTables.caseFiles.map { Entry(region: $0.region, path: $0.path, data: $0.data) }

  @Test func casesAreShipped() {
    #expect(ShippedTables.directory != nil, "no Package.swift above \(#filePath)")
    #expect(Self.entries.count >= 8 * 12, "found \(Self.entries.count) case files")
  }

  @Test(arguments: entries)
  func goldenCase(_ entry: Entry) throws {
    let catalog = try ShippedTables.catalog.get()
    let golden = try JSONDecoder().decode(GoldenCase.self, from: entry.data)
    var ytd = YearToDate()
    var previous: RegionalPolicy? = nil
    for step in golden.claims {
      let policy = try catalog.policy(region: entry.region, on: step.date ?? step.claim.dischargeDate)
      if previous == nil, let record = golden.yearToDate { ytd = try policy.engine.yearToDate(from: record) }
      if let p = previous, p.id != policy.id {
        // Carry the accumulators across a table change by layer id.
        var record = p.engine.record(of: ytd)
        record.layers = record.layers.filter { id, _ in policy.table.layers.contains { $0.id == id } }
        ytd = try policy.engine.yearToDate(from: record)
      }
      previous = policy
      let s = try policy.engine.settle(policy.engine.prepare(step.claim), yearToDate: &ytd)
      let deposit = try policy.rules.depositDecision(for: step.claim, table: policy.table)
      let e = step.expected
      func check(_ field: String, _ expected: String, _ actual: String) {
        #expect(expected == actual,
          "region \(entry.region) case \(golden.id) claim \(step.claim.id) field \(field): expected \(expected), actual \(actual)")
      }
      check("table", e.table, policy.id)
      check("act_pay_dedc", e.act_pay_dedc.description, Money(fen: s.basicDeductible).description)
      check("fund_pay_sumamt", e.fund_pay_sumamt.description, Money(fen: s.fundTotal).description)
      check("psn_part_amt", e.psn_part_amt.description, Money(fen: s.patient).description)
      check("deposit_required", "\(e.deposit_required)", "\(deposit.depositRequired)")
      check("deposit_reason", e.deposit_reason, deposit.reason.rawValue)
      check("layers", e.layers.keys.sorted().joined(separator: ","), policy.table.layers.map(\.id).sorted().joined(separator: ","))
      for (i, layer) in policy.table.layers.enumerated() {
        check("layers.\(layer.id)", e.layers[layer.id]?.description ?? "missing", Money(fen: s.layer(i).amount).description)
      }
    }
  }
}
