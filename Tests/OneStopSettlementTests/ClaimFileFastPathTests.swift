import Foundation
import Testing
@testable import OneStopSettlement

/// The batch path's fast parts against their exact counterparts: the plain
/// CSV row scanner against the exact scanner (seeded random rows, good and
/// bad), amount and date rendering against `Money` / `CivilDate`, the person
/// set and the short-code tables against hand-picked keys, including ids
/// forced to share hash tags.
@Suite struct ClaimFileFastPathTests {
  /// Everything a scanned row holds, as values (byte ranges as text).
  struct Scanned: Equatable, CustomStringConvertible {
    var fields: [String]
    var description: String { fields.joined(separator: " | ") }

    init(_ row: borrowing ScannedClaim, _ b: Span<UInt8>) {
      var f = [
        "line \(row.line) \(row.lineStart)..<\(row.lineEnd)", "claim \(row.claimId.string(in: b))", "person \(row.personId.string(in: b))",
        "date \(row.date)@\(row.dateOffset)", "kind \(row.kind)", "level \(row.level.string(in: b))@\(row.levelOffset)", "place \(row.place)",
        "referred \(row.referred)", "designated \(row.designated)",
        "amounts \(row.total) \(row.fullyOwnPay) \(row.overLimit) \(row.payFirst) \(row.inPolicy) \(row.income)",
        "offsets total \(row.totalOffset) income \(row.incomeOffset) identities \(row.identitiesOffset) diagnoses \(row.diagnosesOffset)",
        "seen \(row.seen & ~ClaimFileColumn.claimId.bit)",
      ]
      for k in 0..<row.identityCount {
        let e = row.identities[k]
        f.append("identity \(e.code.string(in: b)) \(e.begin) \(e.end)")
      }
      for k in 0..<row.diagnosisCount { f.append("diagnosis \(row.diagnoses[k].string(in: b))") }
      fields = f
    }

    init(error: SettlementError) { fields = ["error \(error)"] }
  }

  /// Scans `text` in chunks of `chunk` bytes, with or without the plain path.
  static func scan(_ text: String, plain: Bool, chunk: Int) throws -> (rows: [Scanned], plainRows: Int) {
    var scanner = ClaimFileScanner(format: .csv)
    scanner.usesPlainPath = plain
    var out: [Scanned] = []
    let bytes = Array(text.utf8)
    var start = 0
    repeat {
      let end = min(start + chunk, bytes.count)
      try scanner.feed(bytes[start..<end], isFinal: end == bytes.count) { row, error, b in
        if let error { out.append(Scanned(error: error.located(line: row.line, lineStart: row.lineStart, in: b))) } else { out.append(Scanned(row, b)) }
      }
      start = end
    } while start < bytes.count
    return (out, scanner.plainRowCount)
  }

  /// Values for each column: mostly plain, some that only the exact path
  /// reads (quoted, spaced, `12.500`, `true`), some bad.
  static func values(_ c: ClaimFileColumn) -> [String] {
    switch c {
    case .claimId: ["C1", "C22", "", "\"C,3\"", " C4 ", "C\"5"]
    case .personId: ["P1", "P-0002", "P1", "", "\"P 3\"", " P4", "P5\t", "人员6"]
    case .date: ["2024-02-01", "2024-12-31", "2024-02-29", "2023-02-29", "2024-13-01", "24-01-01", " 2024-03-04", "", "2024-04-31"]
    case .kind: ["inpatient", "outpatientChronic", "generalOutpatient", "Inpatient", "", " inpatient", "inpatien"]
    case .hospitalLevel: ["1", "2", "02", "", " 3", "\"1\""]
    case .place: ["inCounty", "inCity", "inProvince", "outOfProvince", "inCounti", "", "\"inCity\""]
    case .referred, .designatedHospital: ["0", "1", "", "true", "2", " 1", "10"]
    case .identities: ["", "2301", "2301;2302", "2303@2024-03-01/", "2301;;2302", ";", " 2301", "a;b;c;d;e;f;g;h;i", "@"]
    case .diagnoses: ["", "C34.1", "C34.1;I63", "C34 .1", "\"C34;X\""]
    case .total, .fullyOwnPay, .overLimit, .payFirst, .inPolicy, .income:
      ["1000", "1000.5", "1000.50", "12.500", "0", "", "12.", ".5", "-1", "1e3", " 7.00", "99999999999.99", "100000000.01", "0012.30", "12.345",
       "3000.00", "200.00", "800"]
    }
  }

  @Test func plainRowsScanAsTheExactScannerScansThem() throws {
    var rng = SplitMix64(seed: 20_261_126)
    var compared = 0, readable = 0, plainRows = 0
    for round in 0..<400 {
      // A header of a random subset of columns (required ones always), in random order.
      var columns = ClaimFileColumn.allCases.filter { ClaimFileColumn.required.contains($0) || rng.next() % 2 == 0 }
      for i in stride(from: columns.count - 1, to: 0, by: -1) { columns.swapAt(i, Int(rng.next() % UInt64(i + 1))) }
      var text = columns.map(\.name).joined(separator: ",") + (round % 3 == 0 ? "\r\n" : "\n")
      for _ in 0..<12 {
        let plain = rng.next() % 4 != 0  // most rows from the first (plain) values
        var fields = columns.map { c -> String in
          let v = Self.values(c)
          return plain ? v[Int(rng.next() % UInt64(min(3, v.count)))] : v[Int(rng.next() % UInt64(v.count))]
        }
        if rng.next() % 20 == 0 { fields.removeLast() }
        if rng.next() % 20 == 0 { fields.append("x") }
        text += fields.joined(separator: ",")
        text += ["\n", "\r\n", "\n", "\n\n"][Int(rng.next() % 4)]
      }
      if rng.next() % 2 == 0 { text.removeLast() }  // no newline after the last row
      for chunk in [7, 64, 1 << 20] {
        let fast = try Self.scan(text, plain: true, chunk: chunk)
        let exact = try Self.scan(text, plain: false, chunk: chunk)
        #expect(fast.rows == exact.rows, "round \(round), chunk \(chunk):\n\(text)")
        #expect(exact.plainRows == 0)
        compared += exact.rows.count
        readable += exact.rows.filter { !$0.fields[0].hasPrefix("error") }.count
        plainRows += fast.plainRows
      }
    }
    // The rows must include both readable and bad ones, or the test proves little.
    #expect(compared > 10_000)
    #expect(readable > 2_000 && readable < compared)
    // … and most readable rows must have been read by the plain path.
    #expect(plainRows > readable / 2 && plainRows <= readable)
  }

  @Test func amountsAndDatesRenderAsMoneyAndCivilDate() throws {
    var rng = SplitMix64(seed: 7)
    var w = ByteWriter(capacity: 64)
    var values: [Int64] = [0, 1, 9, 10, 99, 100, 101, 999, 1000, 123_456, -1, -99, -100, -12_345, Money.maximumFen, Int64.max, Int64.min + 1]
    for _ in 0..<20_000 { values.append(Int64(bitPattern: rng.next()) >> (rng.next() % 64)) }
    for v in values {
      w.removeAll()
      w.fen(v)
      #expect(String(decoding: w.bytes, as: UTF8.self) == Money(fen: v).description)
      w.removeAll()
      w.int(Int(v))
      #expect(String(decoding: w.bytes, as: UTF8.self) == String(v))
    }
    // 2024-03-05 → "2024-03-05"; every day of 1900 … 2999's ends and a leap day.
    for d in [try CivilDate(year: 2024, month: 3, day: 5), try CivilDate(year: 1900, month: 1, day: 1), try CivilDate(year: 2999, month: 12, day: 31),
              try CivilDate(year: 2000, month: 2, day: 29)] {
      w.removeAll()
      w.date(ByteText.packed(d))
      #expect(String(decoding: w.bytes, as: UTF8.self) == d.description)
    }
  }

  @Test(arguments: [24, 12, 10])
  func personSetIsExactWhenHashesCollide(movedByTag: UInt64) throws {
    // 24: every doubling moves entries by their tag; 12: up to 4,096 slots, then
    // rehashed from the arena; 10: always rehashed from the arena.
    var set = PersonIdSet(movedByTag: movedByTag)
    var ids: [[UInt8]] = []
    // 50,000 ids of lengths 0 … 300 (one length byte, and the long form).
    var rng = SplitMix64(seed: 3)
    for i in 0..<50_000 {
      let n = i % 97 == 0 ? 255 + Int(rng.next() % 50) : Int(rng.next() % 20)
      var id = Array("P\(i)-".utf8)
      while id.count < n { id.append(UInt8(33 + rng.next() % 90)) }
      ids.append(id)
    }
    func has(_ id: [UInt8], hash h: UInt64? = nil) -> Bool {
      set.contains(ByteRange(0, id.count), in: id.span, hash: h ?? PersonIdSet.hash(ByteRange(0, id.count), in: id.span))
    }
    for id in ids {
      #expect(!has(id))
      set.insert(ByteRange(0, id.count), in: id.span, hash: PersonIdSet.hash(ByteRange(0, id.count), in: id.span))
    }
    #expect(set.count == ids.count)
    for id in ids { #expect(has(id)) }
    // Ids never inserted, looked up with the hash of an inserted id (same
    // slot and tag): only the byte comparison can reject them.
    for (k, id) in ids.prefix(2_000).enumerated() {
      let other = Array("Q\(k)".utf8)
      #expect(!has(other, hash: PersonIdSet.hash(ByteRange(0, id.count), in: id.span)))
    }
    var order: [Int] = []
    try set.forEach { i, id in
      if Array(id) != ids[i] { order.append(i) }
      return true
    }
    #expect(order.isEmpty)
  }

  @Test func shortCodesResolveExactly() {
    let codes: [(bytes: [UInt8], value: Int)] = [("1", 0), ("01", 0), ("2", 1), ("02", 1), ("3", 2), ("12345678", 3), ("1", 9), ("123456789", 4)]
      .map { (Array($0.0.utf8), $0.1) }
    let table = ShortCodeTable(codes)
    func find(_ s: String) -> Int? {
      let b = Array(s.utf8)
      return table.find(ByteRange(0, b.count), in: b.span)
    }
    #expect(find("1") == 0)  // the first entry of a code wins
    #expect(find("01") == 0 && find("2") == 1 && find("02") == 1 && find("3") == 2 && find("12345678") == 3)
    #expect(find("123456789") == nil)  // longer than 8 bytes: not held
    for absent in ["", "0", "4", "001", "1\u{0}", "12345670", "1234567"] { #expect(find(absent) == nil, "\(absent)") }
  }

  @Test func jsonlResultsHoldTheOneClaimPathsAmounts() throws {
    // Every JSONL result row, read back as JSON, must carry what
    // Claim → prepare → settle gives, amounts as Money renders them.
    let table = try Fixture.table("simulation/table.json")
    let engine = try SettlementEngine(table: table)
    var synth = try PopulationSynthesizer(table: table, seed: 5)
    var writer = ClaimFileWriter(format: .csv)
    var rows: [ClaimFileRow] = []
    for _ in 0..<300 { for r in synth.nextPerson() { writer.append(r); rows.append(r) } }
    let out = try Fixture.batch(engine, Data(writer.output), output: .jsonl).text.split(separator: "\n")
    #expect(out.count == rows.count)
    var ytd = YearToDate()
    var person = ""
    for (row, line) in zip(rows, out) {
      if row.personId != person { ytd = YearToDate(); person = row.personId }
      let s = try engine.settle(engine.prepare(row.claim), yearToDate: &ytd)
      var want = "{\"claim_id\":\"\(row.claimId)\",\"person_id\":\"\(row.personId)\",\"date\":\"\(row.date)\""
      want += ",\"total\":\"\(Money(fen: s.total))\",\"in_policy\":\"\(Money(fen: s.inPolicy))\""
      for (l, o) in zip(table.layers, s.layers) { want += ",\"\(l.id)\":\"\(Money(fen: o.amount))\"" }
      want += ",\"fund_total\":\"\(Money(fen: s.fundTotal))\",\"patient\":\"\(Money(fen: s.patient))\"}"
      #expect(String(line) == want)
    }
  }
}
