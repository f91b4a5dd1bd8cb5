extension ClaimFileScanner {
  /// The longest line ``scanLineCSVRow(_:limit:layout:into:)`` reads
  /// (longer ones go to ``scanPlainCSVRow(_:limit:layout:into:)``).
  static let maximumClassifiedLine = 112
  /// The bytes that must lie between a line's start and the buffer's
  /// complete lines for it to be classified at once (seven 16-byte blocks
  /// and an 8-byte load past the last field's start).
  static let classifiedWindow = 128

  /// Scans one plain CSV row by classifying the whole line first: the
  /// commas of up to ``maximumClassifiedLine`` bytes become a bit mask,
  /// 16 bytes per compare (``commaBits(_:)``), and every field is then cut
  /// from the mask (lowest set bit, clear it) with no per-field search.
  /// Fields are parsed by their column's rule knowing both ends: amounts
  /// of up to seven integer digits from one 8-byte load
  /// (``lineFen(_:_:_:)``), dates, flags, kinds and places by length.
  ///
  /// The same rows as ``scanPlainCSVRow(_:limit:layout:into:)`` and the
  /// same ``ScannedClaim`` for each (a differential test checks this over
  /// seeded random rows); any row it does not take — longer lines, lines
  /// near the end of the buffer, larger amounts, anything not plain — gives
  /// `nil` and is scanned by that path.
  ///
  /// - Returns: the next line's start, or `nil` (row left to the plain path).
  @inline(__always)
  static func scanLineCSVRow(
    _ base: UnsafePointer<UInt8>, limit: Int, layout: borrowing CSVLayout, into row: inout ScannedClaim
  ) -> Int? {
    let start = row.lineStart
    guard start &+ classifiedWindow <= limit else { return nil }
    let (e, next) = plainLineEnd(base, start, limit: limit)
    let length = e &- start
    guard length <= maximumClassifiedLine else { return nil }
    // Commas of the line: bytes 0–63 in `low`, 64–111 in `high`.
    var low: UInt64 = 0, high: UInt64 = 0
    var k = 0
    while k < length {
      let bits = commaBits(base + (start &+ k))
      if k < 64 { low |= bits &<< UInt64(k) } else { high |= bits &<< UInt64(k &- 64) }
      k &+= 16
    }
    if length < 64 {
      low &= (1 &<< UInt64(length)) &- 1
      high = 0
    } else {
      high &= (1 &<< UInt64(length &- 64)) &- 1
    }
    let n = layout.count
    guard n > 0, low.nonzeroBitCount &+ high.nonzeroBitCount == n &- 1 else { return nil }
    var f = start
    var i = 0
    while i < n {
      // The field's end: the next comma, the last field's the line end.
      var end = e
      if low != 0 {
        end = start &+ low.trailingZeroBitCount
        low &= low &- 1
      } else if high != 0 {
        end = start &+ 64 &+ high.trailingZeroBitCount
        high &= high &- 1
      }
      let c = layout.plan[i]
      switch c {
      case .total, .fullyOwnPay, .overLimit, .payFirst, .inPolicy, .income:
        if end > f {
          guard let v = lineFen(base, f, end) else { return nil }
          row.set(c, fen: v, at: f)
        }
      case .date:
        guard end &- f == 10, let v = plainDate(base + f) else { return nil }
        row.seen |= ClaimFileColumn.date.bit
        row.dateOffset = f
        row.date = v
      case .referred, .designatedHospital:
        if end > f {
          let x = base[f] &- ByteText.zero
          guard x <= 1, end &- f == 1 else { return nil }
          row.seen |= c.bit
          if c == .referred { row.referred = x == 1 } else { row.designated = x == 1 }
        }
      case .identities, .diagnoses:
        if end > f {
          var p = f
          guard plainItems(base, &p, end, c, into: &row) else { return nil }
        }
      case .claimId, .personId, .hospitalLevel, .kind, .place:
        guard plainText(c, base, f, end, into: &row) else { return nil }
      }
      f = end &+ 1
      i &+= 1
    }
    row.lineEnd = e
    do { try row.complete() } catch { return nil }
    return next
  }

  /// Bit `i` set when byte `i` of the 16 at `p` is a comma: one compare of
  /// the 16 bytes, then each half's bytes gathered into 8 bits by one multiply.
  @inline(__always)
  static func commaBits(_ p: UnsafePointer<UInt8>) -> UInt64 {
    let v = UnsafeRawPointer(p).loadUnaligned(as: SIMD16<UInt8>.self)
    let ones = SIMD16<UInt8>(repeating: 0).replacing(with: 1, where: v .== SIMD16<UInt8>(repeating: comma))
    let w = unsafeBitCast(ones, to: SIMD2<UInt64>.self)
    // Byte j (0 or 1) of a half times this lands on bit 56 + j, each on its own bit.
    let gather: UInt64 = 0x0102_0408_1020_4080
    return (w[0] &* gather) &>> 56 | ((w[1] &* gather) &>> 56) &<< 8
  }

  /// Fen of the whole field `f..<end` when it is `123`, `123.4` or `123.45`
  /// with one to seven integer digits; `nil` otherwise (longer amounts are
  /// left to ``plainFen(_:_:_:limit:)``). Reads eight bytes at `f`.
  @inline(__always)
  static func lineFen(_ base: UnsafePointer<UInt8>, _ f: Int, _ end: Int) -> Int64? {
    let (value, n) = leadingDigits(base + f)
    guard n > 0, n < 8 else { return nil }
    let i = f &+ n
    if i == end { return value &* 100 }
    let decimals = end &- i &- 1
    guard base[i] == ByteText.dot, decimals == 1 || decimals == 2 else { return nil }
    let d1 = base[i &+ 1] &- ByteText.zero
    let d2 = decimals == 2 ? base[i &+ 2] &- ByteText.zero : 0
    guard d1 <= 9, d2 <= 9 else { return nil }
    return value &* 100 &+ Int64(d1) &* 10 &+ Int64(d2)
  }
}
