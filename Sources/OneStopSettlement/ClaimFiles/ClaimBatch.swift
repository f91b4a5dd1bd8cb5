public import Foundation

/// 批量结算 — settles a claims file and writes one result row per claim.
///
/// Fed the file in chunks of any size, it settles every claim in order,
/// carrying each person's year-to-date accumulators through the year
/// (rows sorted by person, then date: see `docs/claims-file.md`), and
/// appends result rows to ``output``:
///
///     var batch = ClaimBatch(engine: engine, input: .csv, output: .csv)
///     try batch.process(chunk1, isFinal: false)   // any number of chunks
///     try batch.process(chunk2, isFinal: true)
///     batch.output                                 // header + one row per claim
///
/// Result columns: `claim_id, person_id, date, total, in_policy`, one
/// column per layer id (what the layer paid), `fund_total, patient`.
///
/// - Complexity: O(rows × layers); no allocation per row; memory bounded by
///   the chunk size and the number of persons.
public struct ClaimBatch {
  private var stream: SettlementStream
  private var writer: SettlementRowWriter

  /// Creates a batch for one file.
  ///
  /// - Parameters:
  ///   - engine: the compiled table.
  ///   - input: the claims file's format.
  ///   - output: the results' format.
  ///   - skipsBadRows: write bad rows to ``rejects`` and go on, instead of
  ///     stopping at the first.
  public init(engine: SettlementEngine, input: ClaimFileFormat, output: ClaimFileFormat, skipsBadRows: Bool = false) {
    stream = SettlementStream(engines: [engine], format: input, skipsBadRows: skipsBadRows)
    writer = SettlementRowWriter(format: output, table: engine.table)
    writer.writeHeader()
  }

  /// Settles the rows completed by `chunk`.
  ///
  /// - Parameter isFinal: `chunk` ends the file.
  /// - Throws: ``SettlementError`` located as `line:column (field)` for the
  ///   first bad row (unless skipping), `.unsortedClaims` for rows out of
  ///   order.
  public mutating func process(_ chunk: Data, isFinal: Bool) throws(SettlementError) {
    try stream.feed(chunk, isFinal: isFinal, into: &writer)
  }

  /// Settles the rows completed by `chunk` (bytes).
  public mutating func process(_ chunk: [UInt8], isFinal: Bool) throws(SettlementError) {
    try stream.feed(chunk, isFinal: isFinal, into: &writer)
  }

  /// Settles the rows completed by `chunk` (bytes where they were read:
  /// a reader can reuse its buffer chunk after chunk).
  public mutating func process(_ chunk: UnsafeRawBufferPointer, isFinal: Bool) throws(SettlementError) {
    try stream.feed(chunk, isFinal: isFinal, into: &writer)
  }

  /// Result rows written since the last ``clearOutput()``.
  public var output: ArraySlice<UInt8> { writer.output.bytes }
  /// Forgets the result rows written (after the caller stored them).
  public mutating func clearOutput() { writer.output.removeAll() }
  /// Claims settled.
  public var claimCount: Int { stream.claimCount }
  /// Persons seen.
  public var personCount: Int { stream.personCount }
  /// Rows skipped (with `skipsBadRows`).
  public var rejectedCount: Int { stream.rejectedCount }
  /// Skipped rows as CSV `line,error,row` (with a header line).
  public var rejects: ArraySlice<UInt8> { stream.rejects.bytes }
}
