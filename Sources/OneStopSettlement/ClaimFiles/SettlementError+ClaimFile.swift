extension SettlementError.Code {
  /// A row of a claims file cannot be read: wrong number of fields, bad
  /// quoting, a line too long, an unknown or repeated column.
  public static let malformedRow = SettlementError.Code(rawValue: "malformedRow")
  /// A claims file is not in the order settlement needs: a person's rows are
  /// not contiguous, or not in date order.
  public static let unsortedClaims = SettlementError.Code(rawValue: "unsortedClaims")
}

/// Where a problem lies in a claims file: 1-based line, 1-based character
/// column, and the column (field) name.
///
/// Rendered into ``SettlementError/jsonPath`` as `12:41 (total)`; the CLI
/// puts the file name in front: `claims.csv:12:41 (total)`.
public struct ClaimFileLocation: Sendable, Hashable, CustomStringConvertible {
  /// Line number, from 1 (the CSV header is line 1).
  public var line: Int
  /// Character column where the field starts, from 1.
  public var column: Int
  /// The field's name (`total`), or empty for the whole line.
  public var field: String

  /// Creates a location.
  public init(line: Int, column: Int, field: String) {
    self.line = line; self.column = column; self.field = field
  }

  /// `12:41 (total)`.
  public var description: String { field.isEmpty ? "\(line):\(column)" : "\(line):\(column) (\(field))" }
}

/// A problem with one field of one row, before it is located in the file.
struct RowError: Error {
  var code: SettlementError.Code
  /// The field.
  var column: ClaimFileColumn?
  /// Byte offset of the field in the line (or of the problem).
  var offset: Int
  var expected: String
  var found: String
  /// Stops the run even when bad rows are skipped.
  var isFatal = false

  init(_ code: SettlementError.Code, _ column: ClaimFileColumn?, at offset: Int, expected: String, found: String = "") {
    self.code = code; self.column = column; self.offset = offset; self.expected = expected; self.found = found
  }

  /// The error located at `line`, with the character column counted in `bytes[lineStart...]`.
  func located(line: Int, lineStart: Int, in bytes: Span<UInt8>) -> SettlementError {
    var column = 1
    var i = lineStart
    while i < offset, i < bytes.count {
      if bytes[i] & 0xC0 != 0x80 { column += 1 }  // count UTF-8 lead bytes
      i += 1
    }
    let where_ = ClaimFileLocation(line: line, column: column, field: self.column?.name ?? "")
    return SettlementError(code, at: where_.description, expected: expected, found: found)
  }
}
