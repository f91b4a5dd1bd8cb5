public import Foundation

/// Reads a claims file into ``ClaimFileRow``s, chunk by chunk.
///
/// The convenient, allocating path (tests, small files, tools); batch
/// settlement and simulation scan rows without building them.
///
///     let rows = try ClaimFileDecoder.rows(from: data, format: .csv)
public struct ClaimFileDecoder: Sendable {
  private var scanner: ClaimFileScanner

  /// Creates a decoder for one file.
  public init(format: ClaimFileFormat) { scanner = ClaimFileScanner(format: format) }

  /// The rows completed by `chunk`.
  ///
  /// - Throws: ``SettlementError`` located as `line:column (field)`.
  public mutating func decode(_ chunk: Data, isFinal: Bool) throws(SettlementError) -> [ClaimFileRow] {
    var rows: [ClaimFileRow] = []
    try scanner.feed(chunk, isFinal: isFinal) { (row, error, bytes) throws(SettlementError) in
      if let error { throw error.located(line: row.line, lineStart: row.lineStart, in: bytes) }
      rows.append(ClaimFileRow(row, bytes))
    }
    return rows
  }

  /// Every row of a whole file.
  public static func rows(from data: Data, format: ClaimFileFormat) throws(SettlementError) -> [ClaimFileRow] {
    var d = ClaimFileDecoder(format: format)
    return try d.decode(data, isFinal: true)
  }
}
