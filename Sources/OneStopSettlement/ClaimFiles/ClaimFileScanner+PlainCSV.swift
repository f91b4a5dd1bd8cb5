#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension ClaimFileScanner {
  /// Scans one CSV row of plain fields — the form `settle synth` and most
  /// exports write — straight from the buffer: the line end is found with
  /// `memchr`, each field is parsed by its column's rule as it is read
  /// (amounts to fen, dates to `yyyymmdd`, kinds and places by length and
  /// spelling), and nothing is decoded or written back.
  ///
  /// Plain means: no quotes, no spaces or tabs around a field, amounts as
  /// `123`, `123.4` or `123.45`, valid dates, `0`/`1` flags, identity and
  /// diagnosis items without `@` or spaces, every required column present,
  /// and consistent amounts. Any other row gives `nil` and is then scanned
  /// by ``scanCSVRow(_:limit:layout:into:next:)``, which gives the same
  /// ``ScannedClaim`` for plain rows and the located error for bad ones
  /// (a differential test checks this over random rows).
  ///
  /// - Returns: the next line's start, or `nil` (row left to the exact path).
  @inline(__always)
  static func scanPlainCSVRow(
    _ base: UnsafePointer<UInt8>, limit: Int, layout: borrowing CSVLayout, into row: inout ScannedClaim
  ) -> Int? {
    let start = row.lineStart
    let (e, next) = plainLineEnd(base, start, limit: limit)
    var p = start
    var i = 0
    let n = layout.count
    while i < n {
      let c = layout.plan[i]
      let f = p
      // Every field ends at a comma, the last one at the line's end.
      switch c {
      case .total, .fullyOwnPay, .overLimit, .payFirst, .inPolicy, .income:
        if p < e, base[p] != comma {
          guard let v = plainFen(base, &p, e, limit: limit) else { return nil }
          row.set(c, fen: v, at: f)
        }
      case .date:
        guard p &+ 10 <= e, let v = plainDate(base + p) else { return nil }
        p &+= 10
        row.seen |= ClaimFileColumn.date.bit
        row.dateOffset = f
        row.date = v
      case .referred, .designatedHospital:
        if p < e, base[p] != comma {
          let x = base[p] &- ByteText.zero
          guard x <= 1 else { return nil }
          row.seen |= c.bit
          if c == .referred { row.referred = x == 1 } else { row.designated = x == 1 }
          p &+= 1
        }
      case .identities, .diagnoses:
        if p < e, base[p] != comma {
          guard plainItems(base, &p, e, c, into: &row) else { return nil }
        }
      case .claimId, .personId, .hospitalLevel, .kind, .place:
        p = fieldEnd(base, p, e, limit: limit)
        guard plainText(c, base, f, p, into: &row) else { return nil }
      }
      i &+= 1
      if p < e, base[p] == comma {
        p &+= 1
        continue
      }
      guard p == e, i == n else { return nil }
      row.lineEnd = e
      do { try row.complete() } catch { return nil }
      return next
    }
    return nil
  }

  /// The end of the line starting at `start` (without CR LF, found with
  /// `memchr`) and the start of the next.
  @inline(__always)
  static func plainLineEnd(_ base: UnsafePointer<UInt8>, _ start: Int, limit: Int) -> (end: Int, next: Int) {
    var e = limit
    var next = limit
    if let nl = memchr(base + start, 10, limit &- start) {
      e = UnsafePointer<UInt8>(nl.assumingMemoryBound(to: UInt8.self)) - base
      next = e &+ 1
    }
    if e > start, base[e &- 1] == 13 { e &-= 1 }
    return (e, next)
  }

  /// A text column (`claim_id`, `person_id`, `hospital_level`, `kind`,
  /// `place`) of the bytes `f..<end`: stored when plain; `false` when the
  /// field is left to the exact path (empty but required, quoted, spaces
  /// or tabs around it, or a kind or place not spelled exactly).
  @inline(__always)
  static func plainText(_ c: ClaimFileColumn, _ base: UnsafePointer<UInt8>, _ f: Int, _ end: Int, into row: inout ScannedClaim) -> Bool {
    if end == f { return c == .claimId }  // required text, or empty kind/place: exact path
    let first = base[f], last = base[end &- 1]
    guard first != quote, first != ByteText.space, first != ByteText.tab, last != ByteText.space, last != ByteText.tab
    else { return false }
    let r = ByteRange(f, end)
    row.seen |= c.bit
    switch c {
    case .claimId: row.claimId = r
    case .personId: row.personId = r
    case .hospitalLevel: row.level = r; row.levelOffset = f
    case .kind:
      guard let k = plainKind(base + f, end &- f) else { return false }
      row.kind = k
    default:
      guard let pl = plainPlace(base + f, end &- f) else { return false }
      row.place = pl
    }
    return true
  }

  /// The first comma at or after `p` before `e`, or `e`. Reads eight
  /// bytes at a time while they lie before `limit` (the buffer's complete
  /// lines; bytes past `e` only ever move the answer to `e`).
  @inline(__always)
  static func fieldEnd(_ base: UnsafePointer<UInt8>, _ p: Int, _ e: Int, limit: Int) -> Int {
    var p = p
    while p < e, p &+ 8 <= limit {
      // A zero byte of `x` is a comma; the lowest flagged byte is exact.
      let x = UnsafeRawPointer(base + p).loadUnaligned(as: UInt64.self) ^ 0x2C2C_2C2C_2C2C_2C2C
      let z = (x &- 0x0101_0101_0101_0101) & ~x & 0x8080_8080_8080_8080
      if z != 0 { return min(p &+ (z.trailingZeroBitCount &>> 3), e) }
      p &+= 8
    }
    while p < e, base[p] != comma { p &+= 1 }
    return min(p, e)
  }

  /// The value of the leading decimal digits of the eight bytes at `s`
  /// and their number (0–7; 8 when all eight are digits, value then
  /// unspecified), without a loop.
  @inline(__always)
  static func leadingDigits(_ s: UnsafePointer<UInt8>) -> (value: Int64, count: Int) {
    let t = UnsafeRawPointer(s).loadUnaligned(as: UInt64.self) &- 0x3030_3030_3030_3030
    // A byte is not a digit when it wrapped below '0' or is above '9'
    // (borrows and carries only reach bytes after the first such byte).
    let flags = (t | (t &+ 0x7676_7676_7676_7676)) & 0x8080_8080_8080_8080
    let n = flags.trailingZeroBitCount &>> 3
    guard n > 0, n < 8 else { return (0, n) }
    // Digits right-aligned (leading zeros), then pairs, quads, the eight.
    var v = t &<< UInt64(64 &- 8 &* n)
    v = ((v & 0x0F0F_0F0F_0F0F_0F0F) &* 2561) &>> 8
    v = ((v & 0x00FF_00FF_00FF_00FF) &* 6_553_601) &>> 16
    v = ((v & 0x0000_FFFF_0000_FFFF) &* 42_949_672_960_001) &>> 32
    return (Int64(truncatingIfNeeded: v), n)
  }

  /// Fen of `123`, `123.4` or `123.45` (at most 11 integer digits) ending
  /// at a comma or `e`; `nil` otherwise. Up to seven integer digits are
  /// read at once when eight bytes lie before `limit`.
  @inline(__always)
  static func plainFen(_ base: UnsafePointer<UInt8>, _ p: inout Int, _ e: Int, limit: Int) -> Int64? {
    var i = p
    var v: Int64 = 0
    var wide = false
    if p &+ 8 <= limit {
      let (value, n) = leadingDigits(base + p)
      // The byte at `e` (a line break) is not a digit: `n` stops there.
      if n < 8 { v = value; i = p &+ n; wide = true }
    }
    if !wide {
      while i < e {
        let d = base[i] &- ByteText.zero
        if d > 9 { break }
        v = v &* 10 &+ Int64(d)
        i &+= 1
      }
    }
    let digits = i &- p
    guard digits > 0, digits <= 11, i <= e else { return nil }
    v &*= 100
    if i < e, base[i] == ByteText.dot {
      let d1 = i &+ 1 < e ? base[i &+ 1] &- ByteText.zero : 10
      guard d1 <= 9 else { return nil }
      v &+= Int64(d1) &* 10
      i &+= 2
      if i < e, base[i] != comma {
        let d2 = base[i] &- ByteText.zero
        guard d2 <= 9 else { return nil }
        v &+= Int64(d2)
        i &+= 1
      }
    }
    guard i == e || base[i] == comma, v <= Money.maximumFen else { return nil }
    p = i
    return v
  }

  /// `yyyymmdd` of a valid `yyyy-MM-dd` at `s` followed by a comma or the
  /// line end (the caller checks that 10 bytes are there); `nil` otherwise.
  @inline(__always)
  static func plainDate(_ s: UnsafePointer<UInt8>) -> Int32? {
    guard s[4] == ByteText.minus, s[7] == ByteText.minus else { return nil }
    let d0 = s[0] &- ByteText.zero, d1 = s[1] &- ByteText.zero, d2 = s[2] &- ByteText.zero, d3 = s[3] &- ByteText.zero
    let d5 = s[5] &- ByteText.zero, d6 = s[6] &- ByteText.zero, d8 = s[8] &- ByteText.zero, d9 = s[9] &- ByteText.zero
    guard d0 <= 9, d1 <= 9, d2 <= 9, d3 <= 9, d5 <= 9, d6 <= 9, d8 <= 9, d9 <= 9 else { return nil }
    let y = Int32(d0) &* 1000 &+ Int32(d1) &* 100 &+ Int32(d2) &* 10 &+ Int32(d3)
    let m = Int32(d5) &* 10 &+ Int32(d6)
    let d = Int32(d8) &* 10 &+ Int32(d9)
    return ByteText.packedDate(year: y, month: m, day: d)
  }

  /// `;`-separated identity codes (held all year) or diagnosis codes, each
  /// without spaces, tabs, quotes or `@`, up to the next comma; `false` for
  /// anything else (including too many items).
  @inline(__always)
  static func plainItems(_ base: UnsafePointer<UInt8>, _ p: inout Int, _ e: Int, _ c: ClaimFileColumn, into row: inout ScannedClaim) -> Bool {
    let f = p
    var s = p
    var i = p
    while true {
      let x: UInt8 = i < e ? base[i] : comma
      if x == comma || x == semicolon {
        if i > s {
          if c == .identities {
            guard row.identityCount < ScannedClaim.maximumIdentities else { return false }
            row.identities[row.identityCount] = ScannedIdentity(code: ByteRange(s, i), begin: 0, end: .max)
            row.identityCount &+= 1
          } else {
            guard row.diagnosisCount < ScannedClaim.maximumDiagnoses else { return false }
            row.diagnoses[row.diagnosisCount] = ByteRange(s, i)
            row.diagnosisCount &+= 1
          }
        }
        if x == comma { break }
        s = i &+ 1
      } else if x == ByteText.space || x == ByteText.tab || x == quote || x == at {
        return false
      }
      i &+= 1
    }
    row.seen |= c.bit
    if c == .identities { row.identitiesOffset = f } else { row.diagnosesOffset = f }
    p = i
    return true
  }

  /// The claim kind spelled exactly in `n` bytes at `s`.
  @inline(__always)
  static func plainKind(_ s: UnsafePointer<UInt8>, _ n: Int) -> ClaimKind? {
    switch n {
    case 9: return same(s, "inpatient", n) ? .inpatient : nil
    case 17:
      if s[0] == UInt8(ascii: "g") { return same(s, "generalOutpatient", n) ? .generalOutpatient : nil }
      return same(s, "outpatientChronic", n) ? .outpatientChronic : nil
    default: return nil
    }
  }

  /// The place spelled exactly in `n` bytes at `s`.
  @inline(__always)
  static func plainPlace(_ s: UnsafePointer<UInt8>, _ n: Int) -> Place? {
    switch n {
    case 8: return same(s, "inCounty", n) ? .inCounty : nil
    case 6: return same(s, "inCity", n) ? .inCity : nil
    case 10: return same(s, "inProvince", n) ? .inProvince : nil
    case 13: return same(s, "outOfProvince", n) ? .outOfProvince : nil
    default: return nil
    }
  }

  /// Whether the `n` bytes at `s` (4 ≤ `n` ≤ 24, `word` as long) spell
  /// `word`: overlapping loads of each, the first and last 8 (or 4) bytes
  /// and, past 16, the middle 8.
  @inline(__always)
  static func same(_ s: UnsafePointer<UInt8>, _ word: StaticString, _ n: Int) -> Bool {
    let a = UnsafeRawPointer(s), w = UnsafeRawPointer(word.utf8Start)
    if n >= 8 {
      return a.loadUnaligned(as: UInt64.self) == w.loadUnaligned(as: UInt64.self)
        && a.loadUnaligned(fromByteOffset: n &- 8, as: UInt64.self) == w.loadUnaligned(fromByteOffset: n &- 8, as: UInt64.self)
        && (n <= 16 || a.loadUnaligned(fromByteOffset: 8, as: UInt64.self) == w.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
    }
    return a.loadUnaligned(as: UInt32.self) == w.loadUnaligned(as: UInt32.self)
      && a.loadUnaligned(fromByteOffset: n &- 4, as: UInt32.self) == w.loadUnaligned(fromByteOffset: n &- 4, as: UInt32.self)
  }
}
