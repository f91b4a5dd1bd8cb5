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
    var e = limit
    var next = limit
    if let nl = memchr(base + start, 10, limit &- start) {
      e = UnsafePointer<UInt8>(nl.assumingMemoryBound(to: UInt8.self)) - base
      next = e &+ 1
    }
    if e > start, base[e &- 1] == 13 { e &-= 1 }
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
          guard let v = plainFen(base, &p, e) else { return nil }
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
        while p < e, base[p] != comma { p &+= 1 }
        if p == f {
          guard c == .claimId else { return nil }  // required text, or empty kind/place: exact path
        } else {
          let first = base[f], last = base[p &- 1]
          guard first != quote, first != ByteText.space, first != ByteText.tab, last != ByteText.space, last != ByteText.tab
          else { return nil }
          let r = ByteRange(f, p)
          row.seen |= c.bit
          switch c {
          case .claimId: row.claimId = r
          case .personId: row.personId = r
          case .hospitalLevel: row.level = r; row.levelOffset = f
          case .kind:
            guard let k = plainKind(base + f, p &- f) else { return nil }
            row.kind = k
          default:
            guard let pl = plainPlace(base + f, p &- f) else { return nil }
            row.place = pl
          }
        }
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

  /// Fen of `123`, `123.4` or `123.45` (at most 11 integer digits) ending
  /// at a comma or `e`; `nil` otherwise.
  @inline(__always)
  static func plainFen(_ base: UnsafePointer<UInt8>, _ p: inout Int, _ e: Int) -> Int64? {
    var i = p
    var v: Int64 = 0
    while i < e {
      let d = base[i] &- ByteText.zero
      if d > 9 { break }
      v = v &* 10 &+ Int64(d)
      i &+= 1
    }
    let digits = i &- p
    guard digits > 0, digits <= 11 else { return nil }
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
    guard y >= 1900, y <= 2999, m >= 1, m <= 12, d >= 1 else { return nil }
    if d > 28 {
      let days: Int32 = m == 2 ? ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0 ? 29 : 28) : (m == 4 || m == 6 || m == 9 || m == 11 ? 30 : 31)
      guard d <= days else { return nil }
    }
    return y &* 10_000 &+ m &* 100 &+ d
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

  @inline(__always)
  private static func same(_ s: UnsafePointer<UInt8>, _ word: StaticString, _ n: Int) -> Bool {
    memcmp(s, word.utf8Start, n) == 0
  }
}
