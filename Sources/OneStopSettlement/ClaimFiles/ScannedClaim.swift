/// One identity entry of a scanned row: code bytes and validity, packed
/// `yyyymmdd` (`0` / `Int32.max` = open).
struct ScannedIdentity: Sendable {
  var code: ByteRange
  var begin: Int32
  var end: Int32

  static let open = ScannedIdentity(code: .empty, begin: 0, end: .max)
}

/// One row of a claims file as scanned: integers, flags and byte ranges
/// into the line buffer, table-independent and free of allocation.
///
/// Valid only while the scanner's buffer holds the line; ``ClaimCodes``
/// resolves it against a table into a ``PreparedClaim``.
struct ScannedClaim: Sendable {
  /// Maximum identity entries per row.
  static let maximumIdentities = 8
  /// Maximum diagnosis codes per row.
  static let maximumDiagnoses = 16

  /// Line number, from 1.
  var line = 0
  /// Offset of the line's first byte in the buffer.
  var lineStart = 0
  /// Offset just past the line's last byte (without the newline).
  var lineEnd = 0
  var claimId = ByteRange.empty
  var personId = ByteRange.empty
  /// `yyyymmdd`.
  var date: Int32 = 0
  var kind: ClaimKind = .inpatient
  var level = ByteRange.empty
  var place: Place = .inCounty
  var referred = false
  var designated = false
  var identityCount = 0
  var identities = InlineArray<8, ScannedIdentity>(repeating: .open)
  var total: Int64 = 0
  var fullyOwnPay: Int64 = 0
  var overLimit: Int64 = 0
  var payFirst: Int64 = 0
  var inPolicy: Int64 = -1
  var diagnosisCount = 0
  var diagnoses = InlineArray<16, ByteRange>(repeating: .empty)
  /// Annual income in fen, `-1` when absent.
  var income: Int64 = -1
  /// Byte offsets of fields, for errors found after scanning.
  var dateOffset = 0
  var levelOffset = 0
  var identitiesOffset = 0
  var totalOffset = 0
  var diagnosesOffset = 0
  var incomeOffset = 0
  /// Columns seen (``ClaimFileColumn/bit``).
  var seen: UInt32 = 0

  init() {}

  /// Resets the row for a new line.
  @inline(__always)
  mutating func reset(line: Int, start: Int, end: Int) {
    self.line = line; lineStart = start; lineEnd = end
    claimId = .empty; personId = .empty; date = 0; kind = .inpatient; level = .empty; place = .inCounty
    referred = false; designated = false; identityCount = 0; total = 0; fullyOwnPay = 0; overLimit = 0
    payFirst = 0; inPolicy = -1; diagnosisCount = 0; income = -1; seen = 0
    dateOffset = start; levelOffset = start; identitiesOffset = start; totalOffset = start
    diagnosesOffset = start; incomeOffset = start
  }

  /// Adds an identity entry.
  @inline(__always)
  mutating func addIdentity(_ entry: ScannedIdentity, at offset: Int) throws(RowError) {
    guard identityCount < Self.maximumIdentities else {
      throw RowError(.malformedRow, .identities, at: offset, expected: "at most \(Self.maximumIdentities) identities per claim")
    }
    identities[identityCount] = entry
    identityCount &+= 1
  }

  /// Adds a diagnosis code.
  @inline(__always)
  mutating func addDiagnosis(_ code: ByteRange, at offset: Int) throws(RowError) {
    guard diagnosisCount < Self.maximumDiagnoses else {
      throw RowError(.malformedRow, .diagnoses, at: offset, expected: "at most \(Self.maximumDiagnoses) diagnoses per claim")
    }
    diagnoses[diagnosisCount] = code
    diagnosisCount &+= 1
  }

  /// Checks required columns and the four-way split, deriving the
  /// in-policy amount when it was not given.
  @inline(__always)
  mutating func complete() throws(RowError) {
    let required: UInt32 = ClaimFileColumn.personId.bit | ClaimFileColumn.date.bit | ClaimFileColumn.kind.bit
      | ClaimFileColumn.hospitalLevel.bit | ClaimFileColumn.place.bit | ClaimFileColumn.total.bit
    if seen & required != required {
      for c in ClaimFileColumn.required where seen & c.bit == 0 {
        throw RowError(.missingField, c, at: lineStart, expected: "a value for '\(c.name)'")
      }
    }
    if personId.isEmpty {
      throw RowError(.missingField, .personId, at: lineStart, expected: "a person id")
    }
    let outside = fullyOwnPay &+ overLimit &+ payFirst  // each ≤ 10^12: no overflow
    if inPolicy < 0 {
      guard outside <= total else {
        throw RowError(.inconsistentAmounts, .total, at: totalOffset,
          expected: "fully_own_pay + over_limit + pay_first ≤ total (\(Money(fen: total)))", found: Money(fen: outside).description)
      }
      inPolicy = total &- outside
    } else if outside &+ inPolicy != total {
      throw RowError(.inconsistentAmounts, .total, at: totalOffset,
        expected: "fully_own_pay + over_limit + pay_first + in_policy == total (\(Money(fen: total)))",
        found: Money(fen: outside &+ inPolicy).description)
    }
  }
}
