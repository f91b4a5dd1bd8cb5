/// What a ``SettlementStream`` hands each settled claim to.
protocol SettledClaimConsumer {
  /// A person's first accepted row (`index` counts persons from 0).
  mutating func beginPerson(_ index: Int, row: borrowing ScannedClaim, bytes: Span<UInt8>)
  /// The current person's last row has been seen.
  mutating func endPerson()
  /// One claim, resolved and settled under every engine (same order).
  mutating func settled(
    _ row: borrowing ScannedClaim, bytes: Span<UInt8>, prepared: borrowing [PreparedClaim], settlements: borrowing [Settlement]
  ) throws(SettlementError)
}

/// Streams a claims file through one or more engines, person by person:
/// scans each row, checks the file's order, resolves codes per table,
/// settles with each engine's year-to-date accumulators, and hands the
/// results to a consumer.
///
/// Order: a person's rows must be contiguous and in date order (sorted by
/// person, then date). A person id seen again after another person's rows,
/// or a date before the person's previous one, is `.unsortedClaims`.
/// Memory is bounded by the number of persons (their ids), never by rows.
///
/// Bad rows: by default the first bad row throws, located as
/// `line:column (field)`. With `skipsBadRows` a row that cannot be read,
/// is out of order or cannot be resolved under every table is written to
/// ``rejects`` (CSV `line,error,row`) and skipped; the person's other rows
/// settle without it. An error from settling itself (after every table
/// resolved the row) always stops the run: accumulators may be half-updated.
struct SettlementStream {
  let engines: [EngineReference]
  private var scanner: ClaimFileScanner
  private var state: StreamState
  /// Rejected rows, CSV `line,error,row`.
  private(set) var rejects = ByteWriter(capacity: 256)
  /// Number of rejected rows.
  private(set) var rejectedCount = 0
  let skipsBadRows: Bool

  /// Creates a stream over one file.
  ///
  /// - Parameter targetYear: move every date by whole years so the first
  ///   row's year becomes this one (`nil` = dates as written).
  init(
    engines: [SettlementEngine], format: ClaimFileFormat, skipsBadRows: Bool = false, targetYear: Int? = nil,
    part: (columns: [ClaimFileColumn], firstLine: Int)? = nil, recordsFirstLines: Bool = false
  ) {
    self.engines = engines.map(EngineReference.init)
    scanner = part.map { ClaimFileScanner(format: format, columns: $0.columns, firstLine: $0.firstLine) } ?? ClaimFileScanner(format: format)
    scanner.keepsOriginalLines = skipsBadRows
    state = StreamState(engines: engines, targetYear: targetYear)
    state.recordsFirstLines = recordsFirstLines
    self.skipsBadRows = skipsBadRows
    if skipsBadRows { rejects.ascii("line,error,row\n") }
  }

  /// Number of claims settled.
  var claimCount: Int { state.claimCount }
  /// The number of persons seen.
  var personCount: Int { state.persons.count }
  /// The persons seen, and the line of each one's first row (when
  /// `recordsFirstLines`).
  var persons: (ids: PersonIdSet, firstLines: [Int]) { (state.persons, state.personFirstLine) }
  /// The CSV columns of the header (empty before it, and for JSONL).
  var columns: [ClaimFileColumn] { scanner.columns }

  /// Feeds the next chunk of the file.
  mutating func feed<Bytes: Collection<UInt8>, Consumer: SettledClaimConsumer>(
    _ chunk: Bytes, isFinal: Bool, into consumer: inout Consumer
  ) throws(SettlementError) {
    var scanner = ClaimFileScanner(format: self.scanner.format)
    swap(&scanner, &self.scanner)
    defer { swap(&scanner, &self.scanner) }
    var row = ScannedClaim()
    scanner.append(chunk, isFinal: isFinal)
    var error: RowError? = nil
    while try scanner.next(into: &row, error: &error) {
      let b = scanner.buffer.span
      do throws(RowError) {
        if let error { throw error }
        try state.process(&row, b, engines, &consumer)
      } catch {
        let located = error.located(line: row.line, lineStart: row.lineStart, in: b)
        if error.isFatal || !skipsBadRows { throw located }
        let line = row.line
        scanner.withOriginal(of: row) { original in Self.reject(located, line: line, original, into: &rejects) }
        rejectedCount += 1
      }
    }
    try scanner.compact()
    if isFinal { state.finish(&consumer) }
  }

  /// Records a rejected row.
  private static func reject(_ error: SettlementError, line: Int, _ original: Span<UInt8>, into rejects: inout ByteWriter) {
    rejects.int(line)
    rejects.byte(44)
    rejects.csvField(error.description)
    rejects.byte(44)
    rejects.csvField(ByteRange(0, original.count), in: original)
    rejects.byte(10)
  }
}

/// The mutable state of a ``SettlementStream`` between rows.
struct StreamState {
  var codes: [ClaimCodes]
  var yearToDate: [YearToDate]
  var prepared: [PreparedClaim]
  var settlements: [Settlement]
  var persons = PersonIdSet()
  /// Each person's first line, kept only when `recordsFirstLines` (the
  /// parallel batch reports persons split across parts by it).
  var personFirstLine: [Int] = []
  var recordsFirstLines = false
  var currentId: [UInt8] = []
  var currentPerson = -1
  var lastDate: Int32 = 0
  let targetYear: Int?
  var yearShift: Int32? = nil
  var claimCount = 0

  init(engines: [SettlementEngine], targetYear: Int?) {
    codes = engines.map { ClaimCodes(table: $0.table) }
    yearToDate = Array(repeating: YearToDate(), count: engines.count)
    let blank = PreparedClaim(total: 0, inPolicy: 0, kind: .inpatient, level: 0, place: .inCounty, year: 0)
    prepared = Array(repeating: blank, count: engines.count)
    settlements = engines.map { Settlement(claim: blank, layerCount: $0.layerCount) }
    self.targetYear = targetYear
  }

  /// Ends the last person.
  mutating func finish<Consumer: SettledClaimConsumer>(_ consumer: inout Consumer) {
    if currentPerson >= 0 {
      consumer.endPerson()
      currentPerson = -1
    }
  }

  /// Checks order, resolves, settles and hands on one row.
  @inline(__always)
  mutating func process<Consumer: SettledClaimConsumer>(
    _ row: inout ScannedClaim, _ b: Span<UInt8>, _ engines: borrowing [EngineReference], _ consumer: inout Consumer
  ) throws(RowError) {
    if let year = targetYear { shiftYear(&row, to: year) }
    // Order: contiguous persons, dates not decreasing.
    let newPerson = !sameAsCurrent(row.personId, b)
    var personHash: UInt64 = 0
    if newPerson {
      personHash = PersonIdSet.hash(row.personId, in: b)
      if persons.contains(row.personId, in: b, hash: personHash) {
        throw RowError(.unsortedClaims, .personId, at: row.personId.lower,
          expected: "each person's rows together (sort by person, then date)", found: "person \(row.personId.string(in: b)) again after other persons")
      }
    } else if row.date < lastDate {
      let date = row.date
      throw RowError(.unsortedClaims, .date, at: row.dateOffset,
        expected: "this person's rows in date order (on or after \(ByteText.civilDate(lastDate)?.description ?? ""))",
        found: ByteText.civilDate(date)?.description ?? "")
    }
    let engineCount = engines.count
    try codes.withUnsafeMutableBufferPointer { (codes) throws(RowError) in
      try prepared.withUnsafeMutableBufferPointer { (prepared) throws(RowError) in
        var k = 0
        while k < engineCount {
          prepared[k] = try codes[k].prepare(row, b)
          k &+= 1
        }
      }
    }
    if newPerson {
      if currentPerson >= 0 { consumer.endPerson() }
      currentPerson = persons.count
      persons.insert(row.personId, in: b, hash: personHash)
      if recordsFirstLines { personFirstLine.append(row.line) }
      currentId.removeAll(keepingCapacity: true)
      var i = row.personId.lower
      while i < row.personId.upper { currentId.append(b[i]); i &+= 1 }
      for j in 0..<yearToDate.count { yearToDate[j] = YearToDate() }
      consumer.beginPerson(currentPerson, row: row, bytes: b)
    }
    lastDate = row.date
    var k = 0
    while k < engineCount {
      do {
        try engines[k].settle(prepared[k], yearToDate: &yearToDate[k], into: &settlements[k])
      } catch {
        var e = RowError(error.code, nil, at: row.lineStart,
          expected: error.expectation + " (table \(engines[k].engine.table.id)\(error.jsonPath.isEmpty ? "" : ", " + error.jsonPath))", found: error.found)
        e.isFatal = true
        throw e
      }
      k &+= 1
    }
    claimCount &+= 1
    do {
      try consumer.settled(row, bytes: b, prepared: prepared, settlements: settlements)
    } catch {
      var e = RowError(error.code, nil, at: row.lineStart, expected: error.expectation, found: error.found)
      e.isFatal = true
      throw e
    }
  }

  @inline(__always)
  private func sameAsCurrent(_ id: ByteRange, _ b: Span<UInt8>) -> Bool {
    guard currentPerson >= 0, id.count == currentId.count else { return false }
    var i = id.lower, j = 0
    while j < currentId.count {
      if b[i] != currentId[j] { return false }
      i &+= 1; j &+= 1
    }
    return true
  }

  /// Moves every date of the row by whole years so the first row's year
  /// becomes `year` (the shift is fixed by the first row of the file).
  @inline(__always)
  private mutating func shiftYear(_ row: inout ScannedClaim, to year: Int) {
    let shift = yearShift ?? (Int32(year) &* 10_000 &- (row.date / 10_000) &* 10_000)
    yearShift = shift
    if shift == 0 { return }
    row.date &+= shift
    var k = 0
    while k < row.identityCount {
      if row.identities[k].begin != 0 { row.identities[k].begin &+= shift }
      if row.identities[k].end != .max { row.identities[k].end &+= shift }
      k &+= 1
    }
  }
}

/// An engine held by reference, so the per-claim call borrows it instead of
/// copying the value (and retaining every array it holds).
final class EngineReference: Sendable {
  let engine: SettlementEngine
  init(_ engine: SettlementEngine) { self.engine = engine }

  /// Settles `claim` into `s` (overwritten).
  @inline(never)
  func settle(_ claim: PreparedClaim, yearToDate: inout YearToDate, into s: inout Settlement) throws(SettlementError) {
    try engine.settle(claim, yearToDate: &yearToDate, into: &s)
  }
}
