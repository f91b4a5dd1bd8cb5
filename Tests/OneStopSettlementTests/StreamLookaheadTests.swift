import Testing
@testable import OneStopSettlement

/// Canonical rows read ahead (``SettlementStream/lookahead``: their
/// persons' look-ups started together) against each row checked as it is
/// read: the same result rows, errors, rejects and row counts, also when a
/// bad row comes in the middle of the rows read ahead.
@Suite struct StreamLookaheadTests {
  /// A whole file through the stream and the CSV result writer. After an
  /// error the stream is fed on (an empty final chunk), so that where it
  /// stopped reading shows: every error in turn, and the rows after it.
  static func run(_ bytes: [UInt8], engine: SettlementEngine, lookahead: Int, batchSize: Int, chunk: Int, skips: Bool)
    -> (text: String, errors: [String], rejects: String, claims: Int, canonicalRows: Int, persons: Int)
  {
    var stream = SettlementStream(engines: [engine], format: .csv, skipsBadRows: skips, batchSize: batchSize)
    stream.lookahead = lookahead
    var writer = SettlementRowWriter(format: .csv, table: engine.table)
    writer.writeHeader()
    var errors: [String] = []
    var start = 0
    var done = false
    while !done, errors.count < 20 {
      do {
        try CanonicalCSVScannerTests.feed(bytes, from: &start, chunk: chunk, into: &stream, &writer)
        done = true
      } catch {
        errors.append("\(error.code) \(error.jsonPath) \(error.expectation) \(error.found) after \(stream.canonicalRowCount)")
      }
    }
    return (String(decoding: writer.output.bytes, as: UTF8.self), errors, String(decoding: stream.rejects.bytes, as: UTF8.self), stream.claimCount,
      stream.canonicalRowCount, stream.personCount)
  }

  @Test(arguments: [false, true])
  func readingAheadChangesNothing(skips: Bool) throws {
    let engine = try CanonicalCSVScannerTests.engine()
    var rng = SplitMix64(seed: skips ? 1_601 : 1_602)
    var canonicalRows = 0, claims = 0, errors = 0, rejected = 0
    for round in 0..<48 {
      let columns = CanonicalCSVScannerTests.header(&rng, shuffled: false)
      let bytes = CanonicalCSVScannerTests.file(&rng, persons: 150, columns: columns)
      // Batches that end inside the rows read ahead (5, 33) and that do not.
      let batchSize = [5, 33, 64, 4_096][round % 4]
      let chunk = round % 3 == 0 ? 997 : 1 << 20
      let each = Self.run(bytes, engine: engine, lookahead: 1, batchSize: batchSize, chunk: chunk, skips: skips)
      let ahead = Self.run(bytes, engine: engine, lookahead: 32, batchSize: batchSize, chunk: chunk, skips: skips)
      #expect(ahead.text == each.text, "round \(round)")
      #expect(ahead.errors == each.errors, "round \(round)")
      #expect(ahead.rejects == each.rejects, "round \(round)")
      #expect(ahead.claims == each.claims && ahead.canonicalRows == each.canonicalRows && ahead.persons == each.persons, "round \(round)")
      canonicalRows += ahead.canonicalRows
      claims += ahead.claims
      errors += ahead.errors.count
      if ahead.rejects.count > 15 { rejected += 1 }
    }
    // Most rows read ahead; bad rows met, each way.
    #expect(canonicalRows > claims / 2, "\(canonicalRows) of \(claims)")
    if skips { #expect(rejected > 10, "\(rejected)") } else { #expect(errors > 20, "\(errors)") }
  }

  @Test(arguments: [false, true])
  func aPersonAgainInsideTheRowsReadAheadIsFoundInPlace(skips: Bool) throws {
    let engine = try CanonicalCSVScannerTests.engine()
    // 20 rows of P0…P9 (two each), then P4 again (line 22, person_id at
    // column 5), then P10, P4 (line 24) and P11: all within one read-ahead.
    var text = "claim_id,person_id,date,kind,hospital_level,place,identities,total\n"
    for i in 0..<20 { text += "c\(i),P\(i / 2),2024-03-0\(i % 2 + 1),inpatient,1,inCounty,,1234.5\n" }
    for (k, p) in ["P4", "P10", "P4", "P11"].enumerated() { text += "c\(20 + k),\(p),2024-05-01,inpatient,1,inCounty,,10\n" }
    text += String(repeating: "x", count: 300) + "\n"
    let r = Self.run(Array(text.utf8), engine: engine, lookahead: 32, batchSize: 4_096, chunk: 1 << 20, skips: skips)
    let rows = r.text.split(separator: "\n")
    if skips {
      // Both P4 rows rejected; P10 and P11 settled; the last line is no row.
      #expect(r.rejects.hasPrefix("line,error,row\n22,") && r.rejects.contains("\n24,") && r.rejects.contains("\n26,"), "\(r.rejects)")
      #expect(rows.count == 1 + 22 && rows.last?.hasPrefix("c23,P11,") == true, "\(rows.last ?? "")")
      #expect(r.persons == 12)
    } else {
      // Stops at line 22 with the 20 rows before it written; fed on, the
      // next row (P10) is read, and P4 stops it again at line 24.
      #expect(r.errors.first?.hasPrefix("unsortedClaims 22:5 (person_id)") == true, "\(r.errors)")
      #expect(r.errors.count > 1 && r.errors[1].hasPrefix("unsortedClaims 24:5 (person_id)"), "\(r.errors)")
      // The canonical path read lines 3…22 (line 2 comes with the header), none after.
      #expect(r.errors.first?.hasSuffix("after 20") == true, "\(r.errors.first ?? "")")
      #expect(rows.count >= 1 + 21 && rows[21].hasPrefix("c21,P10,"), "\(rows.count)")
    }
  }
}
