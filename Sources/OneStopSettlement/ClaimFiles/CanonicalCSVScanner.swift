/// Reads a CSV row straight into a ``PreparedClaim`` when the header's
/// columns come in the canonical order (``ClaimFileColumn/allCases``'
/// order, any of the optional ones left out — as ``ClaimFileWriter`` and
/// `settle synth` write them) and the file is settled under one table.
///
/// Straight-line code, one step per column in that order, each skipped by
/// a bit of the header (a branch that always goes the same way): no
/// per-field dispatch, no ``ScannedClaim`` reset and completed per row, no
/// comma masks. Every field is parsed as it is read and its end found by
/// what it is: a date is 10 bytes, a kind or place one of its spellings,
/// an amount its digits, a point and up to two decimals (from one 8-byte
/// load), an id or code the bytes up to the next comma (eight at a time);
/// the codes are resolved on the spot (hospital levels and identities of up
/// to 16 bytes by perfect hash, ``ShortCodeTable``) and the amounts checked
/// and completed as ``ScannedClaim/complete()`` does.
///
/// It only ever accepts or declines: a row it takes is one the general
/// scanners read and ``ClaimCodes`` resolve to the same claim (a
/// differential test checks this over seeded random rows); anything
/// unusual — quotes, a space or control character in an id, spaces around a field, a CR inside one, larger
/// amounts, dated identities, diagnoses, unknown or long codes, a date
/// outside the table, inconsistent amounts, lines near the end of the
/// buffer — gives `nil`, and the row is read by those scanners from
/// scratch, which then report its error at the same place as before.
struct CanonicalCSVScanner: Sendable {
  /// A line is taken only when this many bytes of complete lines follow
  /// its start (every load then stays inside them).
  static let window = 256
  /// A field must start this close to its line's start (the last loads
  /// read up to 32 bytes past a field's start).
  static let maximumFieldStart = 208
  /// Identity entries per row, as ``ScannedClaim/maximumIdentities``.
  static let maximumIdentities = ScannedClaim.maximumIdentities

  /// The header's columns (``ClaimFileColumn/bit``).
  let columns: UInt32
  /// The header's last column (its field ends the line).
  let last: ClaimFileColumn
  private let levels: ShortCodeTable
  private let identities: ShortCodeTable
  /// Table validity, `yyyymmdd`.
  private let validFrom: Int32
  private let validTo: Int32

  /// The scanner for a header, or `nil` when its columns are not in the
  /// canonical order (rows are then read by the general scanners).
  ///
  /// Level and identity codes that a plain field could not hold as they
  /// are (empty, longer than 16 bytes, or with a comma, semicolon, `@`,
  /// quote, space, tab or line break) are left out: rows using them are
  /// declined.
  init?(columns list: [ClaimFileColumn], table: PolicyTable) {
    let order = ClaimFileColumn.allCases
    var bits: UInt32 = 0
    var previous = -1
    for c in list {
      guard let i = order.firstIndex(of: c), i > previous else { return nil }
      previous = i
      bits |= c.bit
    }
    guard let last = list.last, ClaimFileColumn.required.allSatisfy({ bits & $0.bit != 0 }) else { return nil }
    columns = bits
    self.last = last
    func plain(_ code: String) -> Bool {
      let b = Array(code.utf8)
      return !b.isEmpty && b.count <= 16 && !b.contains { Array(",;@\" \t\r\n".utf8).contains($0) }
    }
    levels = ShortCodeTable(
      table.hospitalLevels.enumerated().flatMap { (i, l) in ([l.id] + l.codes).filter(plain).map { (Array($0.utf8), i) } }, maximumLength: 16)
    identities = ShortCodeTable(
      table.identities.enumerated().flatMap { (i, c) in ([c.id] + c.codes).filter(plain).map { (Array($0.utf8), i) } }, maximumLength: 16)
    validFrom = ByteText.packed(table.validFrom)
    validTo = ByteText.packed(table.validTo)
  }

  /// What a row read by ``scan(_:_:limit:into:_:)`` holds besides its
  /// prepared claim.
  struct Row {
    /// The row for the consumers (its `line` and `startsPerson` are set by the caller).
    var row = StreamRow(line: 0, lineStart: 0, claimId: .empty, personId: .empty, date: 0, income: -1, startsPerson: false)
    /// Offset of the date field (for an order error).
    var dateOffset = 0
    /// Offset just past the line's last byte (without the line break).
    var lineEnd = 0
    /// Offset of the next line's start (set by ``ClaimFileScanner/nextCanonical(_:into:_:)``).
    var next = 0
  }

  /// Reads the line starting at `start` into `claim` and `out`: with the
  /// header's columns as constants for the two headers `ClaimFileWriter`
  /// writes by default and without `designated_hospital`, `diagnoses`
  /// and `income` (each step then has no test at all), else read from
  /// the header.
  ///
  /// - Returns: the next line's start, or `nil` (row declined; `claim` and
  ///   `out` then hold anything).
  @inline(__always)
  func scan(
    _ base: UnsafePointer<UInt8>, _ start: Int, limit: Int, into claim: UnsafeMutablePointer<PreparedClaim>, _ out: inout Row
  ) -> Int? {
    switch columns {
    case AllColumns().columns: scan(AllColumns(), base, start, limit: limit, into: claim, &out)
    case CommonColumns().columns: scan(CommonColumns(), base, start, limit: limit, into: claim, &out)
    default: scan(HeaderColumns(columns: columns, last: last), base, start, limit: limit, into: claim, &out)
    }
  }

  /// ``scan(_:_:limit:into:_:)`` for the header's columns `shape`.
  @inline(never)
  private func scan<Shape: ColumnShape>(
    _ shape: Shape, _ base: UnsafePointer<UInt8>, _ start: Int, limit: Int, into claim: UnsafeMutablePointer<PreparedClaim>,
    _ out: inout Row
  ) -> Int? {
    @inline(__always) func has(_ c: ClaimFileColumn) -> Bool { shape.columns & c.bit != 0 }
    @inline(__always) func next(_ c: ClaimFileColumn, _ base: UnsafePointer<UInt8>, _ p: inout Int) -> Bool {
      Self.next(c, last: shape.last, base, &p)
    }
    guard start &+ Self.window <= limit else { return nil }
    let bound = start &+ Self.maximumFieldStart
    let c = claim
    var p = start
    // Each value is stored as soon as it is read (few values live at once).
    out.row.lineStart = start
    // claim_id (may be empty), person_id: the bytes up to the comma.
    out.row.claimId = .empty
    if has(.claimId) {
      guard let e = Self.textEnd(base, p, bound) else { return nil }
      out.row.claimId = ByteRange(p, e)
      p = e &+ 1
    }
    guard let personEnd = Self.textEnd(base, p, bound), personEnd > p else { return nil }
    out.row.personId = ByteRange(p, personEnd)
    p = personEnd &+ 1
    // date: ten bytes and a comma, inside the table's validity.
    guard p < bound, base[p &+ 10] == ClaimFileScanner.comma, let date = ClaimFileScanner.wordDate(base + p),
      date >= validFrom, date <= validTo
    else { return nil }
    out.row.date = date
    out.dateOffset = p
    // `claim_id,person_id,date` as the writer renders them: the bytes as read.
    out.row.verbatim = has(.claimId) ? ByteRange(start, p &+ 10) : .empty
    c.pointee.year = Int(date / 10_000)
    p &+= 11
    // kind, hospital_level, place.
    guard p < bound, let (kind, kindLength) = Self.kind(base + p), base[p &+ kindLength] == ClaimFileScanner.comma else { return nil }
    p &+= kindLength &+ 1
    guard p < bound else { return nil }
    // The usual one-byte code without its end search.
    let levelCode = base[p &+ 1] == ClaimFileScanner.comma ? Self.oneByteCode(base[p]) : Self.code(base + p)
    guard levelCode.length > 0, base[p &+ levelCode.length] == ClaimFileScanner.comma,
      let level = levels.find(levelCode.low, levelCode.high, levelCode.length)
    else { return nil }
    c.pointee.level = level
    p &+= levelCode.length &+ 1
    guard p < bound, let (place, placeLength) = Self.place(base + p), base[p &+ placeLength] == ClaimFileScanner.comma else { return nil }
    p &+= placeLength &+ 1
    // referred, designated_hospital: `0`, `1` or empty.
    var referred = false, designated = false
    if has(.referred) {
      guard p < bound, let v = Self.flag(base, &p) else { return nil }
      referred = v
    }
    if has(.designatedHospital) {
      guard p < bound, let v = Self.flag(base, &p) else { return nil }
      designated = v
    }
    // identities: `;`-separated codes held all year.
    c.pointee.identities = 0
    if has(.identities) {
      guard p < bound else { return nil }
      if base[p] == ClaimFileScanner.comma {
        p &+= 1  // none (the usual row)
      } else {
        guard let m = identityMask(base, &p, bound) else { return nil }
        c.pointee.identities = m
      }
    }
    // Amounts (`-1` = empty), each followed by a comma or, last, the line's end.
    var f = p
    var rendered = false
    guard p < bound, let total = Self.amount(base, &p, rendered: &rendered), total >= 0 else { return nil }
    c.pointee.total = total
    out.row.totalText = rendered ? ByteRange(f, p) : .empty
    guard next(.total, base, &p) else { return nil }
    c.pointee.fullyOwnPay = 0
    if has(.fullyOwnPay) {
      guard p < bound, let v = Self.amount(base, &p), next(.fullyOwnPay, base, &p) else { return nil }
      c.pointee.fullyOwnPay = max(v, 0)
    }
    c.pointee.overLimit = 0
    if has(.overLimit) {
      guard p < bound, let v = Self.amount(base, &p), next(.overLimit, base, &p) else { return nil }
      c.pointee.overLimit = max(v, 0)
    }
    c.pointee.payFirst = 0
    if has(.payFirst) {
      guard p < bound, let v = Self.amount(base, &p), next(.payFirst, base, &p) else { return nil }
      c.pointee.payFirst = max(v, 0)
    }
    c.pointee.inPolicy = -1
    out.row.inPolicyText = .empty
    if has(.inPolicy) {
      f = p
      guard p < bound, let v = Self.amount(base, &p, rendered: &rendered) else { return nil }
      c.pointee.inPolicy = v
      out.row.inPolicyText = rendered ? ByteRange(f, p) : .empty
      guard next(.inPolicy, base, &p) else { return nil }
    }
    // diagnoses: only empty ones here (a code needs the disease lists' prefixes).
    if has(.diagnoses) {
      guard p < bound, Self.endsField(base[p]), next(.diagnoses, base, &p) else { return nil }
    }
    out.row.income = -1
    if has(.income) {
      guard p < bound, let v = Self.amount(base, &p), next(.income, base, &p) else { return nil }
      out.row.income = v
    }
    // The line's end: LF or CR LF.
    out.lineEnd = p
    let after: Int
    if base[p] == 10 {
      after = p &+ 1
    } else {
      guard base[p] == 13, base[p &+ 1] == 10 else { return nil }
      after = p &+ 2
    }
    // The four-way split (each amount < 10⁸ fen here: no overflow).
    let outside = c.pointee.fullyOwnPay &+ c.pointee.overLimit &+ c.pointee.payFirst
    var inPolicy = c.pointee.inPolicy
    if inPolicy < 0 {
      guard outside <= total else { return nil }
      inPolicy = total &- outside
    } else {
      guard outside &+ inPolicy == total else { return nil }
    }
    // The one-byte fields last, through the initialiser (it derives the claim's shape from them once).
    c.pointee = PreparedClaim(
      total: total, fullyOwnPay: c.pointee.fullyOwnPay, overLimit: c.pointee.overLimit, payFirst: c.pointee.payFirst, inPolicy: inPolicy,
      kind: kind, level: c.pointee.level, place: place, referred: referred, identities: c.pointee.identities, year: c.pointee.year,
      diseaseLists: 0, designatedHospital: designated)
    return after
  }

  /// After column `c`'s field (ending at `p`): a comma, stepped over, or
  /// when `c` is the header's last column, the line's end (checked by the
  /// caller).
  @inline(__always)
  private static func next(_ c: ClaimFileColumn, last: ClaimFileColumn, _ base: UnsafePointer<UInt8>, _ p: inout Int) -> Bool {
    if c == last { return true }
    guard base[p] == ClaimFileScanner.comma else { return false }
    p &+= 1
    return true
  }

  /// Whether `x` ends a field: a comma or a line break.
  @inline(__always)
  static func endsField(_ x: UInt8) -> Bool { x == ClaimFileScanner.comma || x == 10 || x == 13 }

  /// The high bit of every zero byte of `x` (exact for the lowest one;
  /// bytes above it may be flagged too).
  @inline(__always)
  static func zeroBytes(_ x: UInt64) -> UInt64 { (x &- 0x0101_0101_0101_0101) & ~x & 0x8080_8080_8080_8080 }

  /// The high bit of every byte of `x` below 0x21 — a control character,
  /// tab, line break or space — (exact for the lowest one; bytes above it
  /// may be flagged too).
  @inline(__always)
  static func controlOrSpaceBytes(_ x: UInt64) -> UInt64 { (x &- 0x2121_2121_2121_2121) & ~x & 0x8080_8080_8080_8080 }

  /// The comma ending the id or code that starts at `p` (before `bound`),
  /// eight bytes at a time; `nil` when a quote, a space, a tab, a line
  /// break or another control character comes first (the general scanners
  /// read those), or no comma is found.
  @inline(__always)
  static func textEnd(_ base: UnsafePointer<UInt8>, _ p: Int, _ bound: Int) -> Int? {
    var i = p
    while i < bound {
      let w = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
      let z = zeroBytes(w ^ 0x2C2C_2C2C_2C2C_2C2C) | zeroBytes(w ^ 0x2222_2222_2222_2222) | controlOrSpaceBytes(w)
      if z != 0 {
        let e = i &+ (z.trailingZeroBitCount &>> 3)
        return base[e] == ClaimFileScanner.comma ? e : nil
      }
      i &+= 8
    }
    return nil
  }

  /// ``code(_:)`` of a one-byte code `x` (the byte after it ends it).
  @inline(__always)
  static func oneByteCode(_ x: UInt8) -> (low: UInt64, high: UInt64, length: Int) {
    x == ClaimFileScanner.comma || x == ClaimFileScanner.semicolon || x == 10 ? (0, 0, 0) : (UInt64(x), 0, 1)
  }

  /// A code of up to 16 bytes at `s`, ended by a comma, semicolon or line
  /// break: its bytes in two little-endian words (zero past its end) and
  /// its length; length 17 when none of those is within 17 bytes.
  @inline(__always)
  static func code(_ s: UnsafePointer<UInt8>) -> (low: UInt64, high: UInt64, length: Int) {
    @inline(__always) func ends(_ w: UInt64) -> UInt64 {
      zeroBytes(w ^ 0x2C2C_2C2C_2C2C_2C2C) | zeroBytes(w ^ 0x3B3B_3B3B_3B3B_3B3B) | zeroBytes(w ^ 0x0A0A_0A0A_0A0A_0A0A)
    }
    let raw = UnsafeRawPointer(s)
    let w0 = raw.loadUnaligned(as: UInt64.self)
    let z0 = ends(w0)
    if z0 != 0 {
      let n = z0.trailingZeroBitCount &>> 3
      return (w0 & ((1 &<< UInt64(n &* 8)) &- 1), 0, n)
    }
    let w1 = raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
    let z1 = ends(w1)
    guard z1 != 0 else {
      let x = s[16]
      return x == ClaimFileScanner.comma || x == ClaimFileScanner.semicolon || x == 10 ? (w0, w1, 16) : (0, 0, 17)
    }
    let n = z1.trailingZeroBitCount &>> 3
    return (w0, w1 & ((1 &<< UInt64(n &* 8)) &- 1), 8 &+ n)
  }

  /// The identity mask of the `;`-separated codes at `p` (empty items
  /// skipped, at most ``maximumIdentities``), `p` left after the comma
  /// ending them; `nil` for an unknown, dated or long code.
  @inline(__always)
  private func identityMask(_ base: UnsafePointer<UInt8>, _ p: inout Int, _ bound: Int) -> UInt64? {
    var mask: UInt64 = 0
    var count = 0
    var i = p
    while true {
      guard i < bound else { return nil }
      let c = Self.code(base + i)
      if c.length > 0 {
        guard c.length <= 16, let id = identities.find(c.low, c.high, c.length) else { return nil }
        count &+= 1
        mask |= 1 &<< UInt64(id)
      }
      i &+= c.length
      let x = base[i]
      i &+= 1
      if x == ClaimFileScanner.comma { break }
      guard x == ClaimFileScanner.semicolon else { return nil }
    }
    guard count <= Self.maximumIdentities else { return nil }
    p = i
    return mask
  }

  /// `0` or `1` and a comma (true for `1`), or an empty field (false); `p`
  /// left after the comma.
  @inline(__always)
  static func flag(_ base: UnsafePointer<UInt8>, _ p: inout Int) -> Bool? {
    let x = base[p]
    if x == ClaimFileScanner.comma {
      p &+= 1
      return false
    }
    let d = x &- ByteText.zero
    guard d <= 1, base[p &+ 1] == ClaimFileScanner.comma else { return nil }
    p &+= 2
    return d == 1
  }

  /// Fen of `123`, `123.4` or `123.45` (at most seven integer digits, from
  /// one load) at `p`, `p` left on the byte after it; `-1` for an empty
  /// field (the next byte a comma or line break); `nil` for anything else.
  /// The caller checks what follows.
  @inline(__always)
  static func amount(_ base: UnsafePointer<UInt8>, _ p: inout Int) -> Int64? {
    var rendered = false
    return amount(base, &p, rendered: &rendered)
  }

  /// ``amount(_:_:)``, and whether its bytes are what
  /// ``ByteWriter/putFen(_:_:_:)`` renders for it — digits with no leading
  /// zero (or one `0`), a point and two decimals — so that the writer can
  /// copy them. The point, both decimals and the byte after them come from
  /// one 4-byte load.
  @inline(__always)
  static func amount(_ base: UnsafePointer<UInt8>, _ p: inout Int, rendered: inout Bool) -> Int64? {
    rendered = false
    let (value, n) = ClaimFileScanner.leadingDigits(base + p)
    if n == 0 { return endsField(base[p]) ? -1 : nil }
    guard n < 8 else { return nil }
    let i = p &+ n
    let u = UnsafeRawPointer(base + i).loadUnaligned(as: UInt32.self)  // '.', d1, d2, the next byte
    guard UInt8(truncatingIfNeeded: u) == ByteText.dot else {
      p = i
      return value &* 100
    }
    // Both decimals less '0' (a borrow from a non-digit second one only reaches the byte after it).
    let d = (u &>> 8) &- 0x3030
    let d1 = d & 0xFF, d2 = (d &>> 8) & 0xFF
    guard d1 <= 9 else { return nil }
    let two = d2 <= 9
    p = i &+ (two ? 3 : 2)
    rendered = two && (n == 1 || base[p &- 3 &- n] != ByteText.zero)
    return value &* 100 &+ Int64(d1 &* 10 &+ (two ? d2 : 0))
  }

  /// The claim kind spelled at `s`, and its length (the caller checks the
  /// comma after it).
  @inline(__always)
  static func kind(_ s: UnsafePointer<UInt8>) -> (ClaimKind, Int)? {
    switch s[0] {
    case UInt8(ascii: "i"): ClaimFileScanner.same(s, "inpatient", 9) ? (.inpatient, 9) : nil
    case UInt8(ascii: "g"): ClaimFileScanner.same(s, "generalOutpatient", 17) ? (.generalOutpatient, 17) : nil
    case UInt8(ascii: "o"): ClaimFileScanner.same(s, "outpatientChronic", 17) ? (.outpatientChronic, 17) : nil
    default: nil
    }
  }

  /// The place spelled at `s`, and its length (the caller checks the
  /// comma after it).
  @inline(__always)
  static func place(_ s: UnsafePointer<UInt8>) -> (Place, Int)? {
    if s[0] == UInt8(ascii: "o") { return ClaimFileScanner.same(s, "outOfProvince", 13) ? (.outOfProvince, 13) : nil }
    if s[2] == UInt8(ascii: "P") { return ClaimFileScanner.same(s, "inProvince", 10) ? (.inProvince, 10) : nil }
    if s[3] == UInt8(ascii: "o") { return ClaimFileScanner.same(s, "inCounty", 8) ? (.inCounty, 8) : nil }
    return ClaimFileScanner.same(s, "inCity", 6) ? (.inCity, 6) : nil
  }
}

/// The columns of a canonical header, as ``CanonicalCSVScanner`` reads
/// them: constants for the usual headers, so that its per-column steps
/// compile to straight-line code for them.
protocol ColumnShape {
  /// The header's columns (``ClaimFileColumn/bit``).
  var columns: UInt32 { get }
  /// The header's last column.
  var last: ClaimFileColumn { get }
}

/// Every column (`ClaimFileWriter`'s default header, `settle synth`).
struct AllColumns: ColumnShape {
  var columns: UInt32 { 0xFFFF }
  var last: ClaimFileColumn { .income }
}

/// Every column but `designated_hospital`, `diagnoses` and `income`.
struct CommonColumns: ColumnShape {
  var columns: UInt32 {
    0xFFFF & ~(ClaimFileColumn.designatedHospital.bit | ClaimFileColumn.diagnoses.bit | ClaimFileColumn.income.bit)
  }
  var last: ClaimFileColumn { .inPolicy }
}

/// Any other canonical header's columns, read from the header.
struct HeaderColumns: ColumnShape {
  let columns: UInt32
  let last: ClaimFileColumn
}
