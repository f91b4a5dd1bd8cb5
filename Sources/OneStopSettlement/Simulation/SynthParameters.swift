public import Foundation

/// 合成人群参数 — what ``PopulationSynthesizer`` draws a population from.
///
/// Every default is an **illustrative analysis assumption**, chosen to give
/// plausible shapes (most persons with small costs, a heavy tail of large
/// admissions, more admissions among low-income persons), not a statistic
/// of any region. Override any of them (`settle synth --param key=value`,
/// or `--params FILE.json` with some or all keys); `docs/simulation.md`
/// lists them. Shares and σ are exact decimals (``Rate``), amounts yuan
/// (``Money``).
public struct SynthParameters: Sendable, Hashable, Codable {
  /// Claims year (`nil` = the table's `validFrom` year).
  public var year: Int?
  /// Share of persons holding any identity of the table (低收入人口).
  public var lowIncomeShare: Rate = Rate(micros: 100_000)
  /// Share per identity id; when set, replaces ``lowIncomeShare`` split
  /// evenly over the table's identities.
  public var identityShares: [String: Rate]? = nil
  /// Share of identity holders whose identity starts or ends during the year.
  public var identityChangeShare: Rate = Rate(micros: 100_000)
  /// Share of ordinary persons with at least one admission.
  public var inpatientShare: Rate = Rate(micros: 450_000)
  /// Share of low-income persons with at least one admission.
  public var lowIncomeInpatientShare: Rate = Rate(micros: 650_000)
  /// Chance of one more admission after each (geometric count; 0.35 → mean ≈ 1.5).
  public var repeatAdmission: Rate = Rate(micros: 350_000)
  /// Share of persons with outpatient chronic-disease (门诊慢特病) claims.
  public var chronicShare: Rate = Rate(micros: 250_000)
  /// Chance of one more chronic claim after each (0.75 → mean 4).
  public var repeatChronic: Rate = Rate(micros: 750_000)
  /// Share of persons with general outpatient claims.
  public var outpatientShare: Rate = Rate(micros: 500_000)
  /// Chance of one more general outpatient claim after each (0.6 → mean 2.5).
  public var repeatOutpatient: Rate = Rate(micros: 600_000)
  /// At most this many claims of one kind per person.
  public var maximumClaimsPerKind: Int = 24
  /// Inpatient weights of the table's hospital levels, in table order
  /// (`nil` = 25/50/25 for three levels, else equal).
  public var inpatientLevelWeights: [Int]? = nil
  /// Outpatient weights of the table's hospital levels, in table order
  /// (`nil` = 60/30/10 for three levels, else equal).
  public var outpatientLevelWeights: [Int]? = nil
  /// Share of admissions by place (`inCounty`, `inCity`, `inProvince`, `outOfProvince`).
  public var placeShares: [String: Rate] = [
    "inCounty": Rate(micros: 780_000), "inCity": Rate(micros: 120_000),
    "inProvince": Rate(micros: 70_000), "outOfProvince": Rate(micros: 30_000),
  ]
  /// Share of out-of-county admissions that are referred (规范转诊).
  public var referredShare: Rate = Rate(micros: 600_000)
  /// Share of in-county admissions marked referred (基层首诊转诊).
  public var inCountyReferredShare: Rate = Rate(micros: 500_000)
  /// Median cost of an admission, yuan (lognormal).
  public var inpatientMedian: Money = Money(fen: 600_000)
  /// σ of the log of an admission's cost.
  public var inpatientSigma: Rate = Rate(micros: 800_000)
  /// Share of admissions drawn from the heavy tail (大病).
  public var tailShare: Rate = Rate(micros: 40_000)
  /// Median cost of a heavy-tail admission, yuan.
  public var tailMedian: Money = Money(fen: 6_000_000)
  /// σ of the log of a heavy-tail admission's cost.
  public var tailSigma: Rate = Rate(micros: 700_000)
  /// Median cost of an outpatient chronic claim, yuan.
  public var chronicMedian: Money = Money(fen: 50_000)
  /// σ of the log of a chronic claim's cost.
  public var chronicSigma: Rate = Rate(micros: 800_000)
  /// Median cost of a general outpatient claim, yuan.
  public var outpatientMedian: Money = Money(fen: 12_000)
  /// σ of the log of a general outpatient claim's cost.
  public var outpatientSigma: Rate = Rate(micros: 700_000)
  /// Cost factor per hospital level, in table order (`nil` = 0.6/1.0/1.8 for three levels, else 1).
  public var levelCostFactors: [Rate]? = nil
  /// Cost factor out of the county.
  public var outOfCountyCostFactor: Rate = Rate(micros: 1_300_000)
  /// Fully own-pay (全自费) share of the total: uniform from … to ….
  public var fullyOwnPayFrom: Rate = Rate(micros: 20_000)
  /// Upper end of the fully own-pay share.
  public var fullyOwnPayTo: Rate = Rate(micros: 150_000)
  /// Upper end of the over-limit (超限价) share (from 0).
  public var overLimitTo: Rate = Rate(micros: 10_000)
  /// Pay-first (先行自付) share: uniform from … to ….
  public var payFirstFrom: Rate = Rate(micros: 10_000)
  /// Upper end of the pay-first share.
  public var payFirstTo: Rate = Rate(micros: 60_000)
  /// Share of ordinary admissions with a diagnosis on one of the table's disease lists.
  public var diseaseListShare: Rate = Rate(micros: 50_000)
  /// Share of heavy-tail admissions with a diagnosis on a disease list.
  public var tailDiseaseListShare: Rate = Rate(micros: 500_000)
  /// Share of disease-list admissions (above the lowest level) at a designated hospital.
  public var designatedShare: Rate = Rate(micros: 700_000)
  /// Write an `income` column.
  public var writesIncome: Bool = true
  /// Median annual income, yuan (lognormal).
  public var incomeMedian: Money = Money(fen: 1_500_000)
  /// σ of the log of income.
  public var incomeSigma: Rate = Rate(micros: 600_000)
  /// Income factor for identity holders.
  public var lowIncomeIncomeFactor: Rate = Rate(micros: 450_000)

  /// The defaults.
  public init() {}

  private enum CodingKeys: String, CodingKey, CaseIterable {
    case year, lowIncomeShare, identityShares, identityChangeShare, inpatientShare, lowIncomeInpatientShare
    case repeatAdmission, chronicShare, repeatChronic, outpatientShare, repeatOutpatient, maximumClaimsPerKind
    case inpatientLevelWeights, outpatientLevelWeights, placeShares, referredShare, inCountyReferredShare
    case inpatientMedian, inpatientSigma, tailShare, tailMedian, tailSigma, chronicMedian, chronicSigma
    case outpatientMedian, outpatientSigma, levelCostFactors, outOfCountyCostFactor, fullyOwnPayFrom, fullyOwnPayTo
    case overLimitTo, payFirstFrom, payFirstTo, diseaseListShare, tailDiseaseListShare, designatedShare
    case writesIncome, incomeMedian, incomeSigma, lowIncomeIncomeFactor
  }

  /// Decodes parameters; absent keys keep their defaults, unknown keys are errors.
  public init(from decoder: any Decoder) throws {
    try decoder.rejectUnknownKeys(CodingKeys.names)
    let c = try decoder.container(keyedBy: CodingKeys.self)
    let d = SynthParameters()
    func v<T: Decodable>(_ k: CodingKeys, _ fallback: T) throws -> T { try c.decodeIfPresent(T.self, forKey: k) ?? fallback }
    year = try c.decodeIfPresent(Int.self, forKey: .year)
    lowIncomeShare = try v(.lowIncomeShare, d.lowIncomeShare)
    identityShares = try c.decodeIfPresent([String: Rate].self, forKey: .identityShares)
    identityChangeShare = try v(.identityChangeShare, d.identityChangeShare)
    inpatientShare = try v(.inpatientShare, d.inpatientShare)
    lowIncomeInpatientShare = try v(.lowIncomeInpatientShare, d.lowIncomeInpatientShare)
    repeatAdmission = try v(.repeatAdmission, d.repeatAdmission)
    chronicShare = try v(.chronicShare, d.chronicShare)
    repeatChronic = try v(.repeatChronic, d.repeatChronic)
    outpatientShare = try v(.outpatientShare, d.outpatientShare)
    repeatOutpatient = try v(.repeatOutpatient, d.repeatOutpatient)
    maximumClaimsPerKind = try v(.maximumClaimsPerKind, d.maximumClaimsPerKind)
    inpatientLevelWeights = try c.decodeIfPresent([Int].self, forKey: .inpatientLevelWeights)
    outpatientLevelWeights = try c.decodeIfPresent([Int].self, forKey: .outpatientLevelWeights)
    placeShares = try v(.placeShares, d.placeShares)
    referredShare = try v(.referredShare, d.referredShare)
    inCountyReferredShare = try v(.inCountyReferredShare, d.inCountyReferredShare)
    inpatientMedian = try v(.inpatientMedian, d.inpatientMedian)
    inpatientSigma = try v(.inpatientSigma, d.inpatientSigma)
    tailShare = try v(.tailShare, d.tailShare)
    tailMedian = try v(.tailMedian, d.tailMedian)
    tailSigma = try v(.tailSigma, d.tailSigma)
    chronicMedian = try v(.chronicMedian, d.chronicMedian)
    chronicSigma = try v(.chronicSigma, d.chronicSigma)
    outpatientMedian = try v(.outpatientMedian, d.outpatientMedian)
    outpatientSigma = try v(.outpatientSigma, d.outpatientSigma)
    levelCostFactors = try c.decodeIfPresent([Rate].self, forKey: .levelCostFactors)
    outOfCountyCostFactor = try v(.outOfCountyCostFactor, d.outOfCountyCostFactor)
    fullyOwnPayFrom = try v(.fullyOwnPayFrom, d.fullyOwnPayFrom)
    fullyOwnPayTo = try v(.fullyOwnPayTo, d.fullyOwnPayTo)
    overLimitTo = try v(.overLimitTo, d.overLimitTo)
    payFirstFrom = try v(.payFirstFrom, d.payFirstFrom)
    payFirstTo = try v(.payFirstTo, d.payFirstTo)
    diseaseListShare = try v(.diseaseListShare, d.diseaseListShare)
    tailDiseaseListShare = try v(.tailDiseaseListShare, d.tailDiseaseListShare)
    designatedShare = try v(.designatedShare, d.designatedShare)
    writesIncome = try v(.writesIncome, d.writesIncome)
    incomeMedian = try v(.incomeMedian, d.incomeMedian)
    incomeSigma = try v(.incomeSigma, d.incomeSigma)
    lowIncomeIncomeFactor = try v(.lowIncomeIncomeFactor, d.lowIncomeIncomeFactor)
  }

  /// Decodes parameters from JSON (absent keys keep their defaults).
  public static func decode(from data: Data) throws(SettlementError) -> SynthParameters {
    let p = try JSONInput.decode(SynthParameters.self, from: data)
    try p.validate()
    return p
  }

  /// The parameters as pretty JSON with sorted keys.
  public func encoded() -> Data { JSONOutput.encode(self) }

  /// Checks shares lie in 0…1, ranges are ordered and amounts positive.
  public func validate() throws(SettlementError) {
    let shares: [(String, Rate)] = [
      ("lowIncomeShare", lowIncomeShare), ("identityChangeShare", identityChangeShare), ("inpatientShare", inpatientShare),
      ("lowIncomeInpatientShare", lowIncomeInpatientShare), ("repeatAdmission", repeatAdmission),
      ("chronicShare", chronicShare), ("repeatChronic", repeatChronic), ("outpatientShare", outpatientShare),
      ("repeatOutpatient", repeatOutpatient), ("referredShare", referredShare), ("inCountyReferredShare", inCountyReferredShare),
      ("tailShare", tailShare), ("fullyOwnPayFrom", fullyOwnPayFrom), ("fullyOwnPayTo", fullyOwnPayTo),
      ("overLimitTo", overLimitTo), ("payFirstFrom", payFirstFrom), ("payFirstTo", payFirstTo),
      ("diseaseListShare", diseaseListShare), ("tailDiseaseListShare", tailDiseaseListShare), ("designatedShare", designatedShare),
    ] + (identityShares ?? [:]).sorted { $0.key < $1.key }.map { ("identityShares.\($0.key)", $0.value) }
      + placeShares.sorted { $0.key < $1.key }.map { ("placeShares.\($0.key)", $0.value) }
    for (path, r) in shares where r.micros < 0 || r.micros > Rate.scale {
      throw SettlementError(.rateOutOfRange, at: path, expected: "a share between 0 and 1", found: r.description)
    }
    for (path, r) in [("repeatAdmission", repeatAdmission), ("repeatChronic", repeatChronic), ("repeatOutpatient", repeatOutpatient)]
    where r.micros >= Rate.scale {
      throw SettlementError(.rateOutOfRange, at: path, expected: "a chance below 1", found: r.description)
    }
    guard fullyOwnPayFrom <= fullyOwnPayTo, payFirstFrom <= payFirstTo,
      fullyOwnPayTo.micros + overLimitTo.micros + payFirstTo.micros < Rate.scale
    else {
      throw SettlementError(.invalidValue, at: "fullyOwnPayTo", expected: "ordered ranges whose upper ends sum below 1")
    }
    for key in placeShares.keys where Place(rawValue: key) == nil {
      throw SettlementError(.invalidValue, at: "placeShares.\(key)", expected: "one of " + Place.allCases.map(\.rawValue).joined(separator: ", "), found: key)
    }
    guard placeShares.values.reduce(0, { $0 + $1.micros }) == Rate.scale else {
      throw SettlementError(.invalidValue, at: "placeShares", expected: "shares summing to 1")
    }
    if let s = identityShares, s.values.reduce(0, { $0 + $1.micros }) > Rate.scale {
      throw SettlementError(.invalidValue, at: "identityShares", expected: "shares summing to at most 1")
    }
    for (path, m) in [("inpatientMedian", inpatientMedian), ("tailMedian", tailMedian), ("chronicMedian", chronicMedian),
                      ("outpatientMedian", outpatientMedian), ("incomeMedian", incomeMedian)] where m.fen <= 0 || m.fen > Money.maximumFen / 1000 {
      throw SettlementError(.amountOutOfRange, at: path, expected: "a median above 0 and at most 10000000.00 yuan", found: m.description)
    }
    for (path, r) in [("inpatientSigma", inpatientSigma), ("tailSigma", tailSigma), ("chronicSigma", chronicSigma),
                      ("outpatientSigma", outpatientSigma), ("incomeSigma", incomeSigma)] where r.micros < 0 || r.micros > 3 * Rate.scale {
      throw SettlementError(.rateOutOfRange, at: path, expected: "σ between 0 and 3", found: r.description)
    }
    guard (1...366).contains(maximumClaimsPerKind) else {
      throw SettlementError(.invalidValue, at: "maximumClaimsPerKind", expected: "1 to 366", found: "\(maximumClaimsPerKind)")
    }
    if let y = year, !(1900...2999).contains(y) {
      throw SettlementError(.invalidValue, at: "year", expected: "a year from 1900 to 2999", found: "\(y)")
    }
  }
}
