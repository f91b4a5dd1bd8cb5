extension ClaimFileScanner {
  static let semicolon = UInt8(ascii: ";")
  static let at = UInt8(ascii: "@")
  static let slash = UInt8(ascii: "/")

  /// Parses one field's text (CSV field or JSON scalar) into the row.
  @inline(__always)
  static func assign(_ column: ClaimFileColumn, _ raw: ByteRange, to row: inout ScannedClaim, _ b: Span<UInt8>) throws(RowError) {
    let r = ByteText.trimmed(raw, in: b)
    if r.isEmpty, column != .claimId { return }  // empty = absent
    row.seen |= column.bit
    switch column {
    case .claimId: row.claimId = r
    case .personId: row.personId = r
    case .date:
      row.dateOffset = raw.lower
      row.date = try ByteText.date(r, in: b, column: .date)
    case .kind: row.kind = try ByteText.kind(r, in: b)
    case .hospitalLevel:
      row.levelOffset = raw.lower
      row.level = r
    case .place: row.place = try ByteText.place(r, in: b)
    case .referred: row.referred = try ByteText.flag(r, in: b, column: .referred)
    case .designatedHospital: row.designated = try ByteText.flag(r, in: b, column: .designatedHospital)
    case .identities:
      row.identitiesOffset = raw.lower
      try forEachItem(r, b) { (item: ByteRange) throws(RowError) in
        try row.addIdentity(try identity(item, b), at: item.lower)
      }
    case .total:
      row.totalOffset = raw.lower
      row.total = try ByteText.fen(r, in: b, column: .total)
    case .fullyOwnPay: row.fullyOwnPay = try ByteText.fen(r, in: b, column: .fullyOwnPay)
    case .overLimit: row.overLimit = try ByteText.fen(r, in: b, column: .overLimit)
    case .payFirst: row.payFirst = try ByteText.fen(r, in: b, column: .payFirst)
    case .inPolicy: row.inPolicy = try ByteText.fen(r, in: b, column: .inPolicy)
    case .diagnoses:
      row.diagnosesOffset = raw.lower
      try forEachItem(r, b) { (item: ByteRange) throws(RowError) in try row.addDiagnosis(item, at: item.lower) }
    case .income:
      row.incomeOffset = raw.lower
      row.income = try ByteText.fen(r, in: b, column: .income)
    }
  }

  /// Calls `body` with each non-empty, trimmed `;`-separated item.
  @inline(__always)
  static func forEachItem(_ r: ByteRange, _ b: Span<UInt8>, _ body: (ByteRange) throws(RowError) -> Void) throws(RowError) {
    var s = r.lower
    while s <= r.upper {
      var e = s
      while e < r.upper, b[e] != semicolon { e &+= 1 }
      let item = ByteText.trimmed(ByteRange(s, e), in: b)
      if !item.isEmpty { try body(item) }
      s = e &+ 1
    }
  }

  /// Parses `code` or `code@begin/end` (either date may be empty).
  static func identity(_ r: ByteRange, _ b: Span<UInt8>) throws(RowError) -> ScannedIdentity {
    var i = r.lower
    while i < r.upper, b[i] != at { i &+= 1 }
    let code = ByteText.trimmed(ByteRange(r.lower, i), in: b)
    guard !code.isEmpty else {
      throw RowError(.missingField, .identities, at: r.lower, expected: "an identity code before '@'", found: r.string(in: b))
    }
    var entry = ScannedIdentity(code: code, begin: 0, end: .max)
    if i == r.upper { return entry }
    var slashAt = i &+ 1
    while slashAt < r.upper, b[slashAt] != slash { slashAt &+= 1 }
    guard slashAt < r.upper else {
      throw RowError(.invalidDate, .identities, at: r.lower, expected: "validity as code@begin/end (either date may be empty)", found: r.string(in: b))
    }
    let begin = ByteText.trimmed(ByteRange(i &+ 1, slashAt), in: b)
    let end = ByteText.trimmed(ByteRange(slashAt &+ 1, r.upper), in: b)
    if !begin.isEmpty { entry.begin = try ByteText.date(begin, in: b, column: .identities) }
    if !end.isEmpty { entry.end = try ByteText.date(end, in: b, column: .identities) }
    guard entry.begin <= entry.end else {
      throw RowError(.invalidDate, .identities, at: r.lower, expected: "a validity end on or after its begin", found: r.string(in: b))
    }
    return entry
  }
}
