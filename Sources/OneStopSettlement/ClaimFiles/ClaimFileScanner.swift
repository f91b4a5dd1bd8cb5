/// Splits a claims file, fed in chunks of any size, into lines and scans
/// each line into a ``ScannedClaim``.
///
/// The scanner keeps only the unfinished last line between chunks, so
/// memory is bounded by the chunk size and the longest line
/// (``maximumLineLength``). Quoted CSV fields and JSON strings with escapes
/// are decoded in place (decoding only ever shrinks text), so every field is
/// a plain byte range of the buffer. CSV rows are scanned in one pass: each
/// field parser stops at the delimiter, and amounts and dates are parsed
/// as they are read.
struct ClaimFileScanner: Sendable {
  /// The longest line accepted (1 MiB).
  static let maximumLineLength = 1 << 20

  let format: ClaimFileFormat
  /// Unprocessed bytes: the unfinished line plus the new chunk.
  private(set) var buffer: [UInt8] = []
  /// Lines read so far.
  private(set) var line = 0
  /// CSV columns in header order.
  private(set) var columns: [ClaimFileColumn] = []
  private var layout = CSVLayout()
  private var headerDone: Bool
  /// Keep an untouched copy of each line (for a rejects file).
  var keepsOriginalLines = false
  private var original: [UInt8] = []
  /// Try ``scanPlainCSVRow(_:limit:layout:into:)`` before the exact CSV
  /// scanner (off only to test one against the other).
  var usesPlainPath = true
  /// Try ``scanLineCSVRow(_:limit:layout:into:)`` before
  /// ``scanPlainCSVRow(_:limit:layout:into:)`` (off only to test one against
  /// the other).
  var usesLinePath = true
  /// Whether the last row ``next(into:error:)`` took failed (its `error` is set).
  private(set) var lastRowFailed = false
  /// Rows read by the plain path (for tests).
  private(set) var plainRowCount = 0
  /// Rows of those read by classifying the whole line (for tests).
  private(set) var lineRowCount = 0
  /// The next line's start and the end of the complete lines.
  private var start = 0
  private var limit = 0

  /// Creates a scanner for one file.
  init(format: ClaimFileFormat) {
    self.format = format
    headerDone = format == .jsonl
  }

  /// Creates a scanner for a part of a file that starts at line `firstLine`,
  /// past the header (CSV: `columns` are the header's).
  init(format: ClaimFileFormat, columns: [ClaimFileColumn], firstLine: Int) {
    self.format = format
    headerDone = true
    self.columns = columns
    layout = CSVLayout(columns)
    line = firstLine - 1
  }

  /// Whether the CSV header has been read (always true for JSONL).
  var hasHeader: Bool { headerDone }

  /// Appends the next chunk; complete lines can then be taken with
  /// ``next(into:error:)``.
  ///
  /// - Parameter isFinal: the chunk is the last; an unfinished last line is
  ///   then a line too.
  mutating func append<Bytes: Collection<UInt8>>(_ chunk: Bytes, isFinal: Bool) {
    if !chunk.isEmpty { buffer.append(contentsOf: chunk) }
    var limit = buffer.count
    if !isFinal {
      let b = buffer.span
      while limit > 0, b[limit &- 1] != 10 { limit &-= 1 }
    }
    self.limit = limit
  }

  /// Scans the next complete line into `row`, or its error into `error`.
  ///
  /// - Returns: `false` when no complete line is left (call ``compact()``
  ///   then feed more).
  /// - Throws: `.malformedRow` for a bad CSV header or a line longer than
  ///   ``maximumLineLength``.
  @inline(__always)
  mutating func next(into row: inout ScannedClaim, error: inout RowError?) throws(SettlementError) -> Bool {
    while start < limit {
      line &+= 1
      if line == 1 { start = Self.skipByteOrderMark(buffer.span, start, limit) }
      let first = buffer[start]
      if first == 10 { start &+= 1; continue }  // blank line
      // `error` is non-nil exactly when the last row failed: cleared only then.
      if lastRowFailed { error = nil; lastRowFailed = false }
      var next: Int
      if headerDone && format == .csv && first != 13 && first != ByteText.space && first != ByteText.tab {
        // Fast path: one pass over a CSV row.
        row.reset(line: line, start: start, end: start)
        next = start
        if keepsOriginalLines { keepOriginal(start, Self.lineEnd(buffer.span, start, limit).end) }
        if usesPlainPath {
          let limit = self.limit
          let usesLinePath = self.usesLinePath
          var classified = false
          let plain = buffer.withUnsafeBufferPointer { b -> Int? in
            let base = b.baseAddress.unsafelyUnwrapped
            if usesLinePath, let next = Self.scanLineCSVRow(base, limit: limit, layout: layout, into: &row) {
              classified = true
              return next
            }
            if usesLinePath { row.reset(line: row.line, start: row.lineStart, end: row.lineStart) }
            return Self.scanPlainCSVRow(base, limit: limit, layout: layout, into: &row)
          }
          if let plain {
            plainRowCount &+= 1
            if classified { lineRowCount &+= 1 }
            start = plain
            return true
          }
          row.reset(line: line, start: start, end: start)
        }
        do {
          let layout = self.layout
          let limit = self.limit
          var bytes = buffer.mutableSpan
          try Self.scanCSVRow(&bytes, limit: limit, layout: layout, into: &row, next: &next)
          try row.complete()
        } catch let e {
          error = e
          lastRowFailed = true
          let (end, after) = Self.lineEnd(buffer.span, start, limit)
          row.lineEnd = end
          next = after
        }
        start = next
        return true
      }
      let (end, after) = Self.lineEnd(buffer.span, start, limit)
      next = after
      guard end &- start <= Self.maximumLineLength else {
        throw SettlementError(.malformedRow, at: "\(line)", expected: "a line of at most \(Self.maximumLineLength) bytes")
      }
      if Self.isBlank(buffer.span, start, end) { start = next; continue }
      if !headerDone {
        try readHeader(start, end)
        start = next
        continue
      }
      row.reset(line: line, start: start, end: end)
      if keepsOriginalLines { keepOriginal(start, end) }
      do {
        let format = self.format
        let layout = self.layout
        let limit = self.limit
        var n = start
        var bytes = buffer.mutableSpan
        switch format {
        case .csv:
          try Self.scanCSVRow(&bytes, limit: limit, layout: layout, into: &row, next: &n)
        case .jsonl: try Self.scanJSON(&bytes, into: &row)
        }
        try row.complete()
      } catch let e {
        error = e
        lastRowFailed = true
        row.lineEnd = end
      }
      start = next
      return true
    }
    return false
  }

  /// Reads the next line with `canonical` when it takes it (a plain row
  /// of a canonical header, see ``CanonicalCSVScanner``): the claim goes
  /// to `claim`, the rest to `out`, and the line is consumed.
  ///
  /// - Returns: `false` (nothing consumed) when no complete line is left or
  ///   the row is declined: ``next(into:error:)`` then reads it.
  @inline(__always)
  mutating func nextCanonical(
    _ canonical: borrowing CanonicalCSVScanner, into claim: UnsafeMutablePointer<PreparedClaim>, _ out: inout CanonicalCSVScanner.Row
  ) -> Bool {
    guard headerDone, line > 0, start < limit else { return false }
    let (start, limit) = (self.start, self.limit)
    let next = buffer.withUnsafeBufferPointer { b in canonical.scan(b.baseAddress.unsafelyUnwrapped, start, limit: limit, into: claim, &out) }
    guard let next else { return false }
    line &+= 1
    out.row.line = line
    out.next = next
    self.start = next
    return true
  }

  /// Makes the line after `row` (read by ``nextCanonical(_:into:_:)``) the
  /// next one read, as if no line after it had been read.
  mutating func rewind(after row: CanonicalCSVScanner.Row) {
    line = row.row.line
    start = row.next
  }

  /// The line of `row` as read (before in-place decoding when
  /// ``keepsOriginalLines``; else as decoded).
  func withOriginal<R>(of row: borrowing ScannedClaim, _ body: (Span<UInt8>) -> R) -> R {
    keepsOriginalLines ? body(original.span) : body(buffer.span.extracting(row.lineStart..<row.lineEnd))
  }

  /// Drops the lines taken; checks the unfinished line's length.
  mutating func compact() throws(SettlementError) {
    if start > 0 { buffer.removeSubrange(0..<min(start, buffer.count)) }
    start = 0
    limit = 0
    if buffer.count > Self.maximumLineLength {
      throw SettlementError(.malformedRow, at: "\(line + 1)", expected: "a line of at most \(Self.maximumLineLength) bytes")
    }
  }

  /// Feeds a chunk and calls `body` for every complete line (the
  /// convenience form of ``append(_:isFinal:)`` and ``next(into:error:)``).
  mutating func feed<Bytes: Collection<UInt8>>(
    _ chunk: Bytes, isFinal: Bool,
    _ body: (_ row: borrowing ScannedClaim, _ error: RowError?, _ bytes: Span<UInt8>) throws(SettlementError) -> Void
  ) throws(SettlementError) {
    append(chunk, isFinal: isFinal)
    var row = ScannedClaim()
    var error: RowError? = nil
    while try next(into: &row, error: &error) { try body(row, error, buffer.span) }
    try compact()
  }

  private mutating func keepOriginal(_ start: Int, _ end: Int) {
    original.removeAll(keepingCapacity: true)
    original.append(contentsOf: buffer[start..<end])
  }

  /// The end of the line starting at `start` (without CR LF) and the start of the next.
  static func lineEnd(_ b: Span<UInt8>, _ start: Int, _ limit: Int) -> (end: Int, next: Int) {
    var i = start
    while i < limit, b[i] != 10 { i &+= 1 }
    let next = i < limit ? i &+ 1 : i
    if i > start, b[i &- 1] == 13 { i &-= 1 }
    return (i, next)
  }

  private static func skipByteOrderMark(_ b: Span<UInt8>, _ start: Int, _ end: Int) -> Int {
    if end - start >= 3, b[start] == 0xEF, b[start + 1] == 0xBB, b[start + 2] == 0xBF { return start + 3 }
    return start
  }

  private static func isBlank(_ b: Span<UInt8>, _ start: Int, _ end: Int) -> Bool {
    var i = start
    while i < end {
      if b[i] != ByteText.space && b[i] != ByteText.tab { return false }
      i &+= 1
    }
    return true
  }

  /// Reads the CSV header: known column names, none twice, all required.
  private mutating func readHeader(_ start: Int, _ end: Int) throws(SettlementError) {
    var names: [(String, Int)] = []
    do {
      var bytes = buffer.mutableSpan
      var pos = start
      while true {
        let field = try Self.csvField(&bytes, from: &pos, end: end, column: nil)
        names.append((ByteText.trimmed(field, in: bytes.span).string(in: bytes.span), field.lower))
        if pos >= end { break }
        pos &+= 1
      }
    } catch {
      throw error.located(line: line, lineStart: start, in: buffer.span)
    }
    var seen: UInt32 = 0
    var columns: [ClaimFileColumn] = []
    for (name, offset) in names {
      guard let c = ClaimFileColumn(name: name) else {
        throw RowError(.unknownKey, nil, at: offset,
          expected: "a column name (" + ClaimFileColumn.allCases.map(\.name).joined(separator: ", ") + ")", found: name)
          .located(line: line, lineStart: start, in: buffer.span)
      }
      guard seen & c.bit == 0 else {
        throw RowError(.duplicateDefinition, c, at: offset, expected: "each column once", found: name)
          .located(line: line, lineStart: start, in: buffer.span)
      }
      seen |= c.bit
      columns.append(c)
    }
    for c in ClaimFileColumn.required where seen & c.bit == 0 {
      throw SettlementError(.missingField, at: ClaimFileLocation(line: line, column: 1, field: c.name).description,
        expected: "a '\(c.name)' column in the header")
    }
    self.columns = columns
    layout = CSVLayout(columns)
    headerDone = true
  }
}

/// The columns of a CSV file in header order (at most one of each).
struct CSVLayout: Sendable {
  var columns: [ClaimFileColumn] = []
  /// The same columns inline (at most one of each), for the per-row loop.
  var plan = InlineArray<16, ClaimFileColumn>(repeating: .claimId)
  let count: Int
  /// The same columns as 4-bit case numbers, the first in the lowest bits
  /// (``ClaimFileColumn`` has 16 cases; read back with `unsafeBitCast`).
  var packed: UInt64 = 0

  init() { count = 0 }
  init(_ list: [ClaimFileColumn]) {
    columns = list
    count = min(list.count, 16)
    for (i, c) in list.prefix(16).enumerated() {
      plan[i] = c
      packed |= UInt64(unsafeBitCast(c, to: UInt8.self) & 15) << UInt64(4 * i)
    }
  }
}
