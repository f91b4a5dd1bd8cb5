extension ClaimFileScanner {
  static let comma = UInt8(ascii: ",")
  static let quote = UInt8(ascii: "\"")

  /// Whether `x` ends a CSV field.
  @inline(__always)
  static func isDelimiter(_ x: UInt8) -> Bool { x == comma || x == 10 || x == 13 }

  /// Scans one CSV row starting at `row.lineStart`, stopping at its newline
  /// (or `limit`); sets `row.lineEnd` and `next` (the next line's start).
  @inline(__always)
  static func scanCSVRow(
    _ b: inout MutableSpan<UInt8>, limit: Int, layout: CSVLayout, into row: inout ScannedClaim, next: inout Int
  ) throws(RowError) {
    var p = row.lineStart
    var i = 0
    let columns = layout.columns
    while true {
      guard i < columns.count else {
        throw RowError(.malformedRow, nil, at: p, expected: "\(layout.count) fields as in the header", found: "more")
      }
      let c = columns[i]
      let fieldStart = p
      i &+= 1
      var parsed = false
      if p < limit, b[p] != quote {
        switch c {
        case .total, .fullyOwnPay, .overLimit, .payFirst, .inPolicy, .income:
          if let v = fastFen(b.span, &p, limit) {
            parsed = true
            if p > fieldStart { row.set(c, fen: v, at: fieldStart) }
          }
        case .date:
          if let v = fastDate(b.span, &p, limit) {
            parsed = true
            row.seen |= ClaimFileColumn.date.bit
            row.dateOffset = fieldStart
            row.date = v
          }
        case .referred, .designatedHospital:
          // `0`, `1` or empty, the usual forms, without the general parser.
          let x = b[p]
          if isDelimiter(x) {
            parsed = true
          } else if x == ByteText.zero || x == ByteText.zero &+ 1, p &+ 1 == limit || isDelimiter(b[p &+ 1]) {
            parsed = true
            row.seen |= c.bit
            if c == .referred { row.referred = x != ByteText.zero } else { row.designated = x != ByteText.zero }
            p &+= 1
          }
        case .identities, .diagnoses, .claimId:
          if isDelimiter(b[p]) { parsed = true }  // empty
        default: break
        }
        if !parsed, c == .personId || c == .hospitalLevel || c == .claimId || c == .kind || c == .place {
          // Plain text with no surrounding space: store the range as it is.
          let end = findDelimiter(b.span, from: p, limit: limit)
          var last = end
          if last > p, b[last &- 1] == 13, last == limit || b[last] == 10 { last &-= 1 }
          if last > p, b[p] != ByteText.space, b[p] != ByteText.tab, b[last &- 1] != ByteText.space, b[last &- 1] != ByteText.tab {
            let r = ByteRange(p, last)
            switch c {
            case .personId: row.personId = r; row.seen |= c.bit; parsed = true
            case .claimId: row.claimId = r; row.seen |= c.bit; parsed = true
            case .hospitalLevel: row.level = r; row.levelOffset = fieldStart; row.seen |= c.bit; parsed = true
            case .kind:
              if let k = ByteText.claimKind(r, in: b.span) { row.kind = k; row.seen |= c.bit; parsed = true }
            default:
              if let pl = ByteText.claimPlace(r, in: b.span) { row.place = pl; row.seen |= c.bit; parsed = true }
            }
            if parsed { p = end }
          }
        }
      }
      if !parsed {
        p = fieldStart
        var field: ByteRange
        if p < limit, b[p] == quote || b[p] == ByteText.space {
          field = try csvField(&b, from: &p, end: lineEndFrom(b.span, p, limit), column: c)
        } else {
          p = findDelimiter(b.span, from: p, limit: limit)
          field = ByteRange(fieldStart, p)
          if p > fieldStart, b[p &- 1] == 13, p == limit || b[p] == 10 { field = ByteRange(fieldStart, p &- 1) }
        }
        try assign(c, field, to: &row, b.span)
      }
      // Delimiter.
      if p < limit, b[p] == comma {
        p &+= 1
        continue
      }
      row.lineEnd = p
      if p < limit, b[p] == 13 { p &+= 1 }
      if p < limit {
        guard b[p] == 10 else {
          throw RowError(.malformedRow, c, at: fieldStart, expected: "a comma or the end of the line after the field")
        }
        p &+= 1
      }
      if row.lineEnd > row.lineStart, b[row.lineEnd &- 1] == 13 { row.lineEnd &-= 1 }
      next = p
      break
    }
    guard i == layout.count else {
      throw RowError(.malformedRow, nil, at: row.lineEnd, expected: "\(layout.count) fields as in the header", found: "\(i)")
    }
  }

  /// The first comma or newline at or after `p` (or `limit`), eight bytes
  /// at a time: a byte `x` of a word `w` is found where `w ^ x` has a zero
  /// byte (`(v − 0x01…) & ~v & 0x80…` marks the lowest one exactly).
  @inline(__always)
  static func findDelimiter(_ b: Span<UInt8>, from p: Int, limit: Int) -> Int {
    var i = p
    let raw = b.bytes
    let ones: UInt64 = 0x0101_0101_0101_0101
    let highs: UInt64 = 0x8080_8080_8080_8080
    while i &+ 8 <= limit {
      let w = raw.unsafeLoadUnaligned(fromByteOffset: i, as: UInt64.self)
      let c = w ^ 0x2C2C_2C2C_2C2C_2C2C
      let n = w ^ 0x0A0A_0A0A_0A0A_0A0A
      let z = ((c &- ones) & ~c | (n &- ones) & ~n) & highs
      if z != 0 { return i &+ (z.trailingZeroBitCount &>> 3) }
      i &+= 8
    }
    while i < limit {
      let x = b[i]
      if x == comma || x == 10 { return i }
      i &+= 1
    }
    return i
  }

  /// Where the line containing `p` ends (its newline, or `limit`).
  static func lineEndFrom(_ b: Span<UInt8>, _ p: Int, _ limit: Int) -> Int {
    var i = p
    while i < limit, b[i] != 10 { i &+= 1 }
    if i > p, b[i &- 1] == 13 { i &-= 1 }
    return i
  }

  /// Fen of a plain amount (`123`, `123.4`, `123.45`) ending at a delimiter;
  /// `nil` (with `p` unchanged) for anything else, which the exact parser
  /// then reports. An empty field gives 0 with `p` unchanged.
  @inline(__always)
  static func fastFen(_ b: Span<UInt8>, _ p: inout Int, _ limit: Int) -> Int64? {
    var i = p
    var v: Int64 = 0
    var digits = 0
    while i < limit {
      let d = b[i] &- ByteText.zero
      if d > 9 { break }
      v = v &* 10 &+ Int64(d)
      digits &+= 1
      i &+= 1
    }
    if digits == 0 {
      return i == limit || isDelimiter(b[i]) ? 0 : nil
    }
    guard digits <= 11 else { return nil }
    var cents: Int64 = 0
    if i < limit, b[i] == ByteText.dot {
      i &+= 1
      var places = 0
      while i < limit {
        let d = b[i] &- ByteText.zero
        if d > 9 { break }
        if places < 2 { cents = cents &* 10 &+ Int64(d) } else if d != 0 { return nil }
        places &+= 1
        i &+= 1
      }
      if places == 0 { return nil }
      if places == 1 { cents &*= 10 }
    }
    guard i == limit || isDelimiter(b[i]) else { return nil }
    let fen = v &* 100 &+ cents
    guard fen <= Money.maximumFen else { return nil }
    p = i
    return fen
  }

  /// `yyyymmdd` of a valid `yyyy-MM-dd` ending at a delimiter; `nil` (with
  /// `p` unchanged) for anything else.
  @inline(__always)
  static func fastDate(_ b: Span<UInt8>, _ p: inout Int, _ limit: Int) -> Int32? {
    let s = p
    guard s &+ 10 <= limit, b[s &+ 4] == ByteText.minus, b[s &+ 7] == ByteText.minus,
      s &+ 10 == limit || isDelimiter(b[s &+ 10])
    else { return nil }
    var ok = true
    @inline(__always) func digit(_ k: Int) -> Int32 {
      let x = b[s &+ k] &- ByteText.zero
      if x > 9 { ok = false }
      return Int32(x)
    }
    let y = digit(0) &* 1000 &+ digit(1) &* 100 &+ digit(2) &* 10 &+ digit(3)
    let m = digit(5) &* 10 &+ digit(6)
    let d = digit(8) &* 10 &+ digit(9)
    guard ok, let date = ByteText.packedDate(year: y, month: m, day: d) else { return nil }
    p = s &+ 10
    return date
  }

  /// The next field starting at `pos`; leaves `pos` on the comma or at
  /// `end`. A quoted field's `""` is decoded in place.
  @inline(__always)
  static func csvField(_ b: inout MutableSpan<UInt8>, from pos: inout Int, end: Int, column: ClaimFileColumn?) throws(RowError) -> ByteRange {
    let start = pos
    var p = pos
    while p < end, b[p] == ByteText.space { p &+= 1 }
    guard p < end, b[p] == quote else {
      p = start
      while p < end, b[p] != comma { p &+= 1 }
      pos = p
      return ByteRange(start, p)
    }
    // Quoted: "…" with "" for a quote.
    let contentStart = p &+ 1
    var r = contentStart
    var w = contentStart
    while true {
      guard r < end else {
        throw RowError(.malformedRow, column, at: start, expected: "a closing quote")
      }
      let c = b[r]
      if c == quote {
        if r &+ 1 < end, b[r &+ 1] == quote {
          b[w] = quote; w &+= 1; r &+= 2
          continue
        }
        break
      }
      if w != r { b[w] = c }
      w &+= 1; r &+= 1
    }
    r &+= 1  // closing quote
    while r < end, b[r] == ByteText.space { r &+= 1 }
    guard r == end || b[r] == comma else {
      throw RowError(.malformedRow, column, at: start, expected: "a comma after the closing quote")
    }
    pos = r
    return ByteRange(contentStart, w)
  }
}

extension ScannedClaim {
  /// Stores an amount column.
  @inline(__always)
  mutating func set(_ c: ClaimFileColumn, fen: Int64, at offset: Int) {
    seen |= c.bit
    switch c {
    case .total: total = fen; totalOffset = offset
    case .fullyOwnPay: fullyOwnPay = fen
    case .overLimit: overLimit = fen
    case .payFirst: payFirst = fen
    case .inPolicy: inPolicy = fen
    case .income: income = fen; incomeOffset = offset
    default: break
    }
  }
}
