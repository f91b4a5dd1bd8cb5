extension RegionalRules {
  /// Checks references into `table` (identity ids) and sums that must add up.
  ///
  /// - Throws: ``SettlementError`` with the JSON path of the first problem:
  ///   `.undefinedReference` for an identity the table lacks,
  ///   `.duplicateDefinition` for an id used twice, `.inconsistentAmounts`
  ///   for family-doctor shares that do not add up to the fee.
  public func validate(against table: PolicyTable) throws(SettlementError) {
    let known = Set(table.identities.map(\.id))
    func check(_ ids: [String], _ path: String) throws(SettlementError) {
      for id in ids where !known.contains(id) {
        throw SettlementError(.undefinedReference, at: path,
          expected: "an identity id of table \(table.id) (\(known.sorted().joined(separator: ", ")))", found: id)
      }
    }
    func unique(_ ids: [String], _ path: String) throws(SettlementError) {
      var seen = Set<String>()
      for (i, id) in ids.enumerated() where !seen.insert(id).inserted {
        throw SettlementError(.duplicateDefinition, at: "\(path)[\(i)]", expected: "each id once", found: id)
      }
    }
    if let r = payAfterTreatment {
      try unique(r.grants.map(\.id), "payAfterTreatment.grants")
      for (i, g) in r.grants.enumerated() { try check(g.identities, "payAfterTreatment.grants[\(i)].identities") }
    }
    if let r = premiumSubsidy {
      try unique(r.classes.map(\.id), "premiumSubsidy.classes")
      for (i, c) in r.classes.enumerated() { try check(c.identities, "premiumSubsidy.classes[\(i)].identities") }
    }
    if let r = familyDoctor {
      try unique(r.shares.map(\.id), "familyDoctor.shares")
      try unique(r.individualCover.map(\.id), "familyDoctor.individualCover")
      for (i, c) in r.individualCover.enumerated() { try check(c.identities, "familyDoctor.individualCover[\(i)].identities") }
      let sum = r.shares.reduce(Int64(0)) { $0 + $1.amount.value.fen }
      guard sum == r.fee.value.fen else {
        throw SettlementError(.inconsistentAmounts, at: "familyDoctor.shares",
          expected: "shares adding up to the fee (\(r.fee.value))", found: Money(fen: sum).description)
      }
      guard r.shares.filter({ $0.payer == .individual }).count <= 1 else {
        throw SettlementError(.duplicateDefinition, at: "familyDoctor.shares", expected: "at most one share paid by the individual")
      }
    }
  }
}
