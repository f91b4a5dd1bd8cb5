import Foundation

/// 合成人群 — draws a realistic synthetic population and its claims for a
/// table, deterministically from a seed.
///
/// Per person: an identity (by ``SynthParameters/lowIncomeShare`` or
/// ``SynthParameters/identityShares``; sometimes valid only part of the
/// year), an income, and claims of each kind with geometric counts
/// (low-income persons are admitted more often). Per claim: a date, a
/// hospital level and place, a lognormal cost with a heavy tail of large
/// admissions, a four-way split with random out-of-policy shares, and
/// diagnoses (some on the table's disease lists).
///
/// Floating point is used only to **sample** (`exp`, `log`, `cos` of the
/// Box–Muller transform); each amount is rounded to the fen once, and the
/// split is exact integer arithmetic (`in_policy = total − the other
/// three`). The same seed, table and parameters give the same rows.
///
///     var synth = try PopulationSynthesizer(table: table, seed: 42)
///     let rows = synth.nextPerson()   // one person's claims, in date order
public struct PopulationSynthesizer: Sendable {
  /// The parameters drawn from.
  public let parameters: SynthParameters
  /// The claims year.
  public let year: Int
  private let identityCodes: [String]
  private let identityCumulative: [Int64]
  private let levelIds: [String]
  private let inpatientLevels: [Int]
  private let outpatientLevels: [Int]
  private let levelFactors: [Double]
  private let placeCumulative: [(Place, Int64)]
  private let diseasePrefixes: [[String]]
  private var rng: SplitMix64
  /// Persons drawn so far.
  public private(set) var personCount = 0
  /// Claims drawn so far.
  public private(set) var claimCount = 0

  /// Common diagnoses (ICD-10) given to claims not drawn on a disease list.
  static let commonDiagnoses = ["I10", "E11.9", "J18.9", "I63.9", "K80.2", "N18.9", "M17.9", "J44.9", "I25.1", "K29.7"]

  /// Prepares a synthesizer for `table`.
  ///
  /// - Throws: ``SettlementError`` for invalid parameters or an identity id
  ///   in ``SynthParameters/identityShares`` the table lacks.
  public init(table: PolicyTable, parameters: SynthParameters = SynthParameters(), seed: UInt64) throws(SettlementError) {
    try parameters.validate()
    self.parameters = parameters
    year = parameters.year ?? table.validFrom.year
    rng = SplitMix64(seed: seed)
    identityCodes = table.identities.map { $0.codes.first ?? $0.id }
    var shares = [Int64](repeating: 0, count: table.identities.count)
    if let given = parameters.identityShares {
      for (id, share) in given {
        guard let i = table.identities.firstIndex(where: { $0.id == id }) else {
          throw SettlementError(.undefinedReference, at: "identityShares.\(id)",
            expected: "an identity id of table \(table.id) (\(table.identities.map(\.id).joined(separator: ", ")))", found: id)
        }
        shares[i] = share.micros
      }
    } else if !shares.isEmpty {
      let each = parameters.lowIncomeShare.micros / Int64(shares.count)
      for i in shares.indices { shares[i] = each }
      shares[0] += parameters.lowIncomeShare.micros - each * Int64(shares.count)
    }
    var acc: Int64 = 0
    identityCumulative = shares.map { acc += $0; return acc }
    levelIds = table.hospitalLevels.map(\.id)
    let n = levelIds.count
    func weights(_ given: [Int]?, _ three: [Int]) throws(SettlementError) -> [Int] {
      let w = given ?? (n == 3 ? three : Array(repeating: 1, count: n))
      guard w.count == n, w.allSatisfy({ $0 >= 0 }), w.reduce(0, +) > 0 else {
        throw SettlementError(.invalidValue, at: "levelWeights", expected: "\(n) non-negative weights, one per hospital level of table \(table.id)")
      }
      var acc = 0
      return w.map { acc += $0; return acc }
    }
    inpatientLevels = try weights(parameters.inpatientLevelWeights, [25, 50, 25])
    outpatientLevels = try weights(parameters.outpatientLevelWeights, [60, 30, 10])
    let factors = parameters.levelCostFactors ?? (n == 3 ? [600_000, 1_000_000, 1_800_000].map { Rate(micros: $0) } : Array(repeating: .one, count: n))
    guard factors.count == n else {
      throw SettlementError(.invalidValue, at: "levelCostFactors", expected: "\(n) factors, one per hospital level of table \(table.id)")
    }
    levelFactors = factors.map { Double($0.micros) / 1e6 }
    var placeAcc: Int64 = 0
    placeCumulative = Place.allCases.map { p in
      placeAcc += parameters.placeShares[p.rawValue]?.micros ?? 0
      return (p, placeAcc)
    }
    diseasePrefixes = table.diseaseLists.map { $0.codes.map(\.code) }.filter { !$0.isEmpty }
  }

  // MARK: - Sampling (floating point only here)

  /// Uniform in 0..<1_000_000 (a share in millionths).
  private mutating func micros() -> Int64 { Int64((rng.next() >> 11) % 1_000_000) }
  private mutating func chance(_ r: Rate) -> Bool { micros() < r.micros }
  private mutating func below(_ n: Int) -> Int { Int((rng.next() >> 11) % UInt64(n)) }
  private mutating func unit() -> Double { Double(rng.next() >> 11) * 0x1p-53 }

  /// A standard normal draw (Box–Muller).
  private mutating func normal() -> Double {
    let u1 = 1 - unit()  // (0, 1]
    let u2 = unit()
    return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
  }

  /// A lognormal amount in fen: `median × e^(σz) × factor`, rounded once.
  private mutating func lognormal(_ median: Money, _ sigma: Rate, factor: Double = 1) -> Int64 {
    let x = Double(median.fen) * exp(Double(sigma.micros) / 1e6 * normal()) * factor
    let cap = Double(Money.maximumFen / 100)
    return Int64(min(max(x.rounded(), 1), cap))
  }

  private mutating func weighted(_ cumulative: [Int]) -> Int {
    let u = below(cumulative.last ?? 1)
    return cumulative.firstIndex { u < $0 } ?? 0
  }

  private mutating func count(_ first: Rate, _ again: Rate) -> Int {
    guard chance(first) else { return 0 }
    var n = 1
    while n < parameters.maximumClaimsPerKind, chance(again) { n += 1 }
    return n
  }

  private mutating func share(_ from: Rate, _ to: Rate) -> Rate {
    Rate(micros: from.micros + (to.micros > from.micros ? micros() % (to.micros - from.micros + 1) : 0))
  }

  // MARK: - Persons

  /// The next person's claims, in date order (at least one claim).
  public mutating func nextPerson() -> [ClaimFileRow] {
    let p = parameters
    personCount += 1
    let personId = "P" + Self.padded(personCount, width: 7)
    let days = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 366 : 365

    // Identity.
    var identities: [IdentityRecord] = []
    let u = micros()
    let identity = identityCumulative.firstIndex { u < $0 }
    if let i = identity {
      var record = IdentityRecord(code: identityCodes[i])
      if chance(p.identityChangeShare) {
        let d = Self.date(year: year, dayOfYear: 1 + below(days))
        if below(2) == 0 { record.begin = d } else { record.end = d }
      }
      identities.append(record)
    }
    let income = p.writesIncome
      ? Money(fen: lognormal(p.incomeMedian, p.incomeSigma, factor: identity == nil ? 1 : Double(p.lowIncomeIncomeFactor.micros) / 1e6))
      : nil

    // Claims.
    var kinds: [ClaimKind] = []
    kinds += Array(repeating: .inpatient, count: count(identity == nil ? p.inpatientShare : p.lowIncomeInpatientShare, p.repeatAdmission))
    kinds += Array(repeating: .outpatientChronic, count: count(p.chronicShare, p.repeatChronic))
    kinds += Array(repeating: .generalOutpatient, count: count(p.outpatientShare, p.repeatOutpatient))
    if kinds.isEmpty { kinds = [.generalOutpatient] }
    var dated = kinds.map { (day: 1 + below(days), kind: $0) }
    dated.sort { $0.day < $1.day }

    var rows: [ClaimFileRow] = []
    rows.reserveCapacity(dated.count)
    for (day, kind) in dated {
      claimCount += 1
      rows.append(claim(kind: kind, date: Self.date(year: year, dayOfYear: day), personId: personId, identities: identities, income: income))
    }
    return rows
  }

  private mutating func claim(kind: ClaimKind, date: CivilDate, personId: String, identities: [IdentityRecord], income: Money?) -> ClaimFileRow {
    let p = parameters
    let level = weighted(kind == .inpatient ? inpatientLevels : outpatientLevels)
    var place = Place.inCounty
    if kind != .generalOutpatient {
      let u = micros()
      place = placeCumulative.first { u < $0.1 }?.0 ?? .inCounty
    }
    let referred = chance(place == .inCounty ? p.inCountyReferredShare : p.referredShare) && kind == .inpatient
    let factor = levelFactors[level] * (place == .inCounty ? 1 : Double(p.outOfCountyCostFactor.micros) / 1e6)
    var tail = false
    let total: Int64
    switch kind {
    case .inpatient:
      tail = chance(p.tailShare)
      total = tail ? lognormal(p.tailMedian, p.tailSigma, factor: factor) : lognormal(p.inpatientMedian, p.inpatientSigma, factor: factor)
    case .outpatientChronic: total = lognormal(p.chronicMedian, p.chronicSigma, factor: factor)
    case .generalOutpatient: total = lognormal(p.outpatientMedian, p.outpatientSigma, factor: factor)
    }
    // Exact split: each share applied once, in-policy the remainder.
    let own = share(p.fullyOwnPayFrom, p.fullyOwnPayTo).apply(to: total, rounding: .halfUp) ?? 0
    let over = share(.zero, p.overLimitTo).apply(to: total, rounding: .halfUp) ?? 0
    let first = share(p.payFirstFrom, p.payFirstTo).apply(to: total, rounding: .halfUp) ?? 0
    let amounts = ClaimAmounts(
      total: Money(fen: total), fullyOwnPay: Money(fen: own), overLimit: Money(fen: over), payFirst: Money(fen: first),
      inPolicy: Money(fen: total - own - over - first))

    var diagnoses: [String] = []
    var designated = false
    if kind != .generalOutpatient {
      if !diseasePrefixes.isEmpty, kind == .inpatient, chance(tail ? p.tailDiseaseListShare : p.diseaseListShare) {
        let list = diseasePrefixes[below(diseasePrefixes.count)]
        let prefix = list[below(list.count)]
        diagnoses.append(prefix.contains(".") ? prefix : prefix + ".9")
        designated = level > 0 && chance(p.designatedShare)
      } else {
        diagnoses.append(Self.commonDiagnoses[below(Self.commonDiagnoses.count)])
      }
    }
    return ClaimFileRow(
      claimId: "C" + Self.padded(claimCount, width: 9), personId: personId, date: date, kind: kind,
      hospitalLevel: levelIds[level], place: place, referred: referred, designatedHospital: designated,
      identities: identities, amounts: amounts, diagnoses: diagnoses, income: income)
  }

  /// `n` with leading zeros to `width` digits.
  static func padded(_ n: Int, width: Int) -> String {
    let s = String(n)
    return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
  }

  /// The date of day `dayOfYear` (1-based) of `year`.
  static func date(year: Int, dayOfYear: Int) -> CivilDate {
    var day = dayOfYear
    for month in 1...12 {
      let n = CivilDate.daysIn(month: month, year: year)
      if day <= n { return (try? CivilDate(year: year, month: month, day: day)) ?? CivilDate.epoch }
      day -= n
    }
    return (try? CivilDate(year: year, month: 12, day: 31)) ?? CivilDate.epoch
  }
}
