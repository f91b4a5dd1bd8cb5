import Foundation
import OneStopSettlement
import SettlementTestSupport

/// `batch-io`: end to end through the batch path of `settle batch`, one
/// thread: a claims file (CSV, then JSONL) read in 4 MiB chunks, parsed,
/// settled with each person's accumulators carried, result rows written to a
/// file. Claims are persons with 1–6 admissions (the `year` population,
/// cycled under new person ids). The files are generated first (not timed)
/// in a temporary directory, streamed so memory stays flat, and removed after.
enum BatchIO {
  /// Read size, as `settle batch` uses.
  static let chunk = 4 << 20

  static func run(claims: Int, options: Options, workload w: Workload) throws -> [Measurement] {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("settlement-bench-\(getpid())")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    var results: [Measurement] = []
    for fileFormat in [ClaimFileFormat.csv, .jsonl] where ProcessInfo.processInfo.environment["BATCHIO_ONLY"].map({ $0 == fileFormat.rawValue }) ?? true {
      let input = dir.appendingPathComponent("claims.\(fileFormat.rawValue)")
      let output = dir.appendingPathComponent("results.\(fileFormat.rawValue)")
      let (count, expected, bytes) = try writeClaims(claims, format: fileFormat, workload: w, to: input)
      let t = try timed { try settle(input, into: output, format: fileFormat, engine: w.engine) }
      let checksum = try fundTotal(of: output, format: fileFormat)
      guard t.result == count, checksum == expected else {
        throw BenchmarkFailure("batch-io \(fileFormat.rawValue): \(t.result) rows, \(checksum) fen from the file vs \(count) rows, \(expected) fen settled directly")
      }
      let mb = Double(bytes) / 1_048_576
      results.append(Measurement(scenario: "batch-io", claims: count, seconds: t.seconds, threads: 1, checksum: checksum,
        extra: [("format", "\"\(fileFormat.rawValue)\""), ("input_mib", format(mb, 1)), ("input_mib_per_s", format(mb / t.seconds, 1))],
        note: "\(fileFormat.rawValue) in and out, \(format(mb, 0)) MiB in, best of \(t.all.count); \(w.label)"))
    }
    return results
  }

  /// Writes `count` claims (whole persons, so a few more) to `url`; returns
  /// the rows written, their fund payments settled directly, and the size.
  static func writeClaims(_ count: Int, format: ClaimFileFormat, workload w: Workload, to url: URL) throws -> (Int, Int64, Int) {
    var g = w.generator(seed: Scenario.seed &+ 5)
    let year = g.year(persons: YearScenario.persons)
    let table = w.engine.table
    guard FileManager.default.createFile(atPath: url.path, contents: nil), let file = FileHandle(forWritingAtPath: url.path) else {
      throw BenchmarkFailure("cannot write \(url.path)")
    }
    defer { try? file.close() }
    var writer = ClaimFileWriter(format: format, columns: [
      .claimId, .personId, .date, .kind, .hospitalLevel, .place, .referred, .identities, .total, .fullyOwnPay, .overLimit,
      .payFirst, .inPolicy,
    ])
    var rows = 0, bytes = 0, round = 0
    var funds: Int64 = 0
    while rows < count {
      for p in 0..<year.personStarts.count where rows < count {
        var ytd = YearToDate()
        for c in year.claims(ofPerson: p) {
          let row = ClaimFileRow(
            claimId: "C\(rows)", personId: "P\(round)-\(p)", date: try CivilDate(year: c.year, month: c.month, day: c.day),
            kind: c.kind, hospitalLevel: table.hospitalLevels[c.level].id, place: c.place, referred: c.referred,
            identities: table.identities.indices.filter { c.identities & (1 << UInt64($0)) != 0 }.map { IdentityRecord(code: table.identities[$0].id) },
            amounts: ClaimAmounts(
              total: Money(fen: c.total), fullyOwnPay: Money(fen: c.fullyOwnPay), overLimit: Money(fen: c.overLimit),
              payFirst: Money(fen: c.payFirst), inPolicy: Money(fen: c.inPolicy)))
          writer.append(row)
          funds &+= try w.engine.settle(c.prepared, yearToDate: &ytd).fundTotal
          rows += 1
        }
        if writer.output.count >= chunk {
          bytes += writer.output.count
          file.write(Data(writer.output))
          writer.clearOutput()
        }
      }
      round += 1
    }
    bytes += writer.output.count
    file.write(Data(writer.output))
    return (rows, funds, bytes)
  }

  /// The batch path, as `settle batch` runs it (`ChunkedReader.streamBytes`):
  /// chunks read with `read(2)` into a reused buffer and handed on where
  /// they lie, result rows written from where they lie. Returns the claims
  /// settled.
  static func settle(_ input: URL, into output: URL, format: ClaimFileFormat, engine: SettlementEngine) throws -> Int {
    guard let reader = FileHandle(forReadingAtPath: input.path),
      FileManager.default.createFile(atPath: output.path, contents: nil), let writer = FileHandle(forWritingAtPath: output.path)
    else { throw BenchmarkFailure("cannot open \(input.path) / \(output.path)") }
    defer { try? reader.close(); try? writer.close() }
    var batch = ClaimBatch(engine: engine, input: format, output: format)
    var buffer = [UInt8](repeating: 0, count: chunk)
    while true {
      let n = try buffer.withUnsafeMutableBytes { b in
        var n = 0
        guard let base = b.baseAddress else { return n }  // never: the buffer is a chunk long
        while n < b.count {
          let r = read(reader.fileDescriptor, base + n, b.count - n)
          if r == 0 { break }
          guard r > 0 else { throw BenchmarkFailure("cannot read \(input.path)") }
          n += r
        }
        return n
      }
      try buffer.withUnsafeBytes { b in try batch.process(UnsafeRawBufferPointer(rebasing: b[0..<n]), isFinal: n == 0) }
      if !batch.output.isEmpty {
        try batch.output.withUnsafeBytes { try writer.write(contentsOf: $0) }
        batch.clearOutput()
      }
      if n == 0 { break }
    }
    return batch.claimCount
  }

  /// Σ `fund_total` of a result file, fen (read back, not timed).
  static func fundTotal(of url: URL, format: ClaimFileFormat) throws -> Int64 {
    guard let reader = FileHandle(forReadingAtPath: url.path) else { throw BenchmarkFailure("cannot read \(url.path)") }
    defer { try? reader.close() }
    var sum: Int64 = 0
    var line: [UInt8] = []
    var column = -1
    let key = Array("\"fund_total\":\"".utf8)
    func finish(_ line: [UInt8]) throws {
      guard !line.isEmpty else { return }
      if format == .csv {
        let fields = line.split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false)
        if column < 0 {
          column = fields.firstIndex { String(decoding: $0, as: UTF8.self) == "fund_total" } ?? -1
          return
        }
        sum &+= try fen(fields[column])
      } else {
        guard let r = line.firstRange(of: key), let end = line[r.upperBound...].firstIndex(of: UInt8(ascii: "\"")) else {
          throw BenchmarkFailure("no fund_total in a JSONL result row")
        }
        sum &+= try fen(line[r.upperBound..<end])
      }
    }
    while let data = try reader.read(upToCount: chunk), !data.isEmpty {
      try data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) in
        var start = 0
        while let i = bytes[start...].firstIndex(of: 10) {
          line.append(contentsOf: bytes[start..<i])
          try finish(line)
          line.removeAll(keepingCapacity: true)
          start = i + 1
        }
        line.append(contentsOf: bytes[start...])
      }
    }
    try finish(line)
    return sum
  }

  /// `1234.56` → 123456 (the writer's form: digits, a point, two decimals).
  static func fen(_ text: ArraySlice<UInt8>) throws -> Int64 {
    var v: Int64 = 0
    var decimals = -1
    for x in text {
      if x == UInt8(ascii: ".") && decimals < 0 { decimals = 0; continue }
      guard x >= 48, x <= 57 else { throw BenchmarkFailure("bad amount in results: \(String(decoding: text, as: UTF8.self))") }
      v = v * 10 + Int64(x - 48)
      if decimals >= 0 { decimals += 1 }
    }
    guard decimals == 2 else { throw BenchmarkFailure("bad amount in results: \(String(decoding: text, as: UTF8.self))") }
    return v
  }
}
