import Foundation
import Testing
@testable import OneStopSettlement

/// Reading claims files: exact amounts, both formats, chunking, and errors
/// that name the line, column and field.
@Suite struct ClaimFileDecoderTests {
  static let header = "claim_id,person_id,date,kind,hospital_level,place,referred,identities,total,fully_own_pay,over_limit,pay_first,in_policy,diagnoses,income\n"

  static func rows(_ text: String, _ format: ClaimFileFormat = .csv) throws(SettlementError) -> [ClaimFileRow] {
    try ClaimFileDecoder.rows(from: Data(text.utf8), format: format)
  }

  @Test func exactAmountsAndDerivedInPolicy() throws {
    let r = try Self.rows(Self.header + "A,P,2024-05-01,inpatient,2,inCounty,1,2303;1701@2024-01-01/2024-06-30,8009.85,708.8,0,,,C34.9;I10,12000\n")
    #expect(r.count == 1)
    let a = r[0].amounts
    // 8009.85 yuan = 800985 fen; "708.8" = 70880 fen; in-policy derived 800985 − 70880 = 730105.
    #expect([a.total.fen, a.fullyOwnPay.fen, a.overLimit.fen, a.payFirst.fen, a.inPolicy.fen] == [800_985, 70_880, 0, 0, 730_105])
    #expect(r[0].identities == [
      IdentityRecord(code: "2303"),
      IdentityRecord(code: "1701", begin: try CivilDate(parsing: "2024-01-01"), end: try CivilDate(parsing: "2024-06-30")),
    ])
    #expect(r[0].diagnoses == ["C34.9", "I10"])
    #expect(r[0].income == Money(fen: 1_200_000))
    #expect(r[0].referred && r[0].kind == .inpatient && r[0].place == .inCounty && r[0].hospitalLevel == "2")
  }

  struct Amount: Sendable, CustomTestStringConvertible {
    let text: String
    let fen: Int64
    var testDescription: String { "\"\(text)\"" }
  }

  @Test(arguments: [
    Amount(text: "0", fen: 0), Amount(text: "0.01", fen: 1), Amount(text: "12.5", fen: 1250), Amount(text: "12.50", fen: 1250),
    Amount(text: "12.500", fen: 1250), Amount(text: " 7 ", fen: 700), Amount(text: "0000000000000000000012.34", fen: 1234), Amount(text: "\"1,234.56\"", fen: -1),
    Amount(text: "9999999999.99", fen: 999_999_999_999), Amount(text: "10000000000.00", fen: 1_000_000_000_000),
  ])
  func amountsParseExactly(_ c: Amount) throws {
    let text = Self.header + "A,P,2024-05-01,inpatient,2,inCounty,,,\(c.text),,,,,,\n"
    if c.fen < 0 {
      #expect(throws: SettlementError.self) { try Self.rows(text) }
    } else {
      #expect(try Self.rows(text)[0].amounts.total.fen == c.fen)
    }
  }

  struct Bad: Sendable, CustomTestStringConvertible {
    let row: String
    let code: SettlementError.Code
    let location: String
    var testDescription: String { row }
  }

  /// Each bad row is line 2; the column is the character where the field
  /// starts: `A,P,2024-05-01,inpatient,2,inCounty,` puts date at 5, kind at
  /// 16, place at 28, referred at 37, identities at 38 and total at 39.
  @Test(arguments: [
    Bad(row: "A,P,2024-05-01,inpatient,2,inCounty,,,12.345,,,,,,", code: .invalidNumber, location: "2:39 (total)"),
    Bad(row: "A,P,2024-05-01,inpatient,2,inCounty,,,-5,,,,,,", code: .amountOutOfRange, location: "2:39 (total)"),
    Bad(row: "A,P,2024-05-01,inpatient,2,inCounty,,,1e3,,,,,,", code: .invalidNumber, location: "2:39 (total)"),
    Bad(row: "A,P,2024-05-01,inpatient,2,inCounty,,,10000000000.01,,,,,,", code: .amountOutOfRange, location: "2:39 (total)"),
    Bad(row: "A,P,2024-02-30,inpatient,2,inCounty,,,10,,,,,,", code: .invalidDate, location: "2:5 (date)"),
    Bad(row: "A,P,2024/02/01,inpatient,2,inCounty,,,10,,,,,,", code: .invalidDate, location: "2:5 (date)"),
    Bad(row: "A,P,2024-05-01,outpatient,2,inCounty,,,10,,,,,,", code: .invalidValue, location: "2:16 (kind)"),
    Bad(row: "A,P,2024-05-01,inpatient,2,abroad,,,10,,,,,,", code: .invalidValue, location: "2:28 (place)"),
    Bad(row: "A,P,2024-05-01,inpatient,2,inCounty,yes,,10,,,,,,", code: .invalidValue, location: "2:37 (referred)"),
    Bad(row: "A,P,2024-05-01,inpatient,2,inCounty,,2303@2024-07-01/2024-01-01,10,,,,,,", code: .invalidDate, location: "2:38 (identities)"),
    Bad(row: "A,,2024-05-01,inpatient,2,inCounty,,,10,,,,,,", code: .missingField, location: "2:1 (person_id)"),
    Bad(row: "A,P,2024-05-01,inpatient,2,inCounty,,,10,6,,,5,,", code: .inconsistentAmounts, location: "2:39 (total)"),
    Bad(row: "A,P,2024-05-01,inpatient,2,inCounty,,,10,11,,,,,", code: .inconsistentAmounts, location: "2:39 (total)"),
    // 14 fields: the line (45 characters) ends before the 15th → column 46.
    Bad(row: "A,P,2024-05-01,inpatient,2,inCounty,,,10,,,,,", code: .malformedRow, location: "2:46"),
    // 16 fields: the 16th starts at column 48.
    Bad(row: "A,P,2024-05-01,inpatient,2,inCounty,,,10,,,,,,,", code: .malformedRow, location: "2:48"),
    Bad(row: "\"A,P,2024-05-01,inpatient,2,inCounty,,,10,,,,,,", code: .malformedRow, location: "2:1 (claim_id)"),
    // 甲 is three bytes but one character: still column 39.
    Bad(row: "甲,P,2024-05-01,inpatient,2,inCounty,,,x,,,,,,", code: .invalidNumber, location: "2:39 (total)"),
  ])
  func malformedRowsNameLineColumnAndField(_ c: Bad) {
    do {
      _ = try Self.rows(Self.header + c.row + "\n")
      Issue.record("no error for \(c.row)")
    } catch {
      #expect(error.code == c.code, "\(error)")
      #expect(error.jsonPath == c.location, "\(error)")
    }
  }

  @Test func headerMustNameKnownColumnsOnceAndTheRequiredOnes() {
    #expect(throws: SettlementError.self) { try Self.rows("person_id,date,kind,hospital_level,place,total,colour\n") }
    #expect(throws: SettlementError.self) { try Self.rows("person_id,date,kind,hospital_level,place,total,total\n") }
    do {
      _ = try Self.rows("person_id,date,kind,place,total\nP,2024-01-01,inpatient,inCounty,1\n")
      Issue.record("missing column accepted")
    } catch {
      #expect(error.code == .missingField && error.expectation.contains("hospital_level"))
    }
  }

  @Test func quotedFieldsCRLFBlankLinesAndByteOrderMark() throws {
    let text = "\u{FEFF}person_id,claim_id,date,kind,hospital_level,place,total\r\n\r\n"
      + "\"P,1\",\"say \"\"hi\"\"\",2024-01-02,inpatient,1,inCounty,\"12.00\"\r\n   \n"
    let r = try Self.rows(text)
    #expect(r.count == 1)
    #expect(r[0].personId == "P,1" && r[0].claimId == "say \"hi\"" && r[0].amounts.total.fen == 1200)
  }

  @Test func jsonlAcceptsStringsNumbersEscapesAndObjects() throws {
    let line = #"{"person_id": "P\u00e9\"1\"", "date": "2024-03-01", "kind": "generalOutpatient", "hospital_level": 1, "place": "inCity", "#
      + #""total": 100.5, "pay_first": "0.50", "identities": [{"code": "2303", "end": "2024-06-30"}, "1701"], "diagnoses": "J06.9;I10", "designated_hospital": true}"#
    let r = try Self.rows(line + "\n", .jsonl)
    #expect(r[0].personId == "Pé\"1\"")
    #expect(r[0].hospitalLevel == "1" && r[0].kind == .generalOutpatient && r[0].designatedHospital)
    #expect(r[0].amounts.total.fen == 10_050 && r[0].amounts.payFirst.fen == 50 && r[0].amounts.inPolicy.fen == 10_000)
    let june30 = try CivilDate(parsing: "2024-06-30")
    #expect(r[0].identities.map(\.code) == ["2303", "1701"] && r[0].identities[0].end == june30)
    #expect(r[0].diagnoses == ["J06.9", "I10"])
  }

  static let jsonStart = #"{"person_id":"P","date":"2024-01-01","kind":"inpatient","hospital_level":"1","place":"inCounty","total":"#

  /// The column is where `marker` (its last occurrence) starts in the line.
  @Test(arguments: [
    (jsonStart + #""1","colour":1}"#, SettlementError.Code.unknownKey, #""colour""#, ""),
    (jsonStart + #""1.234"}"#, .invalidNumber, "1.234", " (total)"),
    (jsonStart + #""1"} x"#, .malformedJSON, "x", ""),
    (jsonStart + #""1"#, .malformedJSON, #""1"#, " (total)"),
    (#"{"person_id":"P","date":"2024-01-01","kind":"inpatient","hospital_level":"1","place":"inCounty"}"#, .missingField, "{", " (total)"),
  ])
  func malformedJSONLines(_ line: String, _ code: SettlementError.Code, _ marker: String, _ field: String) throws {
    let at = try #require(line.range(of: marker, options: .backwards))
    let location = "1:\(line.distance(from: line.startIndex, to: at.lowerBound) + 1)\(field)"
    do {
      _ = try Self.rows(line + "\n", .jsonl)
      Issue.record("accepted \(line)")
    } catch {
      #expect(error.code == code, "\(error)")
      #expect(error.jsonPath == location, "\(error)")
    }
  }

  @Test func anyChunkSizeGivesTheSameRows() throws {
    let table = try Fixture.table("simulation/table.json")
    var synth = try PopulationSynthesizer(table: table, seed: 2)
    for format in ClaimFileFormat.allCases {
      var w = ClaimFileWriter(format: format)
      var expected: [ClaimFileRow] = []
      for _ in 0..<60 { for row in synth.nextPerson() { w.append(row); expected.append(row) } }
      let bytes = Array(w.output)
      for size in [1, 7, 64, 4096, bytes.count] {
        var d = ClaimFileDecoder(format: format)
        var got: [ClaimFileRow] = []
        var start = 0
        while start < bytes.count {
          let end = min(start + size, bytes.count)
          got += try d.decode(Data(bytes[start..<end]), isFinal: end == bytes.count)
          start = end
        }
        #expect(got == expected, "\(format) in chunks of \(size)")
      }
    }
  }

  @Test func writerAndDecoderRoundTripAwkwardText() throws {
    let row = ClaimFileRow(
      claimId: "C,\"1\"\n2", personId: "张三", date: try CivilDate(parsing: "2024-02-29"), kind: .outpatientChronic, hospitalLevel: "03",
      place: .outOfProvince, referred: true, designatedHospital: true,
      identities: [IdentityRecord(code: "2303", begin: try CivilDate(parsing: "2024-01-01"))],
      amounts: ClaimAmounts(total: Money("100.00"), fullyOwnPay: Money("1.00"), overLimit: Money("2.00"), payFirst: Money("3.00")),
      diagnoses: ["N18.5"], income: nil)
    for format in ClaimFileFormat.allCases where format == .jsonl {
      var w = ClaimFileWriter(format: format)
      w.append(row)
      #expect(try ClaimFileDecoder.rows(from: Data(w.output), format: format) == [row])
    }
    // A CSV line break inside a quoted field is not supported (one row per line): say so.
    var w = ClaimFileWriter(format: .csv)
    w.append(row)
    #expect(throws: SettlementError.self) { try ClaimFileDecoder.rows(from: Data(w.output), format: .csv) }
    var plain = row
    plain.claimId = "C,\"1\""
    var w2 = ClaimFileWriter(format: .csv)
    w2.append(plain)
    #expect(try ClaimFileDecoder.rows(from: Data(w2.output), format: .csv) == [plain])
  }

  /// The placeholder date of a row whose date did not parse is 1970-01-01, day 0.
  @Test func epochIsDayZero() throws {
    #expect(CivilDate.epoch == (try CivilDate(parsing: "1970-01-01")))
    #expect(CivilDate.epoch.dayNumber == 0)
  }
}
