/// Resolves scanned rows against one table: hospital-level, identity and
/// diagnosis codes to indices and bit masks through maps built once.
///
/// The same semantics as ``SettlementEngine/prepare(_:)`` (a code maps when
/// it is a level's or identity's id or one of its `codes`; an identity counts
/// when valid on the claim's date; a diagnosis is on a disease list when it
/// starts with one of the list's prefixes), without strings: a row resolves
/// with a few table look-ups: codes of at most 8 bytes (the usual ones)
/// through perfect hash tables (``ShortCodeTable``), longer ones through
/// ``ByteStringTable``. Diagnosis codes are cached after their first
/// prefix match, so memory grows with distinct codes, not rows.
struct ClaimCodes: Sendable {
  let tableId: String
  private var levels = ByteStringTable()
  private var levelIndex: [Int] = []
  private let shortLevels: ShortCodeTable
  private let shortIdentities: ShortCodeTable
  private let levelCodes: String
  private var identities = ByteStringTable()
  private var identityIndex: [Int] = []
  private let prefixes: [(bytes: [UInt8], mask: UInt64)]
  private var diagnoses = ByteStringTable()
  private var diagnosisMasks: [UInt64] = []
  /// Table validity, `yyyymmdd`.
  let validFrom: Int32
  let validTo: Int32

  /// Builds the maps of `table`.
  init(table: PolicyTable) {
    tableId = table.id
    for (i, l) in table.hospitalLevels.enumerated() {
      for code in [l.id] + l.codes where levels.insert(code).inserted { levelIndex.append(i) }
    }
    levelCodes = table.hospitalLevels.flatMap { [$0.id] + $0.codes }.joined(separator: ", ")
    for (i, c) in table.identities.enumerated() {
      for code in [c.id] + c.codes where identities.insert(code).inserted { identityIndex.append(i) }
    }
    var prefixes: [(bytes: [UInt8], mask: UInt64)] = []
    for (i, list) in table.diseaseLists.enumerated() {
      for code in list.codes { prefixes.append((Array(code.code.utf8), UInt64(1) << UInt64(i))) }
    }
    self.prefixes = prefixes
    shortLevels = ShortCodeTable(table.hospitalLevels.enumerated().flatMap { (i, l) in ([l.id] + l.codes).map { (Array($0.utf8), i) } })
    shortIdentities = ShortCodeTable(table.identities.enumerated().flatMap { (i, c) in ([c.id] + c.codes).map { (Array($0.utf8), i) } })
    validFrom = ByteText.packed(table.validFrom)
    validTo = ByteText.packed(table.validTo)
  }

  /// The prepared claim of a row (read in place).
  ///
  /// - Throws: `.unknownCode` for an unmapped level or identity code,
  ///   `.dateNotCovered` for a date outside the table's validity.
  @inline(__always)
  mutating func prepare(_ r: UnsafePointer<ScannedClaim>, _ b: Span<UInt8>) throws(RowError) -> PreparedClaim {
    let levelCode = r.pointee.level
    guard let level = shortLevels.find(levelCode, in: b) ?? levels.find(levelCode, in: b).map({ levelIndex[$0] }) else {
      throw RowError(.unknownCode, .hospitalLevel, at: r.pointee.levelOffset,
        expected: "a hospital level code of table \(tableId) (\(levelCodes))", found: r.pointee.level.string(in: b))
    }
    let date = r.pointee.date
    guard date >= validFrom, date <= validTo else {
      throw RowError(.dateNotCovered, .date, at: r.pointee.dateOffset,
        expected: "a date from \(ByteText.civilDate(validFrom)?.description ?? "") to \(ByteText.civilDate(validTo)?.description ?? "") (table \(tableId))",
        found: ByteText.civilDate(date)?.description ?? "")
    }
    let mask = try identityMask(r, b)
    var diseases: UInt64 = 0
    if !prefixes.isEmpty {
      var k = 0
      while k < r.pointee.diagnosisCount {
        diseases |= diseaseMask(r.pointee.diagnoses[k], b)
        k &+= 1
      }
    }
    return PreparedClaim(
      total: r.pointee.total, fullyOwnPay: r.pointee.fullyOwnPay, overLimit: r.pointee.overLimit, payFirst: r.pointee.payFirst,
      inPolicy: r.pointee.inPolicy, kind: r.pointee.kind, level: level, place: r.pointee.place, referred: r.pointee.referred,
      identities: mask, year: Int(date / 10_000), diseaseLists: diseases, designatedHospital: r.pointee.designated)
  }

  /// Bit `i` set when the row holds the table's identity `i` on its date.
  /// (`mutating` only so that `prepare` passes the maps without copying them.)
  @inline(__always)
  mutating func identityMask(_ r: UnsafePointer<ScannedClaim>, _ b: Span<UInt8>) throws(RowError) -> UInt64 {
    var mask: UInt64 = 0
    let date = r.pointee.date
    var k = 0
    while k < r.pointee.identityCount {
      let entry = r.pointee.identities[k]
      let code = entry.code
      guard let id = shortIdentities.find(code, in: b) ?? identities.find(code, in: b).map({ identityIndex[$0] }) else {
        throw RowError(.unknownCode, .identities, at: r.pointee.identitiesOffset,
          expected: "an identity code of table \(tableId)", found: entry.code.string(in: b))
      }
      if entry.begin <= date && date <= entry.end { mask |= UInt64(1) << UInt64(id) }
      k &+= 1
    }
    return mask
  }

  /// The disease-list mask of one diagnosis code (cached).
  @inline(__always)
  private mutating func diseaseMask(_ code: ByteRange, _ b: Span<UInt8>) -> UInt64 {
    if let i = diagnoses.find(code, in: b) { return diagnosisMasks[i] }
    var mask: UInt64 = 0
    for p in prefixes where p.bytes.count <= code.count {
      var same = true
      for (j, x) in p.bytes.enumerated() where b[code.lower &+ j] != x { same = false; break }
      if same { mask |= p.mask }
    }
    diagnoses.insert(code, in: b)
    diagnosisMasks.append(mask)
    return mask
  }
}
