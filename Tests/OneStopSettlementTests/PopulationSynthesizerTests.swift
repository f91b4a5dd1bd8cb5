import Foundation
import Testing
@testable import OneStopSettlement

/// The synthetic population: deterministic, valid, sorted, and shaped by its
/// parameters.
@Suite struct PopulationSynthesizerTests {
  static func file(seed: UInt64, persons: Int = 300, parameters: SynthParameters = SynthParameters(), format: ClaimFileFormat = .csv) throws -> [UInt8] {
    var synth = try PopulationSynthesizer(table: Fixture.table("simulation/table.json"), parameters: parameters, seed: seed)
    var w = ClaimFileWriter(format: format)
    for _ in 0..<persons { for r in synth.nextPerson() { w.append(r) } }
    return Array(w.output)
  }

  @Test func sameSeedSameFileOtherSeedOtherFile() throws {
    #expect(try Self.file(seed: 42) == Self.file(seed: 42))
    #expect(try Self.file(seed: 42, format: .jsonl) == Self.file(seed: 42, format: .jsonl))
    #expect(try Self.file(seed: 42) != Self.file(seed: 43))
  }

  @Test func rowsAreValidSortedAndAddUp() throws {
    let table = try Fixture.table("simulation/table.json")
    let engine = try SettlementEngine(table: table)
    let rows = try ClaimFileDecoder.rows(from: Data(Self.file(seed: 7, persons: 500)), format: .csv)
    var previous: (String, CivilDate)? = nil
    for r in rows {
      let a = r.amounts
      #expect(a.fullyOwnPay.fen + a.overLimit.fen + a.payFirst.fen + a.inPolicy.fen == a.total.fen)
      #expect(a.total.fen > 0 && a.inPolicy.fen >= 0)
      #expect(r.date.year == 2024)
      if let (p, d) = previous { #expect(r.personId > p || (r.personId == p && r.date >= d)) }
      previous = (r.personId, r.date)
      _ = try engine.prepare(r.claim)  // every code resolves against the table
    }
    #expect(Set(rows.map(\.personId)).count == 500)
  }

  @Test func parametersShapeThePopulation() throws {
    var p = SynthParameters()
    p.lowIncomeShare = .zero
    p.chronicShare = .zero
    p.outpatientShare = .zero
    p.inpatientShare = .one
    p.repeatAdmission = .zero
    p.writesIncome = false
    let rows = try ClaimFileDecoder.rows(from: Data(Self.file(seed: 1, persons: 200, parameters: p)), format: .csv)
    // Exactly one admission each, no identity, no income.
    #expect(rows.count == 200)
    #expect(rows.allSatisfy { $0.kind == .inpatient && $0.identities.isEmpty && $0.income == nil })

    var q = SynthParameters()
    q.identityShares = ["jiance": .one]
    q.identityChangeShare = .zero
    let held = try ClaimFileDecoder.rows(from: Data(Self.file(seed: 1, persons: 50, parameters: q)), format: .csv)
    #expect(held.allSatisfy { $0.identities == [IdentityRecord(code: "1104")] })
  }

  @Test func identityMixFollowsTheShares() throws {
    // 10 % low-income split evenly over 5 identities: 2 % each of 5000 persons
    // ≈ 100 (a binomial standard deviation is ≈ 10; allow ±40).
    let rows = try ClaimFileDecoder.rows(from: Data(Self.file(seed: 8, persons: 5000)), format: .csv)
    var firstRows: [String: ClaimFileRow] = [:]
    for r in rows where firstRows[r.personId] == nil { firstRows[r.personId] = r }
    let holders = firstRows.values.filter { !$0.identities.isEmpty }
    #expect((400...600).contains(holders.count))
    for code in ["1101", "1102", "1103", "1104", "1105"] {
      #expect((60...140).contains(holders.count { $0.identities[0].code == code }), "identity \(code)")
    }
  }

  @Test func badParametersAreTypedErrors() throws {
    let table = try Fixture.table("simulation/table.json")
    var p = SynthParameters()
    p.tailShare = Rate("1.5")
    #expect(throws: SettlementError.self) { try PopulationSynthesizer(table: table, parameters: p, seed: 1) }
    var q = SynthParameters()
    q.identityShares = ["nobody": Rate("0.1")]
    do throws(SettlementError) {
      _ = try PopulationSynthesizer(table: table, parameters: q, seed: 1)
      Issue.record("unknown identity accepted")
    } catch {
      #expect(error.code == .undefinedReference && error.jsonPath == "identityShares.nobody")
    }
    #expect(throws: SettlementError.self) { try SynthParameters.decode(from: Data(#"{"tailShare": 0.1, "colour": 1}"#.utf8)) }
    let decoded = try SynthParameters.decode(from: Data(#"{"tailShare": "0.05"}"#.utf8))
    #expect(decoded.tailShare == Rate("0.05") && decoded.inpatientShare == SynthParameters().inpatientShare)
    #expect(try SynthParameters.decode(from: SynthParameters().encoded()) == SynthParameters())
  }
}
