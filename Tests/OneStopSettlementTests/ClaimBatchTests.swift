import Foundation
import Testing
@testable import OneStopSettlement

/// Batch settlement of claims files: the reference year to the fen, agreement
/// with the one-claim path, file order, bad rows and both output formats.
@Suite struct ClaimBatchTests {
  /// `shared/reference/year-path` rewritten as a claims file: every claim
  /// inpatient, level 1, in county, referred; `poor` = identity `1`;
  /// fully own-pay = total − eligible.
  static func referenceClaims() throws -> Data {
    let rows = try ReferenceYearTests.rows("claims.csv")
    var text = "claim_id,person_id,date,kind,hospital_level,place,referred,identities,total,fully_own_pay,in_policy\n"
    for r in rows {
      let own = Money(fen: Money(String(r[3])).fen - Money(String(r[4])).fen)
      text += "\(r[0]),\(r[1]),\(r[2]),inpatient,1,inCounty,1,\(r[5] == "1" ? "1" : ""),\(r[3]),\(own),\(r[4])\n"
    }
    return Data(text.utf8)
  }

  @Test func referenceYearReproducedToTheFen() throws {
    let engine = try Fixture.engine("year-path/table.json")
    let input = try Self.referenceClaims()
    let expected = try ReferenceYearTests.rows("expected.csv")
    for (format, chunk) in [(ClaimFileFormat.csv, Int.max), (.csv, 4093), (.jsonl, 65_536)] {
      var csvOut: [[String]]
      if format == .jsonl {
        // The same claims as JSONL, results as JSONL.
        let rows = try ClaimFileDecoder.rows(from: input, format: .csv)
        var w = ClaimFileWriter(format: .jsonl)
        for r in rows { w.append(r) }
        let out = try Fixture.batch(engine, Data(w.output), input: .jsonl, output: .jsonl, chunk: chunk).text
        csvOut = [["header"]] + out.split(separator: "\n").map { line in
          let o = (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: String] ?? [:]
          return ["claim_id", "person_id", "date", "total", "in_policy", "basic", "majorIllness", "assistance", "fund_total", "patient"].map { o[$0] ?? "?" }
        }
      } else {
        csvOut = Fixture.rows(try Fixture.batch(engine, input, chunk: chunk).text)
      }
      #expect(csvOut.count == expected.count + 1)
      var mismatches = 0
      for (got, want) in zip(csvOut.dropFirst(), expected) {
        // expected: claim_id, person_id, basic, major_illness, assistance, patient
        if got[0] != want[0] || got[5] != want[2] || got[6] != want[3] || got[7] != want[4] || got[9] != want[5] { mismatches += 1 }
      }
      #expect(mismatches == 0, "\(format) in chunks of \(chunk)")
    }
  }

  @Test func batchAgreesWithTheOneClaimPath() throws {
    // Every row settled through Claim → prepare → settle must give what the
    // byte-level batch path gives.
    let table = try Fixture.table("simulation/table.json")
    let engine = try SettlementEngine(table: table)
    var synth = try PopulationSynthesizer(table: table, seed: 99)
    var writer = ClaimFileWriter(format: .csv)
    var rows: [ClaimFileRow] = []
    for _ in 0..<800 { for r in synth.nextPerson() { writer.append(r); rows.append(r) } }
    let out = Fixture.rows(try Fixture.batch(engine, Data(writer.output)).text).dropFirst()
    #expect(out.count == rows.count)
    var ytd = YearToDate()
    var person = ""
    for (row, got) in zip(rows, out) {
      if row.personId != person { ytd = YearToDate(); person = row.personId }
      let s = try engine.settle(engine.prepare(row.claim), yearToDate: &ytd)
      let want = [row.claimId, row.personId, row.date.description, Money(fen: s.total).description, Money(fen: s.inPolicy).description]
        + s.layers.map { Money(fen: $0.amount).description } + [Money(fen: s.fundTotal).description, Money(fen: s.patient).description]
      #expect(Array(got) == want)
    }
  }

  @Test func personsOutOfOrderAreRejected() throws {
    let engine = try Fixture.engine("hand/table.json")
    let head = "claim_id,person_id,date,kind,hospital_level,place,total\n"
    // P1 again after P2.
    let split = head + "a,P1,2024-01-01,inpatient,1,inCounty,10\nb,P2,2024-01-01,inpatient,1,inCounty,10\nc,P1,2024-02-01,inpatient,1,inCounty,10\n"
    do {
      _ = try Fixture.batch(engine, Data(split.utf8))
      Issue.record("a split person was accepted")
    } catch {
      #expect(error.code == .unsortedClaims && error.jsonPath == "4:3 (person_id)")
    }
    // A date before the person's previous one.
    let backwards = head + "a,P1,2024-03-01,inpatient,1,inCounty,10\nb,P1,2024-02-01,inpatient,1,inCounty,10\n"
    do {
      _ = try Fixture.batch(engine, Data(backwards.utf8))
      Issue.record("dates out of order were accepted")
    } catch {
      #expect(error.code == .unsortedClaims && error.jsonPath == "3:6 (date)")
    }
  }

  @Test func codesTheTableLacksAndDatesItDoesNotCover() throws {
    let engine = try Fixture.engine("hand/table.json")
    let head = "claim_id,person_id,date,kind,hospital_level,place,identities,total\n"
    for (row, code, location) in [
      ("a,P1,2024-01-01,inpatient,9,inCounty,,10", SettlementError.Code.unknownCode, "2:27 (hospital_level)"),
      ("a,P1,2024-01-01,inpatient,1,inCounty,2303,10", .unknownCode, "2:38 (identities)"),
      ("a,P1,2025-01-01,inpatient,1,inCounty,,10", .dateNotCovered, "2:6 (date)"),
    ] {
      do {
        _ = try Fixture.batch(engine, Data((head + row + "\n").utf8))
        Issue.record("accepted \(row)")
      } catch {
        #expect(error.code == code && error.jsonPath == location, "\(error)")
      }
    }
  }

  @Test func skippingBadRowsKeepsTheRestAndListsTheRejects() throws {
    let engine = try Fixture.engine("hand/table.json")
    var text = String(decoding: try Fixture.data("hand/claims.csv"), as: UTF8.self)
    text = text.replacingOccurrences(of: "C3,P2,2024-03-10,inpatient,1,", with: "C3,P2,2024-03-10,inpatient,7,")
    text += "C7,P9,2024-13-01,inpatient,1,inCounty,0,,1.00,,,\n"
    let (out, batch) = try Fixture.batch(engine, Data(text.utf8), skipsBadRows: true)
    #expect(batch.rejectedCount == 2)
    let rows = Fixture.rows(out).dropFirst()
    #expect(rows.map { $0[0] } == ["C1", "C2", "C4", "C5", "C6"])
    // Without C3, P2's C4 is the year's first claim: basic 11100 as before; major
    // illness on 8400 < 5000? No: (8400 − 5000) × 0.5 = 1700; assistance (8400 − 1700) × 0.7 = 4690;
    // patient 20000 − 11100 − 1700 − 4690 = 2510.
    #expect(rows.first { $0[0] == "C4" }?[5...] == ["11100.00", "1700.00", "4690.00", "17490.00", "2510.00"])
    let rejects = String(decoding: batch.rejects, as: UTF8.self).split(separator: "\n")
    #expect(rejects.count == 3)
    #expect(rejects[0] == "line,error,row")
    // `C3,P2,2024-03-10,inpatient,` is 27 characters: the level starts at 28.
    #expect(rejects[1].hasPrefix("4,\"unknownCode at 4:28 (hospital_level)"))
    #expect(rejects[1].hasSuffix(",\"C3,P2,2024-03-10,inpatient,7,inCounty,0,1102@2024-03-01/,12000.00,,,5000.00\""))
    // `C7,P9,` puts the date at 7.
    #expect(rejects[2].hasPrefix("8,\"invalidDate at 8:7 (date)"))
  }

  @Test func emptyFilesAndHeaderOnly() throws {
    let engine = try Fixture.engine("hand/table.json")
    #expect(try Fixture.batch(engine, Data()).batch.claimCount == 0)
    let (out, b) = try Fixture.batch(engine, Data("person_id,date,kind,hospital_level,place,total\n".utf8))
    #expect(b.claimCount == 0 && out.hasPrefix("claim_id,person_id"))
  }
}
