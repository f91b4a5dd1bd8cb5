extension PolicyTable {
  /// The table identities a person holds on `date`, as indices into
  /// ``identities`` in precedence order (most generous first).
  ///
  /// A record maps by the class id or any of its `codes`; records not valid
  /// on `date` are ignored. Used by the regional rules, which, like the
  /// layers, take the first class the person qualifies for (就高不重复).
  ///
  /// - Throws: ``SettlementError/Code/unknownCode`` at
  ///   `person.identities[i].code` for a code the table does not map.
  public func heldIdentities(of person: Person, on date: CivilDate) throws(SettlementError) -> [Int] {
    var held = Set<Int>()
    for (i, record) in person.identities.enumerated() {
      guard let index = identities.firstIndex(where: { $0.id == record.code || $0.codes.contains(record.code) }) else {
        throw SettlementError(.unknownCode, at: "person.identities[\(i)].code",
          expected: "an identity id or code of table \(id)", found: record.code)
      }
      if record.isValid(on: date) { held.insert(index) }
    }
    return held.sorted()
  }

  /// The display name of identity `id` (the id itself when unknown).
  func identityName(_ id: String) -> String {
    identities.first { $0.id == id }?.name ?? id
  }
}

extension Place {
  /// 中文名称 — `县域内`, `市域内（县外）`, `省内（市外）`, `省外`.
  public var chineseName: String {
    switch self {
    case .inCounty: "县域内"
    case .inCity: "市域内（县外）"
    case .inProvince: "省内（市外）"
    case .outOfProvince: "省外"
    }
  }
}

extension ClaimKind {
  /// 中文名称 — `住院`, `门诊慢特病`, `普通门诊`.
  public var chineseName: String {
    switch self {
    case .inpatient: "住院"
    case .outpatientChronic: "门诊慢特病"
    case .generalOutpatient: "普通门诊"
    }
  }
}
