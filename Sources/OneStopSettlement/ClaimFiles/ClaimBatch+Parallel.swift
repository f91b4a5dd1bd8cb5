public import Foundation

extension ClaimBatch {
  /// What a parallel batch settled.
  public struct Summary: Sendable, Hashable {
    /// Parts the file was split into (each settled by one worker).
    public var parts: Int
    /// Claims settled.
    public var claims: Int
    /// Persons seen.
    public var persons: Int
  }

  /// Settles a whole claims file held in memory on up to `workers` threads.
  ///
  /// The file is split into parts at **person boundaries** (never inside a
  /// person's rows), each part is settled by its own ``ClaimBatch`` with its
  /// own accumulators, and `sink` receives each part's result rows, tagged
  /// with the part number; concatenated in part order they are exactly what
  /// one sequential batch writes (the header comes with part 0). `sink` is
  /// called from the workers' threads, at most once at a time per part.
  ///
  /// Errors are those of the sequential batch, reported for the first bad
  /// row in file order, with the same `line:column (field)`; a person whose
  /// rows appear in two parts is `.unsortedClaims` at the line where the
  /// later part meets them. Bad rows cannot be skipped here (use
  /// the streaming ``process(_:isFinal:)`` with `skipsBadRows`).
  ///
  /// - Complexity: O(rows / workers) time on each worker; the input is read
  ///   in place, each worker buffers one chunk of output before `sink`.
  public static func settleInParallel(
    _ input: Data, engine: SettlementEngine, input format: ClaimFileFormat, output: ClaimFileFormat, workers: Int,
    sink: @Sendable (_ part: Int, _ bytes: ArraySlice<UInt8>) -> Void
  ) throws(SettlementError) -> Summary {
    // The header (CSV), read once: parts after the first start past it.
    var header = SettlementStream(engines: [engine], format: format)
    var sinkhole = DiscardingConsumer()
    let headerEnd = format == .csv ? ClaimFileSplitter.firstLineEnd(input) : 0
    try header.feed(input.prefix(headerEnd), isFinal: true, into: &sinkhole)
    let columns = header.columns

    let bounds = ClaimFileSplitter.parts(input, from: headerEnd, count: max(1, workers), format: format, columns: columns)
    let lineCounts = ClaimFileSplitter.newlines(input, in: bounds)
    var line = ClaimFileSplitter.newlines(input, in: [0..<headerEnd])[0] + 1
    let firstLines = lineCounts.map { c in defer { line += c }; return line }

    let results = PartResults(count: bounds.count)
    DispatchQueue.concurrentPerform(iterations: bounds.count) { k in
      var stream = SettlementStream(
        engines: [engine], format: format, part: k == 0 ? nil : (columns, firstLines[k]), recordsFirstLines: true)
      var writer = SettlementRowWriter(format: output, table: engine.table)
      if k == 0 { writer.writeHeader() }
      let range = k == 0 ? 0..<bounds[0].upperBound : bounds[k]
      var start = range.lowerBound
      do throws(SettlementError) {
        repeat {
          let end = min(start + (4 << 20), range.upperBound)
          try stream.feed(input[start..<end], isFinal: end == range.upperBound, into: &writer)
          sink(k, writer.output.bytes)
          writer.output.removeAll()
          start = end
        } while start < range.upperBound
        results.set(k, .success(stream))
      } catch {
        results.set(k, .failure(error))
      }
    }

    // The first error in file order; then persons split across parts.
    let outcomes = results.all
    var claims = 0, persons = 0
    var earlier: [PersonIdSet] = []
    for outcome in outcomes {
      switch outcome {
      case .failure(let e): throw e
      case .success(let s):
        let mine = s.persons
        try mine.ids.forEach { (i, id) throws(SettlementError) in
          for e in earlier where e.contains(id.baseAddress.unsafelyUnwrapped, id.count) {
            throw SettlementError(.unsortedClaims, at: ClaimFileLocation(line: mine.firstLines[i], column: 1, field: "person_id").description,
              expected: "each person's rows together (sort by person, then date)",
              found: "person \(String(decoding: id, as: UTF8.self)) again after other persons")
          }
          return true
        }
        earlier.append(mine.ids)
        claims += s.claimCount
        persons += s.personCount
      case nil:
        throw SettlementError(.invariantViolation, expected: "every part settled")
      }
    }
    return Summary(parts: bounds.count, claims: claims, persons: persons)
  }
}

/// A consumer that keeps nothing (reading a header).
private struct DiscardingConsumer: SettledClaimConsumer {
  mutating func settled(_ batch: StreamBatch, bytes: Span<UInt8>) {}
}

/// The workers' outcomes, one slot per part.
///
/// `@unchecked Sendable`: every access to `slots` holds `lock`.
private final class PartResults: @unchecked Sendable {
  private let lock = NSLock()
  private var slots: [Result<SettlementStream, SettlementError>?]

  init(count: Int) { slots = Array(repeating: nil, count: count) }

  func set(_ k: Int, _ r: Result<SettlementStream, SettlementError>) {
    lock.lock()
    slots[k] = r
    lock.unlock()
  }

  var all: [Result<SettlementStream, SettlementError>?] {
    lock.lock()
    defer { lock.unlock() }
    return slots
  }
}

/// Splits a claims file into parts at person boundaries.
enum ClaimFileSplitter {
  /// The offset just past the first line (the CSV header).
  static func firstLineEnd(_ data: Data) -> Int {
    guard let i = data.firstIndex(of: 10) else { return data.count }
    return i - data.startIndex + 1
  }

  /// Up to `count` byte ranges covering `from..<data.count`, each ending
  /// just before a row whose person differs from the previous row's.
  static func parts(_ data: Data, from start: Int, count: Int, format: ClaimFileFormat, columns: [ClaimFileColumn]) -> [Range<Int>] {
    let size = data.count - start
    guard count > 1, size > 1 << 16 else { return [start..<data.count] }
    var cuts: [Int] = []
    for k in 1..<count {
      let target = start + size / count * k
      if let cut = personBoundary(data, near: target, format: format, columns: columns), cut > (cuts.last ?? start), cut < data.count {
        cuts.append(cut)
      }
    }
    var ranges: [Range<Int>] = []
    var lower = start
    for c in cuts {
      ranges.append(lower..<c)
      lower = c
    }
    ranges.append(lower..<data.count)
    return ranges
  }

  /// The start of the first row at or after `offset` (past its line start)
  /// whose person differs from the row before it, looking at most 1 MiB ahead.
  static func personBoundary(_ data: Data, near offset: Int, format: ClaimFileFormat, columns: [ClaimFileColumn]) -> Int? {
    var lineStart = offset
    while lineStart < data.count, data[data.startIndex + lineStart - 1] != 10 { lineStart += 1 }
    let end = min(data.count, lineStart + (1 << 20))
    guard lineStart < end else { return nil }
    var scanner = ClaimFileScanner(format: format, columns: columns, firstLine: 1)
    scanner.append(data[(data.startIndex + lineStart)..<(data.startIndex + end)], isFinal: false)
    var row = ScannedClaim()
    var error: RowError? = nil
    var previous: [UInt8]? = nil
    while (try? scanner.next(into: &row, error: &error)) == true {
      guard error == nil else { continue }
      let b = scanner.buffer.span
      var id: [UInt8] = []
      var i = row.personId.lower
      while i < row.personId.upper { id.append(b[i]); i += 1 }
      if let p = previous, p != id { return lineStart + row.lineStart }
      previous = id
    }
    return nil
  }

  /// Newlines in each range, eight bytes at a time: `v = w ^ 0x0A…`
  /// has a zero byte exactly where `w` has a newline, and
  /// `~(((v & 0x7F…) + 0x7F…) | v | 0x7F…)` sets the top bit of exactly
  /// those bytes.
  static func newlines(_ data: Data, in ranges: [Range<Int>]) -> [Int] {
    let all = data.span
    let raw = all.bytes
    return ranges.map { r in
      var n = 0
      var i = r.lowerBound
      while i + 8 <= r.upperBound {
        let v = raw.unsafeLoadUnaligned(fromByteOffset: i, as: UInt64.self) ^ 0x0A0A_0A0A_0A0A_0A0A
        let low: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        n += (~(((v & low) &+ low) | v | low)).nonzeroBitCount
        i += 8
      }
      while i < r.upperBound {
        if all[i] == 10 { n += 1 }
        i += 1
      }
      return n
    }
  }
}
