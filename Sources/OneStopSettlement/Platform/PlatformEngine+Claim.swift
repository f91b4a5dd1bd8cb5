extension PlatformEngine {
  /// The engine's claim for a request, with every regional code mapped
  /// through the profile.
  ///
  /// - Throws: `.unknownCode` naming the request field (`med_type`,
  ///   `psn_type`, `dedc_hosp_lv`, `idetinfo[1].psn_idet_type`, `insutype`).
  public func claim(for r: PlatformRequest, amounts: ClaimAmounts) throws(SettlementError) -> Claim {
    func unknown(_ field: String, _ what: String, _ known: some Sequence<String>, _ found: String) -> SettlementError {
      SettlementError(.unknownCode, at: field,
        expected: "\(what) of profile \(profile.id) (\(known.sorted().joined(separator: ", ")))", found: found)
    }
    guard profile.insutypes.contains(r.insutype) else {
      throw unknown("insutype", "an insutype", profile.insutypes, r.insutype)
    }
    guard let kind = profile.medTypes[r.medicalType] else {
      throw unknown("med_type", "a med_type", profile.medTypes.keys, r.medicalType)
    }
    guard let granted = profile.psnTypes[r.personType] else {
      throw unknown("psn_type", "a psn_type", profile.psnTypes.keys, r.personType)
    }
    let level = profile.dedcHospLvs[r.deductibleLevel] ?? r.deductibleLevel
    guard engine.levelIndex(of: level) != nil else {
      throw unknown("dedc_hosp_lv", "a dedc_hosp_lv", profile.dedcHospLvs.keys, r.deductibleLevel)
    }
    var identities: [IdentityRecord] = []
    for (i, idet) in r.identities.enumerated() {
      let id = profile.psnIdetTypes[idet.code] ?? idet.code
      guard engine.identityMask([id]) != 0 else {
        throw unknown("idetinfo[\(i)].psn_idet_type", "a psn_idet_type", profile.psnIdetTypes.keys, idet.code)
      }
      identities.append(IdentityRecord(code: id, begin: idet.begin, end: idet.end))
    }
    identities += granted.map { IdentityRecord(code: $0) }
    return Claim(
      id: r.visitId, kind: kind, hospitalLevel: level, place: Self.place(insured: r.insuredArea, treated: r.treatmentArea),
      referred: r.referred, admissionDate: r.admissionDate, dischargeDate: r.dischargeDate,
      diagnoses: r.diagnoses.filter(\.main).map(\.code) + r.diagnoses.filter { !$0.main }.map(\.code),
      designatedHospital: r.designatedHospital, amounts: amounts,
      person: Person(scheme: r.insutype, identities: identities))
  }

  /// 就医地 from two 6-digit 医保区划 codes (省 2 + 市 2 + 县 2 digits):
  /// the same code is in county, the same first four in city, the same
  /// first two in province, else out of province.
  ///
  /// - Note: a region pooled at city level whose `insuplc_admdvs` is the
  ///   city's own code (`320900`) sees its counties as ``Place/inCity``.
  public static func place(insured: String, treated: String) -> Place {
    if insured == treated { return .inCounty }
    if insured.prefix(4) == treated.prefix(4) { return .inCity }
    if insured.prefix(2) == treated.prefix(2) { return .inProvince }
    return .outOfProvince
  }

  /// Prepares a claim, naming request fields in errors.
  func prepare(_ claim: Claim) throws(SettlementError) -> PreparedClaim {
    do {
      return try engine.prepare(claim)
    } catch {
      var e = error
      if e.jsonPath == "dischargeDate" { e.jsonPath = "endtime" }
      else if e.jsonPath.hasPrefix("amounts") { e.jsonPath = "feedetail" }
      throw e
    }
  }
}
