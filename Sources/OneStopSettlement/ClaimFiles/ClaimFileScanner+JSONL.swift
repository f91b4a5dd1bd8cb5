extension ClaimFileScanner {
  private static let names: [(StaticString, ClaimFileColumn)] = [
    ("claim_id", .claimId), ("person_id", .personId), ("date", .date), ("kind", .kind),
    ("hospital_level", .hospitalLevel), ("place", .place), ("referred", .referred),
    ("designated_hospital", .designatedHospital), ("identities", .identities), ("total", .total),
    ("fully_own_pay", .fullyOwnPay), ("over_limit", .overLimit), ("pay_first", .payFirst), ("in_policy", .inPolicy),
    ("diagnoses", .diagnoses), ("income", .income), ("medfee_sumamt", .total), ("fulamt_ownpay_amt", .fullyOwnPay),
    ("overlmt_selfpay", .overLimit), ("preselfpay_amt", .payFirst), ("inscp_scp_amt", .inPolicy),
  ]

  /// The column a JSON key names.
  @inline(__always)
  static func column(named r: ByteRange, in b: Span<UInt8>) -> ClaimFileColumn? {
    for (name, c) in names where ByteText.matches(r, in: b, name) { return c }
    return nil
  }

  /// Scans one JSON object line.
  static func scanJSON(_ b: inout MutableSpan<UInt8>, into row: inout ScannedClaim) throws(RowError) {
    var p = row.lineStart
    let end = row.lineEnd
    skipSpace(b, &p, end)
    try expect(UInt8(ascii: "{"), b, &p, end, nil)
    skipSpace(b, &p, end)
    if p < end, b[p] == UInt8(ascii: "}") {
      p &+= 1
    } else {
      var seen: UInt32 = 0
      while true {
        guard p < end, b[p] == quote else {
          throw RowError(.malformedJSON, nil, at: p, expected: "a key in double quotes")
        }
        let keyAt = p
        let key = try string(&b, &p, end, nil)
        guard let c = column(named: key, in: b.span) else {
          throw RowError(.unknownKey, nil, at: keyAt,
            expected: "one of " + ClaimFileColumn.allCases.map(\.name).joined(separator: ", "), found: key.string(in: b.span))
        }
        guard seen & c.bit == 0 else {
          throw RowError(.duplicateDefinition, c, at: keyAt, expected: "each key once", found: c.name)
        }
        seen |= c.bit
        skipSpace(b, &p, end)
        try expect(UInt8(ascii: ":"), b, &p, end, c)
        skipSpace(b, &p, end)
        if p < end, b[p] == UInt8(ascii: "["), c == .identities || c == .diagnoses {
          try array(c, &b, &p, end, &row)
        } else {
          let valueAt = p
          let value = try scalar(&b, &p, end, c)
          try assign(c, value, to: &row, b.span)
          if c == .identities { row.identitiesOffset = valueAt }
        }
        skipSpace(b, &p, end)
        guard p < end else { throw RowError(.malformedJSON, nil, at: p, expected: "',' or '}'") }
        if b[p] == UInt8(ascii: "}") { p &+= 1; break }
        try expect(comma, b, &p, end, nil)
        skipSpace(b, &p, end)
      }
    }
    skipSpace(b, &p, end)
    guard p == end else { throw RowError(.malformedJSON, nil, at: p, expected: "nothing after the object on its line") }
  }

  /// An array of identity entries (strings or `{code, begin, end}`) or of diagnosis codes.
  private static func array(_ c: ClaimFileColumn, _ b: inout MutableSpan<UInt8>, _ p: inout Int, _ end: Int, _ row: inout ScannedClaim) throws(RowError) {
    if c == .identities { row.identitiesOffset = p } else { row.diagnosesOffset = p }
    p &+= 1  // [
    skipSpace(b, &p, end)
    if p < end, b[p] == UInt8(ascii: "]") { p &+= 1; return }
    row.seen |= c.bit
    while true {
      let at = p
      if c == .identities, p < end, b[p] == UInt8(ascii: "{") {
        try row.addIdentity(try identityObject(&b, &p, end), at: at)
      } else {
        guard p < end, b[p] == quote else {
          throw RowError(.invalidValue, c, at: p, expected: c == .identities ? "an identity as a string or {code, begin, end}" : "a diagnosis code as a string")
        }
        let item = ByteText.trimmed(try string(&b, &p, end, c), in: b.span)
        if !item.isEmpty {
          if c == .identities {
            try row.addIdentity(try identity(item, b.span), at: at)
          } else {
            try row.addDiagnosis(item, at: at)
          }
        }
      }
      skipSpace(b, &p, end)
      guard p < end else { throw RowError(.malformedJSON, c, at: p, expected: "',' or ']'") }
      if b[p] == UInt8(ascii: "]") { p &+= 1; return }
      try expect(comma, b, &p, end, c)
      skipSpace(b, &p, end)
    }
  }

  /// `{"code": "2303", "begin": "2024-01-01", "end": "2024-12-31"}`.
  private static func identityObject(_ b: inout MutableSpan<UInt8>, _ p: inout Int, _ end: Int) throws(RowError) -> ScannedIdentity {
    let at = p
    p &+= 1  // {
    var entry = ScannedIdentity.open
    skipSpace(b, &p, end)
    if p < end, b[p] == UInt8(ascii: "}") {
      throw RowError(.missingField, .identities, at: at, expected: "an identity object with a 'code'")
    }
    while true {
      guard p < end, b[p] == quote else { throw RowError(.malformedJSON, .identities, at: p, expected: "a key in double quotes") }
      let keyAt = p
      let key = try string(&b, &p, end, .identities)
      skipSpace(b, &p, end)
      try expect(UInt8(ascii: ":"), b, &p, end, .identities)
      skipSpace(b, &p, end)
      let value = ByteText.trimmed(try scalar(&b, &p, end, .identities), in: b.span)
      if ByteText.matches(key, in: b.span, "code") {
        entry.code = value
      } else if ByteText.matches(key, in: b.span, "begin") {
        if !value.isEmpty { entry.begin = try ByteText.date(value, in: b.span, column: .identities) }
      } else if ByteText.matches(key, in: b.span, "end") {
        if !value.isEmpty { entry.end = try ByteText.date(value, in: b.span, column: .identities) }
      } else {
        throw RowError(.unknownKey, .identities, at: keyAt, expected: "code, begin or end", found: key.string(in: b.span))
      }
      skipSpace(b, &p, end)
      guard p < end else { throw RowError(.malformedJSON, .identities, at: p, expected: "',' or '}'") }
      if b[p] == UInt8(ascii: "}") { p &+= 1; break }
      try expect(comma, b, &p, end, .identities)
      skipSpace(b, &p, end)
    }
    guard !entry.code.isEmpty else { throw RowError(.missingField, .identities, at: at, expected: "an identity 'code'") }
    guard entry.begin <= entry.end else {
      throw RowError(.invalidDate, .identities, at: at, expected: "a validity end on or after its begin")
    }
    return entry
  }

  /// A string's contents, a number's or `true`/`false` literal text, or an
  /// empty range for `null`.
  private static func scalar(_ b: inout MutableSpan<UInt8>, _ p: inout Int, _ end: Int, _ c: ClaimFileColumn) throws(RowError) -> ByteRange {
    guard p < end else { throw RowError(.malformedJSON, c, at: p, expected: "a value") }
    if b[p] == quote { return try string(&b, &p, end, c) }
    let start = p
    while p < end {
      let x = b[p]
      if x == comma || x == UInt8(ascii: "}") || x == UInt8(ascii: "]") || x == ByteText.space || x == ByteText.tab { break }
      p &+= 1
    }
    let literal = ByteRange(start, p)
    let s = b.span
    if ByteText.matches(literal, in: s, "null") { return .empty }
    if ByteText.matches(literal, in: s, "true") || ByteText.matches(literal, in: s, "false") { return literal }
    var i = start
    while i < p {
      let x = s[i]
      guard (x >= ByteText.zero && x <= ByteText.zero + 9) || x == ByteText.dot || x == ByteText.minus else {
        throw RowError(.malformedJSON, c, at: start, expected: "a string, a plain decimal number, true, false or null", found: literal.string(in: s))
      }
      i &+= 1
    }
    guard !literal.isEmpty else { throw RowError(.malformedJSON, c, at: start, expected: "a value") }
    return literal
  }

  /// A JSON string starting at the quote at `p`; escapes are decoded in place.
  static func string(_ b: inout MutableSpan<UInt8>, _ p: inout Int, _ end: Int, _ c: ClaimFileColumn?) throws(RowError) -> ByteRange {
    let start = p &+ 1
    var r = start
    var w = start
    while r < end {
      let x = b[r]
      if x == quote {
        p = r &+ 1
        return ByteRange(start, w)
      }
      if x == UInt8(ascii: "\\") {
        try unescape(&b, &r, &w, end, c)
        continue
      }
      guard x >= 0x20 else { throw RowError(.malformedJSON, c, at: r, expected: "no control characters inside a string") }
      if w != r { b[w] = x }
      w &+= 1; r &+= 1
    }
    throw RowError(.malformedJSON, c, at: start &- 1, expected: "a closing '\"'")
  }

  /// Decodes the escape at `r` into `w` (never past `r`).
  private static func unescape(_ b: inout MutableSpan<UInt8>, _ r: inout Int, _ w: inout Int, _ end: Int, _ c: ClaimFileColumn?) throws(RowError) {
    let at = r
    guard r &+ 1 < end else { throw RowError(.malformedJSON, c, at: at, expected: "an escape sequence") }
    let e = b[r &+ 1]
    var simple: UInt8 = 0
    switch e {
    case quote, UInt8(ascii: "\\"), slash: simple = e
    case UInt8(ascii: "b"): simple = 8
    case UInt8(ascii: "f"): simple = 12
    case UInt8(ascii: "n"): simple = 10
    case UInt8(ascii: "r"): simple = 13
    case UInt8(ascii: "t"): simple = 9
    case UInt8(ascii: "u"): break
    default: throw RowError(.malformedJSON, c, at: at, expected: "a valid escape sequence")
    }
    if e != UInt8(ascii: "u") {
      b[w] = simple; w &+= 1; r &+= 2
      return
    }
    var scalar = try hex4(b.span, r &+ 2, end, c, at)
    r &+= 6
    if scalar >= 0xD800 && scalar < 0xDC00 {
      guard r &+ 1 < end, b[r] == UInt8(ascii: "\\"), b[r &+ 1] == UInt8(ascii: "u") else {
        throw RowError(.malformedJSON, c, at: at, expected: "a low surrogate after a high surrogate")
      }
      let low = try hex4(b.span, r &+ 2, end, c, at)
      guard low >= 0xDC00 && low < 0xE000 else { throw RowError(.malformedJSON, c, at: at, expected: "a low surrogate") }
      scalar = 0x10000 &+ ((scalar &- 0xD800) << 10) &+ (low &- 0xDC00)
      r &+= 6
    } else if scalar >= 0xDC00 && scalar < 0xE000 {
      throw RowError(.malformedJSON, c, at: at, expected: "a high surrogate before a low surrogate")
    }
    // UTF-8 encode; at most 4 bytes written for at least 6 read.
    if scalar < 0x80 {
      b[w] = UInt8(scalar); w &+= 1
    } else if scalar < 0x800 {
      b[w] = UInt8(0xC0 | (scalar >> 6)); b[w &+ 1] = UInt8(0x80 | (scalar & 0x3F)); w &+= 2
    } else if scalar < 0x10000 {
      b[w] = UInt8(0xE0 | (scalar >> 12)); b[w &+ 1] = UInt8(0x80 | ((scalar >> 6) & 0x3F))
      b[w &+ 2] = UInt8(0x80 | (scalar & 0x3F)); w &+= 3
    } else {
      b[w] = UInt8(0xF0 | (scalar >> 18)); b[w &+ 1] = UInt8(0x80 | ((scalar >> 12) & 0x3F))
      b[w &+ 2] = UInt8(0x80 | ((scalar >> 6) & 0x3F)); b[w &+ 3] = UInt8(0x80 | (scalar & 0x3F)); w &+= 4
    }
  }

  private static func hex4(_ b: Span<UInt8>, _ s: Int, _ end: Int, _ c: ClaimFileColumn?, _ at: Int) throws(RowError) -> UInt32 {
    guard s &+ 4 <= end else { throw RowError(.malformedJSON, c, at: at, expected: "four hex digits after \\u") }
    var v: UInt32 = 0
    for i in s..<(s &+ 4) {
      let x = b[i]
      let d: UInt32
      switch x {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): d = UInt32(x &- UInt8(ascii: "0"))
      case UInt8(ascii: "a")...UInt8(ascii: "f"): d = UInt32(x &- UInt8(ascii: "a")) &+ 10
      case UInt8(ascii: "A")...UInt8(ascii: "F"): d = UInt32(x &- UInt8(ascii: "A")) &+ 10
      default: throw RowError(.malformedJSON, c, at: at, expected: "four hex digits after \\u")
      }
      v = v << 4 | d
    }
    return v
  }

  @inline(__always)
  static func skipSpace(_ b: borrowing MutableSpan<UInt8>, _ p: inout Int, _ end: Int) {
    while p < end {
      let x = b[p]
      guard x == ByteText.space || x == ByteText.tab else { return }
      p &+= 1
    }
  }

  @inline(__always)
  private static func expect(_ x: UInt8, _ b: borrowing MutableSpan<UInt8>, _ p: inout Int, _ end: Int, _ c: ClaimFileColumn?) throws(RowError) {
    guard p < end, b[p] == x else {
      throw RowError(.malformedJSON, c, at: p, expected: "'\(Character(Unicode.Scalar(x)))'")
    }
    p &+= 1
  }
}
