extension PolicyTable {
  /// Checks everything decoding alone cannot: references between parts of
  /// the table, uniqueness, and sizes.
  ///
  /// - Throws: ``SettlementError`` with the JSON path of the first problem.
  public func validate() throws(SettlementError) {
    guard validFrom <= validTo else {
      throw SettlementError(.invalidDate, at: "validTo", expected: "a date on or after validFrom (\(validFrom))", found: validTo.description)
    }
    guard !hospitalLevels.isEmpty else {
      throw SettlementError(.missingField, at: "hospitalLevels", expected: "at least one hospital level")
    }
    try Self.checkUnique(hospitalLevels.map { [$0.id] + $0.codes }, path: "hospitalLevels")
    guard identities.count <= Self.maximumIdentities else {
      throw SettlementError(.invalidValue, at: "identities", expected: "at most \(Self.maximumIdentities) identity classes", found: "\(identities.count)")
    }
    try Self.checkUnique(identities.map { [$0.id] + $0.codes }, path: "identities")
    guard (1...Self.maximumLayers).contains(layers.count) else {
      throw SettlementError(.invalidValue, at: "layers", expected: "1 to \(Self.maximumLayers) layers", found: "\(layers.count)")
    }
    try Self.checkUnique(layers.map { [$0.id] }, path: "layers")
    guard diseaseLists.count <= Self.maximumDiseaseLists else {
      throw SettlementError(.invalidValue, at: "diseaseLists", expected: "at most \(Self.maximumDiseaseLists) lists", found: "\(diseaseLists.count)")
    }
    try Self.checkUnique(diseaseLists.map { [$0.id] }, path: "diseaseLists")
    let listIDs = Set(diseaseLists.map(\.id))
    let levelIDs = Set(hospitalLevels.map(\.id))
    let identityIDs = Set(identities.map(\.id))
    for (i, layer) in layers.enumerated() {
      let p = "layers[\(i)]"
      try Self.check(layer.appliesTo.identities ?? [], in: identityIDs, what: "identity", path: "\(p).appliesTo.identities")
      try Self.check(layer.appliesTo.diseaseLists ?? [], in: listIDs, what: "disease list", path: "\(p).appliesTo.diseaseLists")
      switch layer.rule {
      case .basic(let r):
        var seenKinds = Set<ClaimKind>()
        for (b, benefit) in r.benefits.enumerated() {
          let bp = "\(p).benefits[\(b)]"
          for kind in benefit.claimKinds where !seenKinds.insert(kind).inserted {
            throw SettlementError(.duplicateDefinition, at: "\(bp).claimKinds", expected: "each claim kind in one benefit block", found: kind.rawValue)
          }
          for level in hospitalLevels.map(\.id) {
            guard benefit.deductible[level] != nil else {
              throw SettlementError(.missingField, at: "\(bp).deductible.\(level)", expected: "a deductible for every hospital level")
            }
            guard benefit.ratio[level] != nil else {
              throw SettlementError(.missingField, at: "\(bp).ratio.\(level)", expected: "a ratio for every hospital level")
            }
          }
          try Self.check(Array(benefit.deductible.keys), in: levelIDs, what: "hospital level", path: "\(bp).deductible")
          try Self.check(Array(benefit.ratio.keys), in: levelIDs, what: "hospital level", path: "\(bp).ratio")
          try Self.check(benefit.repeatAdmission?.levels ?? [], in: levelIDs, what: "hospital level", path: "\(bp).repeatAdmission.levels")
        }
        try Self.checkCaps(r.annualCaps, path: "\(p).annualCaps")
        try Self.check(Array(r.identityOverrides.keys), in: identityIDs, what: "identity", path: "\(p).identityOverrides")
      case .majorIllness(let r):
        try Self.check(Array(r.identityOverrides.keys), in: identityIDs, what: "identity", path: "\(p).identityOverrides")
      case .assistance(let r), .tilt(let r):
        for (k, cls) in r.classes.enumerated() {
          try Self.check(cls.identities ?? [], in: identityIDs, what: "identity", path: "\(p).classes[\(k)].identities")
          try Self.checkCaps(cls.annualCaps, path: "\(p).classes[\(k)].annualCaps")
        }
      case .outOfPocketCeiling, .topUp:
        break
      }
    }
  }

  private static func check(_ refs: [String], in defined: Set<String>, what: String, path: String) throws(SettlementError) {
    for ref in refs.sorted() where !defined.contains(ref) {
      throw SettlementError(.undefinedReference, at: path, expected: "a defined \(what) id (\(defined.sorted().joined(separator: ", ")))", found: ref)
    }
  }

  private static func checkUnique(_ groups: [[String]], path: String) throws(SettlementError) {
    var seen = Set<String>()
    for (i, group) in groups.enumerated() {
      for name in Set(group) where !seen.insert(name).inserted {
        throw SettlementError(.duplicateDefinition, at: "\(path)[\(i)]", expected: "ids and codes used once", found: name)
      }
    }
  }

  private static func checkCaps(_ caps: [AnnualCap], path: String) throws(SettlementError) {
    guard caps.count <= CompiledCaps.capacity else {
      throw SettlementError(.invalidValue, at: path, expected: "at most \(CompiledCaps.capacity) caps", found: "\(caps.count)")
    }
  }
}
