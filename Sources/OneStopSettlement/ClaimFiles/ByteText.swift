/// Exact parsing of claims-file fields straight from bytes: no `String`, no
/// Foundation, no floating point.
///
/// Amounts are yuan with at most two decimals (`8009.85`, `800`, `12.5`,
/// `12.500`) and become integer fen; dates are `yyyy-MM-dd` and become the
/// packed integer `yyyymmdd`, which orders like the date.
enum ByteText {
  static let space = UInt8(ascii: " ")
  static let tab = UInt8(ascii: "\t")
  static let zero = UInt8(ascii: "0")
  static let dot = UInt8(ascii: ".")
  static let minus = UInt8(ascii: "-")

  /// The range without leading and trailing spaces and tabs.
  @inline(__always)
  static func trimmed(_ r: ByteRange, in b: Span<UInt8>) -> ByteRange {
    var s = r.lower, e = r.upper
    while s < e, b[s] == space || b[s] == tab { s &+= 1 }
    while e > s, b[e &- 1] == space || b[e &- 1] == tab { e &-= 1 }
    return ByteRange(s, e)
  }

  /// Parses yuan text into fen: digits, an optional point and at most two
  /// decimals (further decimals must be zeros), between 0 and
  /// ``Money/maximumFen``.
  @inline(__always)
  static func fen(_ range: ByteRange, in b: Span<UInt8>, column: ClaimFileColumn) throws(RowError) -> Int64 {
    let r = trimmed(range, in: b)
    var i = r.lower
    let end = r.upper
    var value: Int64 = 0
    var digits = 0
    var significant = 0
    while i < end {
      let d = b[i] &- zero
      if d > 9 { break }
      // 10^12 fen needs 11 yuan digits; 15 significant digits cannot overflow Int64 × 100.
      if significant > 0 || d != 0 { significant &+= 1 }
      if significant > 15 { throw tooLarge(r, b, column) }
      value = value &* 10 &+ Int64(d)
      digits &+= 1
      i &+= 1
    }
    var fraction: Int64 = 0
    var places = 0
    if i < end, b[i] == dot {
      i &+= 1
      while i < end {
        let d = b[i] &- zero
        if d > 9 { break }
        if places < 2 {
          fraction = fraction &* 10 &+ Int64(d)
        } else if d != 0 {
          throw RowError(.invalidNumber, column, at: range.lower, expected: "an amount in yuan with at most 2 decimals", found: r.string(in: b))
        }
        places &+= 1
        i &+= 1
      }
      if places == 0 { digits = 0 }  // "12." is not a number
    }
    guard digits > 0, i == end else {
      if r.count > 0, b[r.lower] == minus {
        throw RowError(.amountOutOfRange, column, at: range.lower, expected: "an amount of 0 or more", found: r.string(in: b))
      }
      throw RowError(.invalidNumber, column, at: range.lower, expected: "an amount in yuan such as 8009.85", found: r.string(in: b))
    }
    if places == 1 { fraction &*= 10 }
    let fen = value &* 100 &+ fraction
    guard fen <= Money.maximumFen else { throw tooLarge(r, b, column) }
    return fen
  }

  private static func tooLarge(_ r: ByteRange, _ b: Span<UInt8>, _ column: ClaimFileColumn) -> RowError {
    RowError(.amountOutOfRange, column, at: r.lower, expected: "an amount of at most \(Money(fen: Money.maximumFen)) yuan", found: r.string(in: b))
  }

  /// Parses `yyyy-MM-dd` into `yyyymmdd`, checking the day of the month.
  @inline(__always)
  static func date(_ range: ByteRange, in b: Span<UInt8>, column: ClaimFileColumn) throws(RowError) -> Int32 {
    let r = trimmed(range, in: b)
    guard r.count == 10, b[r.lower &+ 4] == minus, b[r.lower &+ 7] == minus else {
      throw RowError(.invalidDate, column, at: range.lower, expected: "a date as yyyy-MM-dd", found: r.string(in: b))
    }
    var ok = true
    @inline(__always) func digit(_ k: Int) -> Int32 {
      let x = b[r.lower &+ k] &- zero
      if x > 9 { ok = false }
      return Int32(x)
    }
    let y = digit(0) &* 1000 &+ digit(1) &* 100 &+ digit(2) &* 10 &+ digit(3)
    let m = digit(5) &* 10 &+ digit(6)
    let d = digit(8) &* 10 &+ digit(9)
    guard ok, let date = packedDate(year: y, month: m, day: d) else {
      throw RowError(.invalidDate, column, at: range.lower, expected: "a valid calendar date as yyyy-MM-dd", found: r.string(in: b))
    }
    return date
  }

  /// `yyyymmdd` when year, month and day make a date ``CivilDate`` accepts
  /// (years 1900–2999, the month's days by ``CivilDate/daysIn(month:year:)``);
  /// `nil` otherwise. Every byte-level date reader ends here.
  @inline(__always)
  static func packedDate(year y: Int32, month m: Int32, day d: Int32) -> Int32? {
    guard y >= 1900, y <= 2999, m >= 1, m <= 12, d >= 1,
      d <= 28 || d <= Int32(CivilDate.daysIn(month: Int(m), year: Int(y)))  // no look-up for most days
    else { return nil }
    return y &* 10_000 &+ m &* 100 &+ d
  }

  /// Parses `1`/`0`/`true`/`false` (empty is false).
  @inline(__always)
  static func flag(_ range: ByteRange, in b: Span<UInt8>, column: ClaimFileColumn) throws(RowError) -> Bool {
    let r = trimmed(range, in: b)
    switch r.count {
    case 0: return false
    case 1:
      if b[r.lower] == UInt8(ascii: "1") { return true }
      if b[r.lower] == UInt8(ascii: "0") { return false }
    default:
      if matches(r, in: b, "true") { return true }
      if matches(r, in: b, "false") { return false }
    }
    throw RowError(.invalidValue, column, at: range.lower, expected: "1, 0, true or false", found: r.string(in: b))
  }

  /// Whether the bytes spell `word` (ASCII).
  @inline(__always)
  static func matches(_ r: ByteRange, in b: Span<UInt8>, _ word: StaticString) -> Bool {
    guard r.count == word.utf8CodeUnitCount else { return false }
    let p = word.utf8Start
    var i = 0
    while i < r.count {
      if b[r.lower &+ i] != p[i] { return false }
      i &+= 1
    }
    return true
  }

  /// The claim kind spelled exactly in `r`, or `nil`.
  @inline(__always)
  static func claimKind(_ r: ByteRange, in b: Span<UInt8>) -> ClaimKind? {
    switch r.count {
    case 9: return matches(r, in: b, "inpatient") ? .inpatient : nil
    case 17:
      if b[r.lower] == UInt8(ascii: "g") { return matches(r, in: b, "generalOutpatient") ? .generalOutpatient : nil }
      return matches(r, in: b, "outpatientChronic") ? .outpatientChronic : nil
    default: return nil
    }
  }

  /// The place spelled exactly in `r`, or `nil`.
  @inline(__always)
  static func claimPlace(_ r: ByteRange, in b: Span<UInt8>) -> Place? {
    switch r.count {
    case 8: return matches(r, in: b, "inCounty") ? .inCounty : nil
    case 6: return matches(r, in: b, "inCity") ? .inCity : nil
    case 10: return matches(r, in: b, "inProvince") ? .inProvince : nil
    case 13: return matches(r, in: b, "outOfProvince") ? .outOfProvince : nil
    default: return nil
    }
  }

  /// The claim kind spelled in `r`.
  @inline(__always)
  static func kind(_ range: ByteRange, in b: Span<UInt8>) throws(RowError) -> ClaimKind {
    let r = trimmed(range, in: b)
    if let k = claimKind(r, in: b) { return k }
    throw RowError(.invalidValue, .kind, at: range.lower,
      expected: "one of " + ClaimKind.allCases.map(\.rawValue).joined(separator: ", "), found: r.string(in: b))
  }

  /// The place spelled in `r`.
  @inline(__always)
  static func place(_ range: ByteRange, in b: Span<UInt8>) throws(RowError) -> Place {
    let r = trimmed(range, in: b)
    if let p = claimPlace(r, in: b) { return p }
    throw RowError(.invalidValue, .place, at: range.lower,
      expected: "one of " + Place.allCases.map(\.rawValue).joined(separator: ", "), found: r.string(in: b))
  }

  /// FNV-1a hash of the bytes.
  @inline(__always)
  static func hash(_ r: ByteRange, in b: Span<UInt8>) -> UInt64 {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    var i = r.lower
    while i < r.upper {
      h = (h ^ UInt64(b[i])) &* 0x0000_0100_0000_01b3
      i &+= 1
    }
    return h
  }

  /// `yyyymmdd` → `CivilDate` (for owned rows and messages).
  static func civilDate(_ packed: Int32) -> CivilDate? {
    try? CivilDate(year: Int(packed / 10_000), month: Int(packed / 100 % 100), day: Int(packed % 100))
  }

  /// `CivilDate` → `yyyymmdd`.
  static func packed(_ d: CivilDate) -> Int32 { Int32(d.year * 10_000 + d.month * 100 + d.day) }
}
