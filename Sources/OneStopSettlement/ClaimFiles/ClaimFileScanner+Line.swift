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
  /// from one 8-byte load (``lineFen(_:_:_:)``), dates from two
  /// (``wordDate(_:)``), flags, kinds and places by length.
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
    // Commas of the line: bytes 0–63 in `low`, 64–111 in `high` (the
    // window holds them all; commas past the line are masked off).
    let s = base + start
    var low = commaBits(s) | commaBits(s + 16) &<< 16 | commaBits(s + 32) &<< 32 | commaBits(s + 48) &<< 48
    var high: UInt64 = 0
    // A comma at the line's end too, so the last field ends like the others.
    if length < 64 {
      low = low & ((1 &<< UInt64(length)) &- 1) | 1 &<< UInt64(length)
    } else {
      high = (commaBits(s + 64) | commaBits(s + 80) &<< 16 | commaBits(s + 96) &<< 32) & ((1 &<< UInt64(length &- 64)) &- 1)
        | 1 &<< UInt64(length &- 64)
    }
    let n = layout.count
    var plan = layout.packed
    var f = start
    var i = 0
    while i < n {
      // The field's end: the next comma (the last field's the one added at the line's end).
      let end: Int
      if low != 0 {
        end = start &+ low.trailingZeroBitCount
        low &= low &- 1
      } else if high != 0 {
        end = start &+ 64 &+ high.trailingZeroBitCount
        high &= high &- 1
      } else {
        return nil  // too few fields
      }
      let c = unsafeBitCast(UInt8(truncatingIfNeeded: plan & 15), to: ClaimFileColumn.self)
      plan &>>= 4
      switch c {
      case .total, .fullyOwnPay, .overLimit, .payFirst, .inPolicy, .income:
        if end > f {
          guard let v = lineFen(base, f, end) else { return nil }
          row.set(c, fen: v, at: f)
        }
      case .date:
        guard end &- f == 10, let v = wordDate(base + f) else { return nil }
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
    guard low | high == 0 else { return nil }  // too many fields
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
  /// with at most seven integer digits (or eight bytes in all); `nil` otherwise (longer amounts
  /// are left to ``plainFen(_:_:_:limit:)``). Fields of up to eight bytes
  /// (``fixedWidthFen(_:_:)``) are read with one load ending at `end`;
  /// longer ones from eight bytes at `f` (``leadingDigits(_:)``).
  @inline(__always)
  static func lineFen(_ base: UnsafePointer<UInt8>, _ f: Int, _ end: Int) -> Int64? {
    if end &- f <= 8, end >= 8 { return fixedWidthFen(base, f, end) }
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

  /// Fen of a field of 1–8 bytes ending at `end` (`end ≥ 8`): the eight
  /// bytes before `end` are loaded at once, a point two or one bytes from
  /// the end is taken out by shifting the integer digits up one byte, the
  /// bytes before the field become `0`, and all eight must then be digits,
  /// combined by three multiplies into the number of fen (or tenths of a
  /// yuan, or yuan, scaled).
  @inline(__always)
  static func fixedWidthFen(_ base: UnsafePointer<UInt8>, _ f: Int, _ end: Int) -> Int64? {
    let length = end &- f
    let w = UnsafeRawPointer(base + (end &- 8)).loadUnaligned(as: UInt64.self)
    var digits: UInt64, count: Int, scale: Int64
    if length >= 4, base[end &- 3] == ByteText.dot {
      digits = (w & 0xFFFF_0000_0000_0000) | ((w &<< 8) & 0x0000_FFFF_FFFF_FF00)
      count = length &- 1; scale = 1
    } else if length >= 3, base[end &- 2] == ByteText.dot {
      digits = (w & 0xFF00_0000_0000_0000) | ((w &<< 8) & 0x00FF_FFFF_FFFF_FF00)
      count = length &- 1; scale = 10
    } else {
      digits = w
      count = length; scale = 100
    }
    guard count > 0 else { return nil }
    // The field's digits are the top `count` bytes; the bytes below become '0'.
    let kept = ~UInt64(0) &<< UInt64(64 &- 8 &* count)
    let t = ((digits & kept) | (0x3030_3030_3030_3030 & ~kept)) &- 0x3030_3030_3030_3030
    guard (t | (t &+ 0x7676_7676_7676_7676)) & 0x8080_8080_8080_8080 == 0 else { return nil }
    var v = ((t & 0x0F0F_0F0F_0F0F_0F0F) &* 2561) &>> 8
    v = ((v & 0x00FF_00FF_00FF_00FF) &* 6_553_601) &>> 16
    v = ((v & 0x0000_FFFF_0000_FFFF) &* 42_949_672_960_001) &>> 32
    return Int64(truncatingIfNeeded: v) &* scale
  }

  /// `yyyymmdd` of a valid `yyyy-MM-dd` at `s` (10 bytes), as
  /// ``plainDate(_:)`` reads it, from one 8-byte and one 2-byte load.
  @inline(__always)
  static func wordDate(_ s: UnsafePointer<UInt8>) -> Int32? {
    let raw = UnsafeRawPointer(s)
    let t = raw.loadUnaligned(as: UInt64.self) &- 0x2D30_302D_3030_3030  // "yyyy-MM-" − "0000-00-"
    let u = UInt64(raw.loadUnaligned(fromByteOffset: 8, as: UInt16.self)) &- 0x3030
    // The '-' bytes must become 0; every other byte a digit (0–9).
    guard t & 0xFF00_00FF_0000_0000 == 0,
      (t | (t &+ 0x7676_7676_7676_7676)) & 0x0080_8000_8080_8080 == 0,
      (u | (u &+ 0x7676)) & 0x8080 == 0
    else { return nil }
    let y = Int32(truncatingIfNeeded: t & 0xFF) &* 1000 &+ Int32(truncatingIfNeeded: (t &>> 8) & 0xFF) &* 100
      &+ Int32(truncatingIfNeeded: (t &>> 16) & 0xFF) &* 10 &+ Int32(truncatingIfNeeded: (t &>> 24) & 0xFF)
    let m = Int32(truncatingIfNeeded: (t &>> 40) & 0xFF) &* 10 &+ Int32(truncatingIfNeeded: (t &>> 48) & 0xFF)
    let d = Int32(truncatingIfNeeded: u & 0xFF) &* 10 &+ Int32(truncatingIfNeeded: u &>> 8)
    return ByteText.packedDate(year: y, month: m, day: d)
  }
}
