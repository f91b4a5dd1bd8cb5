import Foundation
import Testing
@testable import OneStopSettlement

/// The whole-line CSV scanner (`scanLineCSVRow`: commas classified 16 bytes
/// at a time, fields cut from the mask) against the per-field plain scanner
/// it stands in front of, over seeded random rows; its parts against
/// byte-by-byte references; and bad rows read through it located as before.
@Suite struct ClaimFileLineScanTests {
  typealias Scanned = ClaimFileFastPathTests.Scanned

  /// Scans the first line of `bytes` (padded so the line path may take it)
  /// with the line path and with the plain path.
  static func both(_ line: [UInt8], _ layout: CSVLayout) -> (line: Scanned?, plain: Scanned?) {
    let bytes = line + [10] + [UInt8](repeating: UInt8(ascii: "x"), count: 160) + [10]
    var a = ScannedClaim(), p = ScannedClaim()
    a.reset(line: 1, start: 0, end: 0)
    p.reset(line: 1, start: 0, end: 0)
    let (na, np) = bytes.withUnsafeBufferPointer { b in
      (ClaimFileScanner.scanLineCSVRow(b.baseAddress!, limit: bytes.count, layout: layout, into: &a),
       ClaimFileScanner.scanPlainCSVRow(b.baseAddress!, limit: bytes.count, layout: layout, into: &p))
    }
    return (na.map { _ in Scanned(a, bytes.span) }, np.map { _ in Scanned(p, bytes.span) })
  }

  @Test func lineRowsScanAsThePlainPathScansThem() {
    var rng = SplitMix64(seed: 20_261_127)
    var taken = 0, plainTaken = 0, rows = 0
    for _ in 0..<30_000 {
      var columns = ClaimFileColumn.allCases.filter { ClaimFileColumn.required.contains($0) || rng.next() % 2 == 0 }
      for i in stride(from: columns.count - 1, to: 0, by: -1) { columns.swapAt(i, Int(rng.next() % UInt64(i + 1))) }
      let plain = rng.next() % 4 != 0
      var fields = columns.map { c -> String in
        var v = ClaimFileFastPathTests.values(c)
        if c == .personId || c == .claimId { v += ["P" + String(repeating: "7", count: Int(rng.next() % 40))] }
        if [.total, .fullyOwnPay, .overLimit, .payFirst, .inPolicy, .income].contains(c) { v += ["1234567.89", "12345678", "9999999.9", "0.05", "7,5"] }
        return plain ? v[Int(rng.next() % UInt64(min(3, v.count)))] : v[Int(rng.next() % UInt64(v.count))]
      }
      if rng.next() % 20 == 0 { fields.removeLast() }
      if rng.next() % 20 == 0 { fields.append("x") }
      var line = Array(fields.joined(separator: ",").utf8)
      if rng.next() % 5 == 0 { line.append(13) }
      let got = Self.both(line, CSVLayout(columns))
      rows += 1
      if let l = got.line {
        taken += 1
        #expect(got.plain == l, "\(String(decoding: line, as: UTF8.self))")
      }
      if got.plain != nil { plainTaken += 1 }
    }
    // Both plain and not: the line path must take most of what the plain path takes.
    #expect(plainTaken > rows / 10 && plainTaken < rows, "\(plainTaken) of \(rows)")
    #expect(taken > plainTaken * 3 / 4, "\(taken) of \(plainTaken)")
  }

  @Test func commaBitsMarkEveryComma() {
    var rng = SplitMix64(seed: 44)
    let alphabet = Array(",,,a1\n\r\"".utf8)
    for _ in 0..<20_000 {
      let s = WordAtATimeTests.bytes(16, &rng, alphabet: alphabet)
      var want: UInt64 = 0
      for (i, x) in s.enumerated() where x == 44 { want |= 1 << UInt64(i) }
      let got = s.withUnsafeBufferPointer { ClaimFileScanner.commaBits($0.baseAddress!) }
      #expect(got == want, "\(s)")
    }
  }

  @Test func lineFenReadsWhatPlainFenReads() {
    var rng = SplitMix64(seed: 45)
    let alphabet = Array("0123456789012345678901234567.,-x".utf8)
    var both = 0
    for _ in 0..<50_000 {
      let n = Int(rng.next() % 14) + 1
      let field = WordAtATimeTests.bytes(n, &rng, alphabet: alphabet).filter { $0 != 44 }
      guard !field.isEmpty else { continue }
      let bytes = field + Array(",0000000000".utf8)
      bytes.withUnsafeBufferPointer { b in
        let base = b.baseAddress!
        var p = 0
        let plain = ClaimFileScanner.plainFen(base, &p, field.count, limit: bytes.count)
        let line = ClaimFileScanner.lineFen(base, 0, field.count)
        if let line {
          both += 1
          #expect(plain == line && p == field.count, "\(String(decoding: field, as: UTF8.self))")
        } else if let plain, p == field.count {
          // Left to the plain path only when the integer part has 8 or more digits.
          let digits = field.prefix { $0 >= 48 && $0 <= 57 }.count
          #expect(digits >= 8, "\(String(decoding: field, as: UTF8.self)) = \(plain)")
        }
      }
    }
    #expect(both > 1_000)
  }

  /// 20 persons of one claim, `bad` as the 11th row; long enough that the
  /// line path is tried on it (it needs 128 bytes after the line's start).
  static func file(bad: String, head: String = "claim_id,person_id,date,kind,hospital_level,place,identities,total\n") -> Data {
    var text = head
    for i in 0..<20 { text += i == 10 ? bad + "\n" : "c\(i),P\(i),2024-03-0\(i % 9 + 1),inpatient,1,inCounty,1102,1234.5\n" }
    return Data(text.utf8)
  }

  @Test func badRowsAfterTheLinePathAreLocatedAsBefore() throws {
    let engine = try Fixture.engine("hand/table.json")
    // Columns counted from 1: "a,PX," puts the date at 6, "a,PX,2024-01-01," the kind at 17,
    // "…,inpatient," the level at 27, "…,1," the place at 29, "…,inCounty," identities at 38, "…,2301," total at 43.
    for (row, code, location) in [
      ("a,PX,2024-01-01,inpatient,9,inCounty,1102,10", SettlementError.Code.unknownCode, "12:27 (hospital_level)"),
      ("a,PX,2024-01-01,inpatient,1,inCounty,2303,10", .unknownCode, "12:38 (identities)"),
      ("a,PX,2025-01-01,inpatient,1,inCounty,1102,10", .dateNotCovered, "12:6 (date)"),
      ("a,PX,2024-02-30,inpatient,1,inCounty,1102,10", .invalidDate, "12:6 (date)"),
      ("a,PX,2024-01-01,inpatiant,1,inCounty,1102,10", .invalidValue, "12:17 (kind)"),
      ("a,PX,2024-01-01,inpatient,1,inCounty,1102,12.3x", .invalidNumber, "12:43 (total)"),
      ("a,PX,2024-01-01,inpatient,1,inCounty,1102,-5", .amountOutOfRange, "12:43 (total)"),
    ] {
      do {
        _ = try Fixture.batch(engine, Self.file(bad: row))
        Issue.record("accepted \(row)")
      } catch {
        #expect(error.code == code && error.jsonPath == location, "\(row): \(error)")
      }
    }
  }

  @Test func skippedBadRowLeavesTheOthersSettled() throws {
    let engine = try Fixture.engine("hand/table.json")
    let data = Self.file(bad: "a,PX,2024-01-01,inpatient,1,inCounty,1102,12.3x")
    let (text, batch) = try Fixture.batch(engine, data, skipsBadRows: true)
    #expect(batch.rejectedCount == 1 && batch.claimCount == 19)
    #expect(String(decoding: batch.rejects, as: UTF8.self).hasPrefix("line,error,row\n12,"))
    // Header and 19 rows; the same rows as with the line path off.
    #expect(text.split(separator: "\n").count == 20)
    let good = try Fixture.batch(engine, Data(String(decoding: data, as: UTF8.self).replacingOccurrences(of: "a,PX,2024-01-01,inpatient,1,inCounty,1102,12.3x\n", with: "").utf8))
    #expect(good.text == text)
  }

  @Test func fenRendersEightDigitsAtOnceAsPairsDo() {
    // Hand-built: 12345678 → digits 1…8, most significant in the lowest byte.
    #expect(ByteWriter.eightDigits(12_345_678) == 0x0807_0605_0403_0201)
    #expect(ByteWriter.eightDigits(0) == 0)
    #expect(ByteWriter.eightDigits(99_999_999) == 0x0909_0909_0909_0909)
    #expect(ByteWriter.eightDigits(10_000_000) == 0x0000_0000_0000_0001)
    var rng = SplitMix64(seed: 46)
    for _ in 0..<20_000 {
      let v = UInt32(rng.next() % 100_000_000)
      let d = ByteWriter.eightDigits(v)
      let text = String(decoding: (0..<8).map { UInt8(truncatingIfNeeded: d >> UInt64(8 * $0)) + 48 }, as: UTF8.self)
      #expect(text == String(repeating: "0", count: 8 - String(v).count) + String(v))
    }
    // At the switch to the pair loop: 99,999,999.99 yuan and 100,000,000.00; the bytes
    // before `p` are left alone and the text is exactly what Money renders.
    for v: Int64 in [9_999_999_999, 10_000_000_000, -9_999_999_999, -10_000_000_000, 5, -5, 100, 1_000_000_000, 12_345_678_901] {
      var out = [UInt8](repeating: 0xEE, count: 40)
      var p = 3
      out.withUnsafeMutableBufferPointer { o in ByteWriter.putFen(v, o.baseAddress!, &p) }
      #expect(out[..<3] == [0xEE, 0xEE, 0xEE])
      #expect(String(decoding: out[3..<p], as: UTF8.self) == Money(fen: v).description)
    }
  }
}
