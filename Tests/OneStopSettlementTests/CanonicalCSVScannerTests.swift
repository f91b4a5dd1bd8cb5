import Foundation
import Testing
@testable import OneStopSettlement

/// The canonical-header CSV scanner (`CanonicalCSVScanner`: a row straight
/// to its prepared claim) against the general scanners and `ClaimCodes`
/// it stands in front of: row by row over seeded random rows (plain ones,
/// and ones with one field made unusual or bad), and whole files through
/// the stream and the result writer (output bytes, errors and their
/// locations, rejects), with the canonical path on and off.
@Suite struct CanonicalCSVScannerTests {
  /// `hand/table.json`: levels `1` and `2` (code `02`), identities `dibao`
  /// (code `1102`) and `jiance` (code `1104`), valid in 2024.
  static func engine() throws -> SettlementEngine { try Fixture.engine("hand/table.json") }

  /// A random header: the required columns and some others, in the
  /// canonical order (or, when `shuffled`, in a random one).
  static func header(_ rng: inout SplitMix64, shuffled: Bool) -> [ClaimFileColumn] {
    var columns = ClaimFileColumn.allCases.filter { ClaimFileColumn.required.contains($0) || rng.next() % 2 == 0 }
    // One time in four, a header the scanner has constants for (`AllColumns`, `CommonColumns`).
    switch rng.next() % 8 {
    case 0: columns = ClaimFileColumn.allCases
    case 1: columns = ClaimFileColumn.allCases.filter { ![.designatedHospital, .diagnoses, .income].contains($0) }
    default: break
    }
    if shuffled { for i in stride(from: columns.count - 1, to: 0, by: -1) { columns.swapAt(i, Int(rng.next() % UInt64(i + 1))) } }
    return columns
  }

  /// Yuan text of `fen` in one of the forms a file may hold (`12`, `12.5`,
  /// `12.50`, `012.50`), all meaning `fen`.
  static func yuan(_ fen: Int64, _ rng: inout SplitMix64) -> String {
    let y = fen / 100, c = fen % 100
    switch rng.next() % 6 {
    case 0 where c == 0: return "\(y)"
    case 1 where c % 10 == 0: return "\(y).\(c / 10)"
    case 2: return String(format: "0%lld.%02lld", y, c)
    default: return String(format: "%lld.%02lld", y, c)
    }
  }

  /// One row for `columns`: plain and consistent, then (one time in three)
  /// one field replaced by an unusual or bad value.
  static func row(_ columns: [ClaimFileColumn], person: String, date: String, _ rng: inout SplitMix64) -> String {
    func pick(_ v: [String]) -> String { v[Int(rng.next() % UInt64(v.count))] }
    // Totals up to 2·10⁹ fen: some have 8 integer digits (left to the general scanners).
    let total = Int64(rng.next() % (rng.next() % 8 == 0 ? 2_000_000_000 : 10_000_000))
    let own = Int64(rng.next() % UInt64(total / 4 + 1)), over = Int64(rng.next() % UInt64(total / 4 + 1))
    let first = rng.next() % 2 == 0 ? 0 : Int64(rng.next() % UInt64(total / 4 + 1))
    var fields = columns.map { c -> String in
      switch c {
      case .claimId: pick(["C\(rng.next() % 100_000)", "", "X-\(rng.next() % 1_000)-\(rng.next() % 1_000_000_000)"])
      case .personId: person
      case .date: date
      case .kind: pick(["inpatient", "outpatientChronic", "generalOutpatient"])
      case .hospitalLevel: pick(["1", "2", "02"])
      case .place: pick(["inCounty", "inCity", "inProvince", "outOfProvince"])
      case .referred, .designatedHospital: pick(["0", "1", ""])
      case .identities: pick(["", "1102", "dibao;1104", "1104;;dibao", "jiance", "1102;1102;1102;1102;1102;1102;1102;1102"])
      case .total: yuan(total, &rng)
      case .fullyOwnPay: own == 0 && rng.next() % 2 == 0 ? "" : yuan(own, &rng)
      case .overLimit: yuan(over, &rng)
      case .payFirst: first == 0 && rng.next() % 2 == 0 ? "" : yuan(first, &rng)
      case .inPolicy:
        rng.next() % 3 == 0 ? "" : yuan(total - (columns.contains(.fullyOwnPay) ? own : 0) - (columns.contains(.overLimit) ? over : 0)
          - (columns.contains(.payFirst) ? first : 0), &rng)
      case .diagnoses: rng.next() % 8 == 0 ? "C34.1" : ""
      case .income: pick(["", "36000", "12345.6"])
      }
    }
    if rng.next() % 3 == 0 {
      let i = Int(rng.next() % UInt64(columns.count))
      var unusual = ClaimFileFastPathTests.values(columns[i])
      switch columns[i] {
      case .identities: unusual += ["1102@2024-03-01/", "9999", "dibao;", "1102;1102;1102;1102;1102;1102;1102;1102;1102", "db\"x", "1102\r"]
      case .hospitalLevel: unusual += ["9", "1\r", "2;1", "02 "]
      case .claimId, .personId: unusual += ["P\r1", "P\"1", "\tP", "P "]
      case .date: unusual += ["2025-01-01", "2023-12-31"]
      case .total, .fullyOwnPay, .overLimit, .payFirst, .inPolicy, .income: unusual += ["12345678.00", "9999999.99", "1.2.3", "12,5"]
      default: break
      }
      fields[i] = pick(unusual)
    }
    if rng.next() % 25 == 0 { fields.removeLast() }
    if rng.next() % 25 == 0 { fields.append("x") }
    return fields.joined(separator: ",")
  }

  /// What the general scanners and `ClaimCodes` make of the line: the
  /// prepared claim and the row's parts, or `nil` for an error.
  static func general(_ bytes: [UInt8], _ columns: [ClaimFileColumn], _ codes: inout ClaimCodes) throws -> (PreparedClaim, ScannedClaim, next: Int)? {
    var scanner = ClaimFileScanner(format: .csv, columns: columns, firstLine: 2)
    var out: (PreparedClaim, ScannedClaim, next: Int)?
    var first = true
    var lineEnd = 0
    try scanner.feed(bytes, isFinal: true) { row, error, b in
      defer { first = false }
      guard first, error == nil else { return }
      var r = copy row
      lineEnd = r.lineEnd
      if let claim = try? withUnsafePointer(to: &r, { p throws(RowError) in try codes.prepare(p, b) }) { out = (claim, r, 0) }
    }
    // The next line's start: after LF or CR LF.
    if var o = out { o.next = bytes[lineEnd] == 13 ? lineEnd + 2 : lineEnd + 1; return o }
    return nil
  }

  @Test func canonicalRowsAreReadAsTheGeneralScannersReadThem() throws {
    let engine = try Self.engine()
    var codes = ClaimCodes(table: engine.table)
    var rng = SplitMix64(seed: 20_261_128)
    var taken = 0, generalTaken = 0, rows = 0, headers = 0, keptTotals = 0, renderedTotals = 0
    var shapes = [0, 0, 0]
    for _ in 0..<30_000 {
      let shuffled = rng.next() % 8 == 0
      let columns = Self.header(&rng, shuffled: shuffled)
      guard let scanner = CanonicalCSVScanner(columns: columns, table: engine.table) else {
        // Only a header out of the canonical order has none.
        #expect(columns != ClaimFileColumn.allCases.filter(columns.contains))
        continue
      }
      headers += 1
      #expect(columns == ClaimFileColumn.allCases.filter(columns.contains))
      switch scanner.columns {
      case AllColumns().columns: shapes[0] += 1
      case CommonColumns().columns: shapes[1] += 1
      default: shapes[2] += 1
      }
      let date = String(format: "2024-%02d-%02d", 1 + rng.next() % 12, 1 + rng.next() % 28)
      let line = Array(Self.row(columns, person: "P\(rng.next() % 1000)", date: date, &rng).utf8) + (rng.next() % 4 == 0 ? [13, 10] : [10])
      // Room after the line, as in a buffer of complete lines.
      let bytes = line + Array(repeating: UInt8(ascii: "x"), count: CanonicalCSVScanner.window) + [10]
      rows += 1
      let want = try Self.general(bytes, columns, &codes)
      if want != nil { generalTaken += 1 }
      var claim = PreparedClaim(total: 0, inPolicy: 0, kind: .inpatient, level: 0, place: .inCounty, year: 0)
      var out = CanonicalCSVScanner.Row()
      let next = bytes.withUnsafeBufferPointer { scanner.scan($0.baseAddress!, 0, limit: bytes.count, into: &claim, &out) }
      guard let next else { continue }
      taken += 1
      let text = String(decoding: line, as: UTF8.self)
      guard let (prepared, r, wantNext) = want else {
        Issue.record("taken, but the general scanners refuse it: \(text)")
        continue
      }
      #expect(claim == prepared, "\(text)")
      #expect(next == wantNext && out.lineEnd == r.lineEnd && out.dateOffset == r.dateOffset, "\(text)")
      #expect(out.row.lineStart == 0 && out.row.claimId == r.claimId && out.row.personId == r.personId, "\(text)")
      #expect(out.row.date == r.date && out.row.income == r.income, "\(text)")
      // The verbatim bytes are what the writer renders for claim_id,person_id,date.
      if columns.first == .claimId {
        var w = ByteWriter(capacity: 64)
        w.csvField(r.claimId, in: bytes.span)
        w.byte(44)
        w.csvField(r.personId, in: bytes.span)
        w.byte(44)
        w.date(r.date)
        #expect(Array(bytes[out.row.verbatim.lower..<out.row.verbatim.upper]) == Array(w.bytes), "\(text)")
      } else {
        #expect(out.row.verbatim.isEmpty)
      }
      // So are the bytes kept for total and in_policy.
      for (text, fen) in [(out.row.totalText, prepared.total), (out.row.inPolicyText, prepared.inPolicy)] where !text.isEmpty {
        #expect(String(decoding: bytes[text.lower..<text.upper], as: UTF8.self) == Money(fen: fen).description, "\(text)")
      }
      if out.row.totalText.isEmpty { renderedTotals += 1 } else { keptTotals += 1 }
    }
    // Canonical headers (each shape), rows both readable and not, most readable ones taken.
    #expect(headers > 20_000 && shapes.allSatisfy { $0 > 3_000 }, "\(shapes)")
    #expect(generalTaken > rows / 4 && generalTaken < rows * 9 / 10, "\(generalTaken) of \(rows)")
    #expect(taken > generalTaken * 3 / 4, "\(taken) of \(generalTaken)")
    // Totals kept as read (`12.50`) and rendered (`12.5`, `012.50`, `12`).
    #expect(keptTotals > 1_000 && renderedTotals > 1_000, "\(keptTotals) \(renderedTotals)")
  }

  /// A random file of `persons` persons (1–4 rows each, in date order), a
  /// few rows out of order; the header canonical or not.
  static func file(_ rng: inout SplitMix64, persons: Int, columns: [ClaimFileColumn]) -> [UInt8] {
    var text = columns.map(\.name).joined(separator: ",") + "\n"
    var ids = (0..<persons).map { "P\($0)" }
    if rng.next() % 3 == 0 { ids.swapAt(Int(rng.next() % UInt64(persons)), Int(rng.next() % UInt64(persons))) }
    for (k, id) in ids.enumerated() {
      var day = 1 + Int(rng.next() % 100)
      // Now and then a person seen before comes back, or a date goes back.
      let person = rng.next() % 60 == 0 && k > 1 ? ids[k / 2 - 1] : id
      for _ in 0..<(1 + rng.next() % 4) {
        day += rng.next() % 40 == 0 ? -5 : Int(rng.next() % 30)
        let d = Calendar(identifier: .gregorian).date(byAdding: .day, value: max(day, 0), to: Date(timeIntervalSince1970: 1_704_067_200))!
        let c = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "UTC")!, from: d)
        let date = String(format: "%04d-%02d-%02d", c.year!, c.month!, c.day!)
        text += Self.row(columns, person: person, date: date, &rng) + (rng.next() % 4 == 0 ? "\r\n" : "\n")
        if rng.next() % 50 == 0 { text += "\n" }
      }
    }
    return Array(text.utf8)
  }

  /// Feeds `bytes` from `start` to the end, `chunk` bytes at a time, to
  /// `stream` (results to `writer`); `start` is left after the last chunk
  /// fed, the failing one included.
  static func feed(
    _ bytes: [UInt8], from start: inout Int, chunk: Int, into stream: inout SettlementStream, _ writer: inout SettlementRowWriter
  ) throws(SettlementError) {
    repeat {
      let (from, end) = (start, min(bytes.count, start + chunk))
      start = end
      try stream.feed(bytes[from..<end], isFinal: end == bytes.count, into: &writer)
    } while start < bytes.count
  }

  /// A whole file through the stream and the CSV result writer: the output
  /// text, the error (if any), the rejects, and the rows each path read.
  static func run(_ bytes: [UInt8], engine: SettlementEngine, canonical: Bool, chunk: Int, skips: Bool)
    -> (text: String, error: String?, rejects: String, claims: Int, canonicalRows: Int)
  {
    var stream = SettlementStream(engines: [engine], format: .csv, skipsBadRows: skips, batchSize: 64)
    stream.usesCanonicalPath = canonical
    var writer = SettlementRowWriter(format: .csv, table: engine.table)
    writer.writeHeader()
    var failure: String? = nil
    var start = 0
    do {
      try feed(bytes, from: &start, chunk: chunk, into: &stream, &writer)
    } catch {
      failure = "\(error.code) \(error.jsonPath) \(error.expectation) \(error.found)"
    }
    return (String(decoding: writer.output.bytes, as: UTF8.self), failure, String(decoding: stream.rejects.bytes, as: UTF8.self), stream.claimCount,
      stream.canonicalRowCount)
  }

  @Test(arguments: [false, true])
  func filesSettleAndFailAsWithTheGeneralScanners(skips: Bool) throws {
    let engine = try Self.engine()
    var rng = SplitMix64(seed: skips ? 91 : 92)
    var canonicalRows = 0, claims = 0, errors = 0, rejects = 0
    for round in 0..<120 {
      let columns = Self.header(&rng, shuffled: round % 10 == 0)
      let bytes = Self.file(&rng, persons: 40, columns: columns)
      for chunk in [97, 1 << 20] {
        let on = Self.run(bytes, engine: engine, canonical: true, chunk: chunk, skips: skips)
        let off = Self.run(bytes, engine: engine, canonical: false, chunk: chunk, skips: skips)
        #expect(on.text == off.text, "round \(round), chunk \(chunk)")
        #expect(on.error == off.error, "round \(round), chunk \(chunk)")
        #expect(on.rejects == off.rejects, "round \(round), chunk \(chunk)")
        #expect(on.claims == off.claims && off.canonicalRows == 0)
        if chunk > 97 {
          canonicalRows += on.canonicalRows
          claims += on.claims
        }
        if on.error != nil { errors += 1 }
        if on.rejects.count > 15 { rejects += 1 }
      }
    }
    // Enough of each: rows read by the canonical path (all but the last
    // 256 bytes' of a file in one chunk, when plain), errors or rejects.
    #expect(canonicalRows > claims / 3, "\(canonicalRows) of \(claims)")
    if skips { #expect(rejects > 100) } else { #expect(errors > 100) }
  }

  @Test func anOrderErrorAfterCanonicalRowsIsLocatedAsBefore() throws {
    let engine = try Self.engine()
    var text = "claim_id,person_id,date,kind,hospital_level,place,identities,total\n"
    for i in 0..<10 { text += "c\(i),P\(i),2024-03-0\(i % 9 + 1),inpatient,1,inCounty,1102,1234.5\n" }
    // P3 again (line 12, person_id at column 5); a date going back for P10 (line 13, date at column 9).
    let again = text + "c10,P3,2024-05-01,inpatient,1,inCounty,,10\n" + String(repeating: "x", count: 300) + "\n"
    let back = text + "c10,P10,2024-05-01,inpatient,1,inCounty,,10\nc11,P10,2024-04-30,inpatient,1,inCounty,,10\n" + String(repeating: "x", count: 300) + "\n"
    for (file, path) in [(again, "12:5 (person_id)"), (back, "13:9 (date)")] {
      let on = Self.run(Array(file.utf8), engine: engine, canonical: true, chunk: 1 << 20, skips: false)
      #expect(on.canonicalRows >= 10)
      #expect(on.error?.hasPrefix("unsortedClaims \(path)") == true, "\(on.error ?? "no error")")
      // The rows before it are written.
      #expect(on.text.split(separator: "\n").count == (path.hasPrefix("12") ? 11 : 12))
    }
  }

  @Test func codesOutsideAPlainFieldAreLeftToTheGeneralPath() throws {
    // A table whose codes hold a space, a semicolon or 17 bytes: the canonical
    // scanner holds none of them (rows using them are declined), the others
    // it resolves as ClaimCodes does (the first entry of a code wins).
    var table = try Fixture.table("hand/table.json")
    table.hospitalLevels[0].codes = ["L 1", "L;1", "ABCDEFGHIJKLMNOPQ", "ABCDEFGHIJKLMNOP"]
    table.hospitalLevels[1].codes = ["ABCDEFGHIJKLMNOP", "2"]
    let scanner = try #require(CanonicalCSVScanner(columns: [.personId, .date, .kind, .hospitalLevel, .place, .total], table: table))
    for (level, want) in [("L 1", nil), ("L;1", nil), ("ABCDEFGHIJKLMNOPQ", nil), ("ABCDEFGHIJKLMNOP", 0), ("1", 0), ("2", 1), ("02", nil)] as [(String, Int?)] {
      let bytes = Array("P1,2024-01-02,inpatient,\(level),inCounty,10\n".utf8) + Array(repeating: 120, count: 300)
      var claim = PreparedClaim(total: 0, inPolicy: 0, kind: .inpatient, level: 9, place: .inCounty, year: 0)
      var out = CanonicalCSVScanner.Row()
      let next = bytes.withUnsafeBufferPointer { scanner.scan($0.baseAddress!, 0, limit: bytes.count, into: &claim, &out) }
      #expect((next == nil ? nil : claim.level) == want, "\(level)")
    }
  }
}

/// `StreamBatch`'s two views of the engine's amounts: column by column
/// (`withAmountColumns`, what the CSV writer reads) and row by row
/// (`amounts(engine:_:)`, copied on first use), for every row of every
/// batch and both engines.
@Suite struct StreamBatchColumnTests {
  struct BothViews: SettledClaimConsumer {
    var rows = 0
    var mismatches: [String] = []
    /// Per row, per engine: the amounts as the columns hold them.
    var amounts: [[[Int64]]] = []
    mutating func settled(_ batch: StreamBatch, bytes: Span<UInt8>) {
      for k in batch.layerCounts.indices {
        let width = batch.layerCounts[k] + 2
        // Columns first (before any row-order copy of this batch), then rows.
        let columns = batch.withAmountColumns(engine: k) { c in (0..<batch.count).map { j in (0..<width).map { c[$0][j] } } }
        for j in 0..<batch.count {
          if k == 0 { amounts.append([]) }
          amounts[rows + j].append(columns[j])
        }
        for j in 0..<batch.count {
          let a = batch.amounts(engine: k, j)
          let row = (0..<width).map { a[$0] }
          if row != columns[j] { mismatches.append("engine \(k) row \(j): \(row) ≠ \(columns[j])") }
        }
      }
      rows += batch.count
    }
  }

  @Test func columnsAndRowsHoldTheSameAmounts() throws {
    let engines = try SettlementStreamBatchTests.engines()
    let rows = try SettlementStreamBatchTests.population(seed: 9, persons: 400, table: engines[0].table)
    var writer = ClaimFileWriter(format: .csv)
    for r in rows { writer.append(r) }
    var stream = SettlementStream(engines: engines, format: .csv, batchSize: 37)
    var seen = BothViews()
    try stream.feed(Array(writer.output), isFinal: true, into: &seen)
    #expect(seen.rows == rows.count)
    #expect(seen.mismatches.isEmpty, "\(seen.mismatches.prefix(3))")
    // And both as the one-claim API settles each row.
    let want = try SettlementStreamBatchTests.oneByOne(rows, engines: engines)
    #expect(seen.amounts == want.map(\.amounts))
  }
}

/// Session 15's shortcuts in the canonical path, at their edges: ids that
/// hold a space, tab or control character, an empty identities field, one-
/// and two-byte level codes, and the person set's two-word keys (ids of 0
/// to 16 bytes, and longer ones) — each file settles to the same bytes,
/// errors and rejects with the canonical path on and off, and a reused
/// read buffer (`process(UnsafeRawBufferPointer)`) gives what `Data` does.
@Suite struct CanonicalShortcutTests {
  static let header = "claim_id,person_id,date,kind,hospital_level,place,referred,identities,total,fully_own_pay,over_limit,pay_first,in_policy\n"

  @Test func unusualIdsAndCodesAreLeftToTheGeneralPath() throws {
    let engine = try CanonicalCSVScannerTests.engine()
    // Each line: (claim id, person id, level, identities, taken by the canonical path?);
    // the first row is read with the header, by the general scanner.
    let rows: [(String, String, String, String, Bool)] = [
      ("C1", "P1", "1", "", false), ("C2", "P 2", "1", "", false), ("C3", "P3", "02", "1102", true), ("C 4", "P4", "2", "", false),
      ("C5", "P5\u{1}", "1", "", false), ("C6", "P6", "1", "dibao;1104", true), ("C7\t", "P7", "1", "", false), ("", "P8", "2", ";", true),
      ("C9", "P123456789012345", "1", "", true), ("C10", "P1234567890123456", "1", "", true), ("C11", "P12345678901234567", "2", "", true),
      ("C12", "P88", "1", "", true), ("C13", "P\u{7F}", "1", "", true), ("C14", "P\u{00E9}", "1", "", true),
    ]
    var text = Self.header
    for (k, r) in rows.enumerated() {
      text += "\(r.0),\(r.1),2024-03-\(10 + k),inpatient,\(r.2),inCounty,0,\(r.3),1234.50,10.00,0.00,,1224.50\n"
    }
    text += String(repeating: "x", count: 300) + "\n"  // room after the last row, then a bad line
    for skips in [false, true] {
      let on = CanonicalCSVScannerTests.run(Array(text.utf8), engine: engine, canonical: true, chunk: 1 << 20, skips: skips)
      let off = CanonicalCSVScannerTests.run(Array(text.utf8), engine: engine, canonical: false, chunk: 1 << 20, skips: skips)
      #expect(on.text == off.text && on.error == off.error && on.rejects == off.rejects)
      #expect(on.claims == rows.count && on.canonicalRows == rows.filter(\.4).count, "\(on.claims) \(on.canonicalRows) \(on.error ?? "")")
    }
  }

  @Test func personSetWordsAreTheBytes() {
    // The two-word hash and look-up of a short id agree with the byte path.
    var set = PersonIdSet(movedByTag: 12)
    var rng = SplitMix64(seed: 1515)
    var ids: [[UInt8]] = []
    for i in 0..<20_000 {
      var id = Array("\(i)-".utf8)  // unique whatever follows
      while id.count < Int(rng.next() % 24) { id.append(UInt8(truncatingIfNeeded: rng.next())) }
      ids.append(id)
    }
    for id in ids {
      let r = ByteRange(0, id.count)
      let h = PersonIdSet.hash(r, in: id.span)
      if id.count <= 16 {
        let (low, high) = id.withUnsafeBufferPointer { CurrentPersonId.words($0.baseAddress!, r, 0) }
        #expect(h == PersonIdSet.hash(low: low, high: high, count: id.count))
        let byWords = set.find(low: low, high: high, count: id.count, hash: h), byBytes = set.find(r, in: id.span, hash: h)
        #expect(byWords == byBytes && !byWords.found)
        set.insert(low: low, high: high, count: id.count, hash: h, slot: set.find(low: low, high: high, count: id.count, hash: h).slot)
      } else {
        set.insert(r, in: id.span, hash: h)
      }
    }
    #expect(set.count == ids.count)
    for id in ids {
      let found = set.contains(ByteRange(0, id.count), in: id.span, hash: PersonIdSet.hash(ByteRange(0, id.count), in: id.span))
      #expect(found)
    }
    var i = 0
    try? set.forEach { k, id in
      #expect(Array(id) == ids[k])
      i += 1
      return true
    }
    #expect(i == ids.count)
  }

  @Test func aReusedReadBufferSettlesAsData() throws {
    let engine = try CanonicalCSVScannerTests.engine()
    var rng = SplitMix64(seed: 77)
    let bytes = CanonicalCSVScannerTests.file(&rng, persons: 300, columns: ClaimFileColumn.allCases.filter { ![.designatedHospital, .diagnoses, .income].contains($0) })
    for chunk in [61, 4096, 1 << 20] {
      var viaData = ClaimBatch(engine: engine, input: .csv, output: .csv, skipsBadRows: true)
      var viaBuffer = ClaimBatch(engine: engine, input: .csv, output: .csv, skipsBadRows: true)
      var outData: [UInt8] = [], outBuffer: [UInt8] = []
      var buffer = [UInt8](repeating: 0, count: chunk)
      var start = 0
      repeat {
        let end = min(bytes.count, start + chunk)
        try viaData.process(Data(bytes[start..<end]), isFinal: end == bytes.count)
        // The same buffer refilled each time, stale bytes left past the chunk.
        buffer.replaceSubrange(0..<(end - start), with: bytes[start..<end])
        try buffer.withUnsafeBytes { b in try viaBuffer.process(UnsafeRawBufferPointer(rebasing: b[0..<(end - start)]), isFinal: end == bytes.count) }
        outData += viaData.output
        outBuffer += viaBuffer.output
        viaData.clearOutput()
        viaBuffer.clearOutput()
        start = end
      } while start < bytes.count
      #expect(outData == outBuffer && viaData.rejects == viaBuffer.rejects && viaData.claimCount == viaBuffer.claimCount, "chunk \(chunk)")
      #expect(viaData.claimCount > 300)
    }
  }
}
