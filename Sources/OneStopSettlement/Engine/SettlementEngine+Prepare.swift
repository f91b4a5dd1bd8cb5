extension SettlementEngine {
  /// Resolves a claim's codes against this engine's table.
  ///
  /// Maps the hospital-level code and each identity code valid on the
  /// discharge date; checks the date lies in the table's validity range and
  /// the amounts add up.
  ///
  /// - Throws: ``SettlementError`` naming the claim field: `.unknownCode`
  ///   for an unmapped level or identity code, `.dateNotCovered`,
  ///   `.amountOutOfRange`, `.inconsistentAmounts`.
  public func prepare(_ claim: Claim) throws(SettlementError) -> PreparedClaim {
    guard let level = levelIndex[claim.hospitalLevel] else {
      throw SettlementError(.unknownCode, at: "hospitalLevel",
        expected: "a hospital level code of table \(table.id) (\(levelIndex.keys.sorted().joined(separator: ", ")))",
        found: claim.hospitalLevel)
    }
    let date = claim.dischargeDate
    guard table.validFrom <= date, date <= table.validTo else {
      throw SettlementError(.dateNotCovered, at: "dischargeDate",
        expected: "a date from \(table.validFrom) to \(table.validTo) (table \(table.id))", found: date.description)
    }
    var mask: UInt64 = 0
    for (i, record) in claim.person.identities.enumerated() {
      guard let index = identityIndex[record.code] else {
        throw SettlementError(.unknownCode, at: "person.identities[\(i)].code",
          expected: "an identity code of table \(table.id)", found: record.code)
      }
      if record.isValid(on: date) { mask |= 1 << UInt64(index) }
    }
    let a = claim.amounts
    for (name, m) in [("medfee_sumamt", a.total), ("fulamt_ownpay_amt", a.fullyOwnPay), ("overlmt_selfpay", a.overLimit),
                      ("preselfpay_amt", a.payFirst), ("inscp_scp_amt", a.inPolicy)] {
      guard m.fen >= 0, m.fen <= Money.maximumFen else {
        throw SettlementError(.amountOutOfRange, at: "amounts.\(name)", expected: "an amount between 0 and \(Money(fen: Money.maximumFen)) yuan", found: m.description)
      }
    }
    try a.checkSplit(at: "amounts")
    return PreparedClaim(
      total: a.total.fen, fullyOwnPay: a.fullyOwnPay.fen, overLimit: a.overLimit.fen, payFirst: a.payFirst.fen,
      inPolicy: a.inPolicy.fen, kind: claim.kind, level: level, place: claim.place, referred: claim.referred,
      identities: mask, year: date.year, diseaseLists: diseaseMask(claim.diagnoses),
      designatedHospital: claim.designatedHospital)
  }

  /// The disease-list bit mask of a claim's diagnosis codes.
  public func diseaseMask(_ diagnoses: [String]) -> UInt64 {
    var mask: UInt64 = 0
    for (i, list) in table.diseaseLists.enumerated() where list.contains(anyOf: diagnoses) { mask |= 1 << UInt64(i) }
    return mask
  }

  /// The index of a hospital level code, or `nil` if the table has none.
  public func levelIndex(of code: String) -> Int? { levelIndex[code] }

  /// The identity bit mask for table identity ids or codes (unknown ones
  /// are ignored).
  public func identityMask(_ codes: [String]) -> UInt64 {
    codes.reduce(0) { m, c in identityIndex[c].map { m | (1 << UInt64($0)) } ?? m }
  }
}
