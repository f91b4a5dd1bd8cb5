import Foundation
import Testing
@testable import OneStopSettlement

/// `SettlementStream` settles rows in batches through the engine's person
/// entry point; these tests check it against the one-claim API row by row,
/// with persons spanning batches and chunks, several engines, and where
/// errors are reported.
@Suite struct SettlementStreamBatchTests {
  /// What a consumer saw of one row: ids, then per engine each layer's
  /// payment, the fund total and the patient share.
  struct Seen: Equatable {
    var line: Int
    var claimId: String
    var personId: String
    var startsPerson: Bool
    var amounts: [[Int64]]
  }

  /// Keeps every row handed on, and the batch sizes.
  struct Recorder: SettledClaimConsumer {
    var rows: [Seen] = []
    var batches: [Int] = []
    mutating func settled(_ batch: StreamBatch, bytes: Span<UInt8>) {
      batches.append(batch.count)
      for j in 0..<batch.count {
        let r = batch.row(j)
        let amounts = batch.layerCounts.indices.map { k in
          let a = batch.amounts(engine: k, j)
          return (0..<batch.layerCounts[k] + 2).map { a[$0] }
        }
        rows.append(Seen(line: r.line, claimId: r.claimId.string(in: bytes), personId: r.personId.string(in: bytes),
          startsPerson: r.startsPerson, amounts: amounts))
      }
    }
  }

  /// The simulation fixture table, and a reform of it (監测 major-illness
  /// deductible halved), so two engines settle every row differently.
  static func engines() throws -> [SettlementEngine] {
    let base = try Fixture.table("simulation/table.json")
    let reform = try base.applying([JSONOverride(parsing: "layers.majorIllness.identityOverrides.jiance.deductibleFactor=0.5")])
    return [try SettlementEngine(table: base), try SettlementEngine(table: reform)]
  }

  /// Synthesised persons (1 or more claims each, in person/date order).
  static func population(seed: UInt64, persons: Int, table: PolicyTable) throws -> [ClaimFileRow] {
    var synth = try PopulationSynthesizer(table: table, seed: seed)
    var rows: [ClaimFileRow] = []
    for _ in 0..<persons { rows += synth.nextPerson() }
    return rows
  }

  /// Each row settled on its own through the public one-claim API, each
  /// person's accumulators carried from row to row.
  static func oneByOne(_ rows: [ClaimFileRow], engines: [SettlementEngine]) throws -> [Seen] {
    var ytd = Array(repeating: YearToDate(), count: engines.count)
    var person: String? = nil
    var out: [Seen] = []
    for (i, row) in rows.enumerated() {
      let starts = row.personId != person
      if starts { ytd = Array(repeating: YearToDate(), count: engines.count); person = row.personId }
      var amounts: [[Int64]] = []
      for (k, engine) in engines.enumerated() {
        let s = try engine.settle(engine.prepare(row.claim), yearToDate: &ytd[k])
        amounts.append(s.layers.map(\.amount) + [s.fundTotal, s.patient])
      }
      out.append(Seen(line: i + 2, claimId: row.claimId, personId: row.personId, startsPerson: starts, amounts: amounts))
    }
    return out
  }

  /// The first row that differs, described (`nil` when none does).
  static func firstDifference(_ got: [Seen], _ want: [Seen]) -> String? {
    if let i = got.indices.first(where: { $0 < want.count && got[$0] != want[$0] }) { return "row \(i): \(got[i]) ≠ \(want[i])" }
    return got.count == want.count ? nil : "\(got.count) rows ≠ \(want.count)"
  }

  /// Feeds `bytes` in chunks of `chunk` bytes.
  static func stream(
    _ bytes: [UInt8], engines: [SettlementEngine], format: ClaimFileFormat = .csv, batchSize: Int, chunk: Int, skipsBadRows: Bool = false
  ) throws(SettlementError) -> (Recorder, SettlementStream) {
    var stream = SettlementStream(engines: engines, format: format, skipsBadRows: skipsBadRows, batchSize: batchSize)
    var recorder = Recorder()
    var start = 0
    repeat {
      let end = min(bytes.count, start + chunk)
      try stream.feed(bytes[start..<end], isFinal: end == bytes.count, into: &recorder)
      start = end
    } while start < bytes.count
    return (recorder, stream)
  }

  @Test(arguments: [(UInt64(1), 1, 1 << 30), (2, 3, 1 << 30), (3, 64, 997), (4, 4096, 1 << 30), (5, 4096, 4093), (6, 17, 65_536)])
  func batchesAgreeWithTheOneClaimAPI(seed: UInt64, batchSize: Int, chunk: Int) throws {
    let engines = try Self.engines()
    let rows = try Self.population(seed: seed, persons: 700, table: engines[0].table)
    for format in [ClaimFileFormat.csv, .jsonl] {
      var writer = ClaimFileWriter(format: format)
      for r in rows { writer.append(r) }
      let (got, stream) = try Self.stream(Array(writer.output), engines: engines, format: format, batchSize: batchSize, chunk: chunk)
      var want = try Self.oneByOne(rows, engines: engines)
      if format == .jsonl { for i in want.indices { want[i].line -= 1 } }  // no header line
      #expect(got.rows.count == rows.count)
      #expect(Self.firstDifference(got.rows, want) == nil)
      #expect(stream.claimCount == rows.count)
      #expect(stream.personCount == Set(rows.map(\.personId)).count)
      // Batches never exceed the size; with small batches persons span them.
      #expect(got.batches.allSatisfy { $0 >= 1 && $0 <= batchSize })
      if batchSize < 100 {
        var spanning = 0, offset = 0
        for n in got.batches.dropLast() {
          offset += n
          if !got.rows[offset].startsPerson { spanning += 1 }
        }
        #expect(spanning > 0)
      }
    }
  }

  /// A file whose 50th claim (line 51) has an unknown hospital level `9`.
  static func fileWithBadLevel() throws -> (text: String, rows: [ClaimFileRow], badLine: Int, badText: String) {
    let engines = try engines()
    var rows = try population(seed: 11, persons: 60, table: engines[0].table)
    var writer = ClaimFileWriter(format: .csv)
    for r in rows { writer.append(r) }
    var lines = String(decoding: writer.output, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    // Columns: claim_id,person_id,date,kind,hospital_level,… (the writer's order).
    #expect(lines[0].hasPrefix("claim_id,person_id,date,kind,hospital_level,"))
    var fields = lines[50].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    fields[4] = "9"
    lines[50] = fields.joined(separator: ",")
    rows[49].hospitalLevel = "9"
    return (lines.joined(separator: "\n"), rows, 51, lines[50])
  }

  @Test func aBadRowInTheMiddleOfABatchIsLocatedAndTheRowsBeforeItAreWritten() throws {
    let (text, rows, badLine, badText) = try Self.fileWithBadLevel()
    let engine = try Self.engines()[0]
    var batch = ClaimBatch(engine: engine, input: .csv, output: .csv)
    // Column of hospital_level: one past the first four fields and their commas.
    let f = badText.split(separator: ",", omittingEmptySubsequences: false)
    let column = f[0].count + f[1].count + f[2].count + f[3].count + 4 + 1
    do {
      try batch.process(Array(text.utf8), isFinal: true)
      Issue.record("expected an error")
    } catch {
      #expect(error.code == .unknownCode)
      #expect(error.jsonPath == "\(badLine):\(column) (hospital_level)")
    }
    // As before batching: the 49 rows before it were settled and written.
    let out = Fixture.rows(String(decoding: batch.output, as: UTF8.self))
    #expect(out.count == 1 + 49)
    #expect(out.dropFirst().map { $0[0] } == rows.prefix(49).map(\.claimId))
    #expect(batch.claimCount == 49)
  }

  @Test(arguments: [1, 5, 4096])
  func skippingABadRowSettlesTheRest(batchSize: Int) throws {
    let (text, rows, badLine, _) = try Self.fileWithBadLevel()
    let engines = try Self.engines()
    let (got, stream) = try Self.stream(Array(text.utf8), engines: engines, batchSize: batchSize, chunk: 1000, skipsBadRows: true)
    #expect(stream.rejectedCount == 1)
    let rejects = String(decoding: stream.rejects.bytes, as: UTF8.self)
    #expect(rejects.hasPrefix("line,error,row\n\(badLine),"))
    // The person's other rows settle without it, accumulators carried.
    var good = rows
    good.remove(at: badLine - 2)
    var want = try Self.oneByOne(good, engines: engines)
    for i in want.indices where i >= badLine - 2 { want[i].line += 1 }
    #expect(Self.firstDifference(got.rows, want) == nil)
  }

  /// Table `id` whose one basic layer covers only `kind` claims (any other
  /// claim has no applicable layer: a settlement error, not a row error).
  static func onlyFor(_ kind: String, id: String) throws -> SettlementEngine {
    let json = TestTables.json(layers: """
      {"kind":"basic","id":"basic","name":"基本医保","fundCode":"390100",
       "benefits":[{"claimKinds":["\(kind)"],"deductible":{"1":0,"2":0,"3":0},"ratio":{"1":"0.50","2":"0.50","3":"0.50"}}]}
      """).replacingOccurrences(of: #""id":"test""#, with: #""id":"\#(id)""#)
    return try SettlementEngine(table: PolicyTable.decode(from: Data(json.utf8)))
  }

  static let header = "claim_id,person_id,date,kind,hospital_level,place,total\n"

  @Test func aSettlementErrorNamesTheFirstFailingRowAndEngineAndWritesNothingOfItsBatch() throws {
    let inpatientOnly = try Self.onlyFor("inpatient", id: "A"), outpatientOnly = try Self.onlyFor("generalOutpatient", id: "B")
    // The batch settles under A, then B; the error named is the one-claim
    // order's first (row, then engine).
    let text = Self.header + """
      C1,P1,2024-01-05,inpatient,1,inCounty,100.00
      C2,P1,2024-02-05,generalOutpatient,1,inCounty,10.00
      C3,P2,2024-01-05,inpatient,2,inCounty,200.00
      C4,P2,2024-03-05,inpatient,2,inCounty,300.00
      C5,P3,2024-01-05,generalOutpatient,3,inCounty,30.00

      """
    // Engines [A, B]: C1 (line 2) fails under B, C2 (line 3) would fail under A.
    var recorder = Recorder()
    do {
      var s = SettlementStream(engines: [inpatientOnly, outpatientOnly], format: .csv, batchSize: 4096)
      try s.feed(Array(text.utf8), isFinal: true, into: &recorder)
      Issue.record("expected an error")
    } catch {
      #expect(error.code == .noApplicableLayer)
      #expect(error.jsonPath == "2:1")
      #expect(error.expectation.contains("(table B"))
    }
    #expect(recorder.rows.isEmpty)
    // Engine A alone: line 3 (C2, outpatient) is the first failure; nothing
    // of that batch is handed on, so nothing at all with one batch.
    var batch = ClaimBatch(engine: inpatientOnly, input: .csv, output: .csv)
    do {
      try batch.process(Array(text.utf8), isFinal: true)
      Issue.record("expected an error")
    } catch {
      #expect(error.code == .noApplicableLayer)
      #expect(error.jsonPath == "3:1")
      #expect(error.expectation.contains("(table A"))
      let want = try { () throws(SettlementError) -> SettlementError in
        var ytd = YearToDate()
        let c = try inpatientOnly.prepare(Claim(
          id: "C2", kind: .generalOutpatient, hospitalLevel: "1", place: .inCounty,
          dischargeDate: CivilDate(year: 2024, month: 2, day: 5), amounts: ClaimAmounts(total: Money(fen: 1000))))
        do throws(SettlementError) { _ = try inpatientOnly.settle(c, yearToDate: &ytd) } catch { return error }
        return SettlementError(.invariantViolation, expected: "an error")
      }()
      #expect(error.code == want.code && error.found == want.found)
    }
    #expect(String(decoding: batch.output, as: UTF8.self) == "claim_id,person_id,date,total,in_policy,basic,fund_total,patient\n")
    // With a batch of one row, the rows before the failing one are handed on.
    var small = SettlementStream(engines: [inpatientOnly], format: .csv, batchSize: 1)
    var seen = Recorder()
    #expect(throws: SettlementError.self) { try small.feed(Array(text.utf8), isFinal: true, into: &seen) }
    #expect(seen.rows.map(\.claimId) == ["C1"])
  }

  @Test func settlementErrorsStopTheRunEvenWhenSkippingBadRows() throws {
    let inpatientOnly = try Self.onlyFor("inpatient", id: "A")
    let text = Self.header + "C1,P1,2024-01-05,inpatient,1,inCounty,100.00\nC2,P1,2024-01-06,generalOutpatient,1,inCounty,1.00\n"
    var stream = SettlementStream(engines: [inpatientOnly], format: .csv, skipsBadRows: true, batchSize: 64)
    var recorder = Recorder()
    do {
      try stream.feed(Array(text.utf8), isFinal: true, into: &recorder)
      Issue.record("expected an error")
    } catch {
      #expect(error.code == .noApplicableLayer && error.jsonPath == "3:1")
    }
    #expect(stream.rejectedCount == 0)
  }
}
