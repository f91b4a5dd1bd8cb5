#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a ``SettlementStream`` hands each batch of settled claims to.
protocol SettledClaimConsumer {
  /// Rows settled under every engine, in file order: `batch.row(j)`, each
  /// engine's claim and amounts (``StreamBatch/amounts(engine:_:)``);
  /// `bytes` holds the rows' ids.
  mutating func settled(_ batch: StreamBatch, bytes: Span<UInt8>)
}

/// Streams a claims file through one or more engines, person by person:
/// scans each row, checks the file's order, resolves codes per table,
/// settles with each engine's year-to-date accumulators, and hands the
/// results to a consumer. Under one table, the plain rows of a CSV file
/// whose header is in the canonical order are read straight to their
/// claims by ``CanonicalCSVScanner``; every other row, and any row it
/// declines, by ``ClaimFileScanner`` and ``ClaimCodes``.
///
/// Rows are settled in batches (up to `batchSize` rows, and at the end of
/// every chunk fed) through the engine's person entry point
/// (``SettlementEngine/settle(_:personStarts:yearToDate:into:)``), each
/// person's accumulators carried from batch to batch; every claim settles
/// as the one-claim ``SettlementEngine/settle(_:yearToDate:)`` would, to the
/// fen.
///
/// Order: a person's rows must be contiguous and in date order (sorted by
/// person, then date). A person id seen again after another person's rows,
/// or a date before the person's previous one, is `.unsortedClaims`.
/// Memory is bounded by the number of persons (their ids) and the batch
/// size, never by rows.
///
/// Bad rows: by default the first bad row throws, located as
/// `line:column (field)`, after the rows before it have been settled and
/// handed on. With `skipsBadRows` a row that cannot be read, is out of
/// order or cannot be resolved under every table is written to ``rejects``
/// (CSV `line,error,row`) and skipped; the person's other rows settle
/// without it. An error from settling itself (after every table resolved
/// the row) always stops the run, reported for the first failing row and
/// engine in file order as the one-claim path reports it; no row of that
/// batch is handed on.
struct SettlementStream {
  /// Rows settled per engine call, at most.
  static let defaultBatchSize = 4096
  /// Rows ``CanonicalCSVScanner`` reads before their order is checked
  /// (their persons' look-ups then overlap).
  static let defaultLookahead = 32

  let engines: [SettlementEngine]
  private var scanner: ClaimFileScanner
  private var state: StreamState
  /// Rows accepted and not yet settled.
  let batch: StreamBatch
  /// Per engine: the current person's accumulators between batches.
  private var carried: [YearToDate]
  /// The header's ``CanonicalCSVScanner`` (CSV, one table, dates as
  /// written), once the header is read and when its columns allow one.
  private var canonical: CanonicalCSVScanner?
  private var canonicalChecked = false
  /// Let canonical headers' rows be read by ``CanonicalCSVScanner`` (off
  /// only to test it against the general scanners).
  var usesCanonicalPath = true
  /// Rows ``CanonicalCSVScanner`` reads before their order is checked
  /// (1 = each row checked as it is read, to test reading ahead against).
  var lookahead = SettlementStream.defaultLookahead
  /// Rows read by ``CanonicalCSVScanner`` (for tests).
  private(set) var canonicalRowCount = 0
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
    part: (columns: [ClaimFileColumn], firstLine: Int)? = nil, recordsFirstLines: Bool = false,
    batchSize: Int = SettlementStream.defaultBatchSize
  ) {
    self.engines = engines
    scanner = part.map { ClaimFileScanner(format: format, columns: $0.columns, firstLine: $0.firstLine) } ?? ClaimFileScanner(format: format)
    scanner.keepsOriginalLines = skipsBadRows
    state = StreamState(engines: engines, targetYear: targetYear)
    state.recordsFirstLines = recordsFirstLines
    batch = StreamBatch(capacity: batchSize, layerCounts: engines.map(\.layerCount))
    carried = Array(repeating: YearToDate(), count: engines.count)
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
  ///
  /// Every row the chunk completes is settled and handed to `consumer`
  /// before this returns.
  mutating func feed<Bytes: Collection<UInt8>, Consumer: SettledClaimConsumer>(
    _ chunk: Bytes, isFinal: Bool, into consumer: inout Consumer
  ) throws(SettlementError) {
    var scanner = ClaimFileScanner(format: self.scanner.format)
    swap(&scanner, &self.scanner)
    defer { swap(&scanner, &self.scanner) }
    // The row lives at one address: resolving reads it in place, never copies it.
    let slot = UnsafeMutablePointer<ScannedClaim>.allocate(capacity: 1)
    slot.initialize(to: ScannedClaim())
    defer { slot.deinitialize(count: 1); slot.deallocate() }
    scanner.append(chunk, isFinal: isFinal)
    var error: RowError? = nil
    let ahead = StreamState.Lookahead(count: max(lookahead, 1))
    defer { ahead.deallocate() }
    while true {
      if !canonicalChecked, scanner.hasHeader {
        canonicalChecked = true
        if usesCanonicalPath, scanner.format == .csv, engines.count == 1, state.targetYear == nil {
          canonical = CanonicalCSVScanner(columns: scanner.columns, table: engines[0].table)
        }
      }
      // Rows of a canonical header straight to their claim; the others (and
      // any row it declines) through the general scanners.
      if let canonical { try readCanonical(canonical, &scanner, ahead, into: &consumer) }
      guard try scanner.next(into: &slot.pointee, error: &error) else { break }
      let b = scanner.buffer.span
      let row = UnsafePointer(slot)
      do throws(RowError) {
        if scanner.lastRowFailed, let error { throw error }
        try state.accept(slot, b, into: batch)
      } catch {
        let located = error.located(line: row.pointee.line, lineStart: row.pointee.lineStart, in: b)
        if !skipsBadRows {
          // The rows before it settle first (their own errors come first).
          try settleBatch(b, into: &consumer)
          throw located
        }
        let line = row.pointee.line
        scanner.withOriginal(of: row.pointee) { original in Self.reject(located, line: line, original, into: &rejects) }
        rejectedCount += 1
      }
      if batch.isFull { try settleBatch(b, into: &consumer) }
    }
    // The batch's ids point into the buffer: settle before compacting it.
    try settleBatch(scanner.buffer.span, into: &consumer)
    try scanner.compact()
  }

  /// Reads the rows ``CanonicalCSVScanner`` takes, up to `ahead.count` at a
  /// time: their new persons' look-ups started together
  /// (``StreamState/touchPersons(_:_:_:)``), then each row checked and
  /// accepted in turn, the batch settled when full. Returns at the first
  /// row it declines (for the general scanners). A bad row, when not
  /// skipped, settles the rows before it and leaves the rows read after it
  /// unread, as without reading ahead.
  @inline(__always)
  private mutating func readCanonical<Consumer: SettledClaimConsumer>(
    _ canonical: CanonicalCSVScanner, _ scanner: inout ClaimFileScanner, _ ahead: StreamState.Lookahead, into consumer: inout Consumer
  ) throws(SettlementError) {
    let reads = ahead.rows
    while true {
      let room = min(ahead.count, batch.capacity &- batch.count)
      let claims = batch.nextClaim(engine: 0)
      var n = 0
      while n < room, scanner.nextCanonical(canonical, into: claims + n, &reads[n]) { n &+= 1 }
      if n == 0 { return }
      canonicalRowCount &+= n
      // A bad row (when not skipped): its place among the rows read and its error.
      var stop: (row: Int, error: SettlementError)? = nil
      do {  // the span of the buffer ends here, before the scanner is rewound
        let b = scanner.buffer.span
        state.touchPersons(ahead, n, b)
        for j in 0..<n {
          let read = reads + j
          // A row before it rejected: its claim moves down to the next free place.
          let next = batch.nextClaim(engine: 0)
          if next != claims + j { next.pointee = claims[j] }
          do throws(RowError) {
            try state.accept(read.pointer(to: \.row).unsafelyUnwrapped, dateOffset: read.pointee.dateOffset, id: ahead.ids[j], b, into: batch)
          } catch {
            let located = error.located(line: read.pointee.row.line, lineStart: read.pointee.row.lineStart, in: b)
            if !skipsBadRows {
              try settleBatch(b, into: &consumer)
              stop = (j, located)
              break
            }
            Self.reject(located, line: read.pointee.row.line, b.extracting(read.pointee.row.lineStart..<read.pointee.lineEnd), into: &rejects)
            rejectedCount += 1
          }
        }
        if stop == nil, batch.isFull { try settleBatch(b, into: &consumer) }
      }
      if let stop {
        // The rows read after it stay unread.
        scanner.rewind(after: reads[stop.row])
        canonicalRowCount &-= n &- 1 &- stop.row
        throw stop.error
      }
      if n < room { return }
    }
  }

  /// Settles the batch under every engine and hands it on.
  private mutating func settleBatch<Consumer: SettledClaimConsumer>(_ b: Span<UInt8>, into consumer: inout Consumer) throws(SettlementError) {
    guard batch.count > 0 else { return }
    var after = carried
    for k in engines.indices {
      do {
        try batch.settle(engine: k, engines[k], carried: &after[k])
      } catch {
        throw firstFailure(b) ?? Self.failure(error, table: engines[k].table.id, row: batch.row(0), b)
      }
    }
    carried = after
    state.claimCount &+= batch.count
    consumer.settled(batch, bytes: b)
    batch.removeAll()
  }

  /// The error of the first row and engine, in file order, that fails
  /// when the batch is settled claim by claim through the one-claim API
  /// from the accumulators it started with (`nil` if none fails).
  private func firstFailure(_ b: Span<UInt8>) -> SettlementError? {
    var ytd = carried
    for j in 0..<batch.count {
      let row = batch.row(j)
      for k in engines.indices {
        if row.startsPerson { ytd[k] = YearToDate() }
        do {
          _ = try engines[k].settle(batch.claim(engine: k, j), yearToDate: &ytd[k])
        } catch {
          return Self.failure(error, table: engines[k].table.id, row: row, b)
        }
      }
    }
    return nil
  }

  /// A settlement error, located at the start of the row's line and naming the table.
  private static func failure(_ error: SettlementError, table: String, row: StreamRow, _ b: Span<UInt8>) -> SettlementError {
    RowError(error.code, nil, at: row.lineStart,
      expected: error.expectation + " (table \(table)\(error.jsonPath.isEmpty ? "" : ", " + error.jsonPath))", found: error.found)
      .located(line: row.line, lineStart: row.lineStart, in: b)
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
  var persons = PersonIdSet()
  /// Each person's first line, kept only when `recordsFirstLines` (the
  /// parallel batch reports persons split across parts by it).
  var personFirstLine: [Int] = []
  var recordsFirstLines = false
  var currentId = CurrentPersonId()
  var currentPerson = -1
  /// The hash of ``currentId`` when it has at most 16 bytes.
  var currentHash: UInt64 = 0
  var lastDate: Int32 = 0
  let targetYear: Int?
  var yearShift: Int32? = nil
  var claimCount = 0
  /// What ``touchPersons(_:_:_:)`` loaded (kept so that its loads are made).
  var touched: UInt64 = 0

  init(engines: [SettlementEngine], targetYear: Int?) {
    codes = engines.map { ClaimCodes(table: $0.table) }
    self.targetYear = targetYear
  }

  /// Checks order, resolves the row under every table and adds it to `batch`.
  @inline(__always)
  mutating func accept(_ r: UnsafeMutablePointer<ScannedClaim>, _ b: Span<UInt8>, into batch: StreamBatch) throws(RowError) {
    if let year = targetYear { shiftYear(&r.pointee, to: year) }
    let person = try checkOrder(r.pointee.personId, date: r.pointee.date, dateOffset: r.pointee.dateOffset, b)
    var k = 0
    while k < codes.count {
      batch.nextClaim(engine: k).pointee = try codes[k].prepare(r, b)
      k &+= 1
    }
    var row = StreamRow(
      line: r.pointee.line, lineStart: r.pointee.lineStart, claimId: r.pointee.claimId, personId: r.pointee.personId, date: r.pointee.date,
      income: r.pointee.income, startsPerson: false)
    withUnsafePointer(to: &row) { admit($0, person, b, into: batch) }
  }

  /// Checks order and adds a row read by ``CanonicalCSVScanner`` (its claim
  /// already at `batch.nextClaim(engine: 0)`) to `batch`; a person id of at
  /// most 16 bytes is taken as read into `id` (``touchPersons(_:_:_:)``), a
  /// longer one from the bytes.
  @inline(__always)
  mutating func accept(_ row: UnsafePointer<StreamRow>, dateOffset: Int, id: ShortPersonId, _ b: Span<UInt8>, into batch: StreamBatch) throws(RowError) {
    let (personId, date) = (row.pointee.personId, row.pointee.date)
    let person = personId.count <= 16
      ? try checkOrder(personId, id, date: date, dateOffset: dateOffset, b)
      : try checkOrder(personId, date: date, dateOffset: dateOffset, b)
    admit(row, person, b, into: batch)
  }

  /// Where a row's person stands: new or the current one, and for a new
  /// one its hash and slot in ``persons``; for an id of at most 16 bytes,
  /// its two words (``CurrentPersonId/words(_:_:_:)``), computed once for
  /// the comparison with the current id, the hash, the look-up and the
  /// insertion.
  struct PersonCheck {
    var isNew: Bool
    var hash: UInt64
    var slot: Int
    var low: UInt64 = 0
    var high: UInt64 = 0
  }

  /// Order: contiguous persons, dates not decreasing.
  @inline(__always)
  private func checkOrder(_ personId: ByteRange, date: Int32, dateOffset: Int, _ b: Span<UInt8>) throws(RowError) -> PersonCheck {
    let n = personId.count
    if n <= 16 {
      let (low, high) = b.withUnsafeBufferPointer { p in CurrentPersonId.words(p.baseAddress.unsafelyUnwrapped, personId, p.count) }
      if currentPerson >= 0, currentId.matches(low: low, high: high, count: n) {
        try checkDate(date, dateOffset: dateOffset)
        return PersonCheck(isNew: false, hash: 0, slot: 0)
      }
      return try newPerson(personId, ShortPersonId(low: low, high: high, hash: PersonIdSet.hash(low: low, high: high, count: n)), b)
    }
    guard currentPerson < 0 || !currentId.matches(personId, in: b) else {
      try checkDate(date, dateOffset: dateOffset)
      return PersonCheck(isNew: false, hash: 0, slot: 0)
    }
    let hash = PersonIdSet.hash(personId, in: b)
    let (slot, seen) = persons.find(personId, in: b, hash: hash)
    if seen { throw Self.seenBefore(personId, b) }
    return PersonCheck(isNew: true, hash: hash, slot: slot)
  }

  /// ``checkOrder(_:date:dateOffset:_:)`` of a person id of at most 16 bytes read as `id`.
  @inline(__always)
  private func checkOrder(_ personId: ByteRange, _ id: ShortPersonId, date: Int32, dateOffset: Int, _ b: Span<UInt8>) throws(RowError) -> PersonCheck {
    if currentPerson >= 0, currentId.matches(low: id.low, high: id.high, count: personId.count) {
      try checkDate(date, dateOffset: dateOffset)
      return PersonCheck(isNew: false, hash: 0, slot: 0)
    }
    return try newPerson(personId, id, b)
  }

  /// A person id of at most 16 bytes, read as `id`, that is not the
  /// current one: new, or seen before (`.unsortedClaims`).
  @inline(__always)
  private func newPerson(_ personId: ByteRange, _ id: ShortPersonId, _ b: Span<UInt8>) throws(RowError) -> PersonCheck {
    let (slot, seen) = persons.find(low: id.low, high: id.high, count: personId.count, hash: id.hash)
    if seen { throw Self.seenBefore(personId, b) }
    return PersonCheck(isNew: true, hash: id.hash, slot: slot, low: id.low, high: id.high)
  }

  /// The current person's next date: not before the previous one.
  @inline(__always)
  private func checkDate(_ date: Int32, dateOffset: Int) throws(RowError) {
    if date < lastDate { throw Self.dateGoesBack(date, after: lastDate, dateOffset: dateOffset) }
  }

  /// A date before the person's previous one (out of line: the text is
  /// built only for the error).
  @inline(never)
  private static func dateGoesBack(_ date: Int32, after lastDate: Int32, dateOffset: Int) -> RowError {
    RowError(.unsortedClaims, .date, at: dateOffset,
      expected: "this person's rows in date order (on or after \(ByteText.civilDate(lastDate)?.description ?? ""))",
      found: ByteText.civilDate(date)?.description ?? "")
  }

  /// A person id seen before, after other persons' rows.
  @inline(never)
  private static func seenBefore(_ personId: ByteRange, _ b: Span<UInt8>) -> RowError {
    RowError(.unsortedClaims, .personId, at: personId.lower,
      expected: "each person's rows together (sort by person, then date)", found: "person \(personId.string(in: b)) again after other persons")
  }

  /// Adds an accepted row (its claims already at `batch.nextClaim`).
  @inline(__always)
  private mutating func admit(_ row: UnsafePointer<StreamRow>, _ person: PersonCheck, _ b: Span<UInt8>, into batch: StreamBatch) {
    if person.isNew {
      currentPerson = persons.count
      let n = row.pointee.personId.count
      if n <= 16 {
        persons.insert(low: person.low, high: person.high, count: n, hash: person.hash, slot: person.slot)
        currentId.set(low: person.low, high: person.high, count: n)
        currentHash = person.hash
      } else {
        persons.insert(row.pointee.personId, in: b, hash: person.hash, slot: person.slot)
        currentId.set(row.pointee.personId, in: b)
      }
      if recordsFirstLines { personFirstLine.append(row.pointee.line) }
    }
    lastDate = row.pointee.date
    batch.append(row, startsPerson: person.isNew)
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
