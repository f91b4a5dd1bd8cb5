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
    var both = 0, fixed = 0
    for _ in 0..<80_000 {
      let n = Int(rng.next() % 14) + 1
      let field = WordAtATimeTests.bytes(n, &rng, alphabet: alphabet).filter { $0 != 44 }
      guard !field.isEmpty else { continue }
      // 0–11 bytes before the field (the fixed-width read needs eight before its end).
      let prefix = WordAtATimeTests.bytes(Int(rng.next() % 12), &rng, alphabet: alphabet)
      let f = prefix.count, end = f + field.count
      let bytes = prefix + field + Array(",0000000000".utf8)
      bytes.withUnsafeBufferPointer { b in
        let base = b.baseAddress!
        var p = f
        let plain = ClaimFileScanner.plainFen(base, &p, end, limit: bytes.count)
        let line = ClaimFileScanner.lineFen(base, f, end)
        if let line {
          both += 1
          if field.count <= 8 && end >= 8 { fixed += 1 }
          #expect(plain == line && p == end, "\(String(decoding: field, as: UTF8.self))")
        } else if let plain, p == end {
          // Left to the plain path only when the integer part has 8 or more digits.
          let digits = field.prefix { $0 >= 48 && $0 <= 57 }.count
          #expect(digits >= 8, "\(String(decoding: field, as: UTF8.self)) = \(plain)")
        }
      }
    }
    #expect(both > 1_000 && fixed > 500, "\(both) \(fixed)")
  }

  @Test func wordDateReadsWhatPlainDateReads() {
    var rng = SplitMix64(seed: 47)
    let alphabet = Array("0123456789-/ 0123456789".utf8)
    var valid = 0
    for k in 0..<60_000 {
      var s: [UInt8]
      if k % 2 == 0 {
        // Mostly well-formed: years 1890–3009, months 0–13, days 0–32.
        let y = 1890 + Int(rng.next() % 1120), m = Int(rng.next() % 14), d = Int(rng.next() % 33)
        s = Array(String(format: "%04d-%02d-%02d", y, m, d).utf8)
        if rng.next() % 4 == 0 { s[Int(rng.next() % 10)] = alphabet[Int(rng.next() % UInt64(alphabet.count))] }
      } else {
        s = WordAtATimeTests.bytes(10, &rng, alphabet: alphabet)
      }
      let want = s.withUnsafeBufferPointer { ClaimFileScanner.plainDate($0.baseAddress!) }
      let got = s.withUnsafeBufferPointer { ClaimFileScanner.wordDate($0.baseAddress!) }
      #expect(got == want, "\(String(decoding: s, as: UTF8.self))")
      if want != nil { valid += 1 }
    }
    // Hand-checked: 2024-02-29 is a leap day, 2023-02-29 and 2100-02-29 are not, 2000-02-29 is.
    for (text, want) in [("2024-02-29", Int32(20240229)), ("2023-02-29", nil), ("2100-02-29", nil), ("2000-02-29", 20000229), ("2024-04-31", nil)] {
      let s = Array(text.utf8)
      #expect(s.withUnsafeBufferPointer { ClaimFileScanner.wordDate($0.baseAddress!) } == want, "\(text)")
    }
    #expect(valid > 10_000)
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
}

/// The batch writer's and reader's word-at-a-time helpers that are not
/// the scanner's: fen rendered eight digits at once, the current person id
/// kept in two words.
@Suite struct BatchWordTests {
  @Test func eightDigitsAreTheDecimalDigits() {
    // Hand-built: 12345678 → digits 1…8, most significant in the lowest byte.
    #expect(ByteWriter.eightDigits(12_345_678) == 0x0807_0605_0403_0201)
    #expect(ByteWriter.eightDigits(0) == 0)
    #expect(ByteWriter.eightDigits(99_999_999) == 0x0909_0909_0909_0909)
    #expect(ByteWriter.eightDigits(10_000_000) == 0x0000_0000_0000_0001)
    #expect(ByteWriter.eightDigits(5) == 0x0500_0000_0000_0000)
    var rng = SplitMix64(seed: 46)
    for _ in 0..<20_000 {
      let v = UInt32(rng.next() % 100_000_000)
      let d = ByteWriter.eightDigits(v)
      let text = String(decoding: (0..<8).map { UInt8(truncatingIfNeeded: d >> UInt64(8 * $0)) + 48 }, as: UTF8.self)
      #expect(text == String(repeating: "0", count: 8 - String(v).count) + String(v))
    }
  }

  @Test func fenAroundTheEightDigitSwitchRendersAsMoney() {
    // 999,999.99 yuan is the last value of eight fen digits; 1,000,000.00 goes through the pairs.
    // Hand-written expectations, and the bytes before `p` untouched.
    for (v, want): (Int64, String) in [
      (99_999_999, "999999.99"), (100_000_000, "1000000.00"), (-99_999_999, "-999999.99"), (-100_000_000, "-1000000.00"),
      (1, "0.01"), (-1, "-0.01"), (10, "0.10"), (100, "1.00"), (12_345, "123.45"), (10_000_000, "100000.00"), (0, "0.00"),
    ] {
      var out = [UInt8](repeating: 0xEE, count: 40)
      var p = 3
      out.withUnsafeMutableBufferPointer { o in ByteWriter.putFen(v, o.baseAddress!, &p) }
      #expect(out[..<3] == [0xEE, 0xEE, 0xEE])
      #expect(String(decoding: out[3..<p], as: UTF8.self) == want)
    }
  }

  @Test func currentPersonIdMatchesExactly() {
    var rng = SplitMix64(seed: 48)
    let alphabet = Array("P0123456789-ab".utf8)
    for _ in 0..<20_000 {
      // Two ids of 1–24 bytes, often equal or one byte apart, anywhere in a buffer (also at its end).
      let a = WordAtATimeTests.bytes(Int(rng.next() % 24) + 1, &rng, alphabet: alphabet)
      var c = rng.next() % 3 == 0 ? WordAtATimeTests.bytes(Int(rng.next() % 24) + 1, &rng, alphabet: alphabet) : a
      if rng.next() % 3 == 0 { c[Int(rng.next() % UInt64(c.count))] ^= 1 }
      let pad = Int(rng.next() % 20)
      let buffer = a + [UInt8](repeating: 44, count: pad) + c
      var id = CurrentPersonId()
      let before = id.matches(ByteRange(0, a.count), in: buffer.span)
      id.set(ByteRange(0, a.count), in: buffer.span)
      let itself = id.matches(ByteRange(0, a.count), in: buffer.span)
      let other = id.matches(ByteRange(a.count + pad, buffer.count), in: buffer.span)
      #expect(!before && itself)
      #expect(other == (a == c), "\(a) \(c)")
    }
  }

  @Test func kindsAndPlacesAreReadExactlyByWords() {
    Self.expectExact(ClaimKind.allCases.map { ($0.rawValue, $0) }) { ClaimFileScanner.plainKind($0, $1) }
    Self.expectExact(Place.allCases.map { ($0.rawValue, $0) }) { ClaimFileScanner.plainPlace($0, $1) }
  }

  /// Every spelling reads as its value, and every one-byte change of it
  /// (at each position) as `nil`, each in a longer buffer.
  static func expectExact<T: Equatable>(_ spellings: [(String, T)], _ read: (UnsafePointer<UInt8>, Int) -> T?) {
    func value(_ word: [UInt8]) -> T? { (word + Array(",xxxxxxxx".utf8)).withUnsafeBufferPointer { read($0.baseAddress!, word.count) } }
    for (text, want) in spellings {
      let word = Array(text.utf8)
      #expect(value(word) == want)
      for i in word.indices {
        var near = word
        near[i] ^= 0x20
        #expect(value(near) == nil, "\(String(decoding: near, as: UTF8.self))")
      }
    }
  }

  /// The column plan packs columns as 4-bit case numbers and reads them back
  /// with `unsafeBitCast`: that is sound only while every 4-bit value is a
  /// case, i.e. the enum has exactly 16, and each comes back as itself.
  @Test func columnPlanNibblesAreCases() {
    #expect(ClaimFileColumn.allCases.count == 16)
    let layout = CSVLayout(ClaimFileColumn.allCases)
    var plan = layout.packed
    for column in ClaimFileColumn.allCases {
      #expect(unsafeBitCast(UInt8(truncatingIfNeeded: plan & 15), to: ClaimFileColumn.self) == column)
      plan >>= 4
    }
  }
}

/// `ByteWriter.putFen(_:_:_:quads:)` (four digits per table load, what the
/// result writer uses) against `putFen(_:_:_:)`: the same bytes for seeded
/// random amounts of every length and sign, and at the boundaries where
/// digits are dropped or the table is left.
@Suite struct DigitQuadsTests {
  static func both(_ v: Int64) -> (String, String) {
    var a = [UInt8](repeating: 0, count: 64), b = [UInt8](repeating: 0, count: 64)
    var p = 0, q = 0
    a.withUnsafeMutableBufferPointer { o in ByteWriter.putFen(v, o.baseAddress!, &p) }
    DigitQuads.withTable { quads in b.withUnsafeMutableBufferPointer { o in ByteWriter.putFen(v, o.baseAddress!, &q, quads: quads) } }
    return (String(decoding: a[0..<p], as: UTF8.self), String(decoding: b[0..<q], as: UTF8.self))
  }

  @Test func quadsRenderAsTheDigitsDo() {
    var values: [Int64] = [0, 1, -1, 9, 10, 99, 100, 101, 999, 1_000, 9_999, 10_000, 10_001, 99_999, 100_000, 999_999, 1_000_000,
      9_999_999, 10_000_000, 99_999_999, 100_000_000, 100_000_001, 123_456_789_012, .max, .min, .min + 1]
    values += values.filter { $0 != .min }.map { -$0 }
    var rng = SplitMix64(seed: 15)
    for _ in 0..<200_000 {
      // Magnitudes of every length (1 to 19 digits), either sign.
      let digits = 1 + rng.next() % 19
      var v = Int64(truncatingIfNeeded: rng.next() % 10_000_000_000_000_000_000 % (digits == 19 ? UInt64(Int64.max) : [UInt64](repeating: 10, count: Int(digits)).reduce(1, *)))
      if rng.next() % 2 == 0 { v = -v }
      values.append(v)
    }
    var failures: [String] = []
    for v in values {
      let (want, got) = Self.both(v)
      if want != got { failures.append("\(v): \(want) ≠ \(got)") }
    }
    #expect(failures.isEmpty, "\(failures.prefix(5))")
    // And both are the yuan text: 12345 fen = "123.45".
    #expect(Self.both(12_345).1 == "123.45" && Self.both(-5).1 == "-0.05" && Self.both(99_999_999).1 == "999999.99")
  }
}
