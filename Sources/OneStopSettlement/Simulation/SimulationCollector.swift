/// Collects what a simulation reports while claims stream past: fund cost
/// per layer and scenario, and per person their class, claims, income and
/// annual out-of-pocket per scenario.
///
/// Memory is bounded by persons: a few integers per person and scenario,
/// nothing per claim.
struct SimulationCollector: SettledClaimConsumer {
  /// Number of scenarios (engines), baseline first.
  let scenarios: Int
  /// Layer count per scenario.
  let layerCounts: [Int]
  /// Fund cost per scenario and layer (flattened, `layerOffsets[k] + i`).
  private(set) var layerCost: [CheckedSum]
  let layerOffsets: [Int]
  /// Totals per scenario.
  private(set) var patient: [CheckedSum]
  private(set) var funds: [CheckedSum]
  private(set) var total = CheckedSum()
  private(set) var inPolicy = CheckedSum()
  private(set) var claims = 0
  /// Claims where some scenario's split did not add up (must stay 0).
  private(set) var unbalancedClaims = 0

  // Per person (index = person number).
  /// Identity class: index of the baseline table's highest-precedence
  /// identity held on any claim, `-1` = none (普通参保人).
  private(set) var personClass: [Int8] = []
  private(set) var personIncome: [Int64] = []
  private(set) var personClaims: [Int32] = []
  private(set) var personTotal: [Int64] = []
  private(set) var personInPolicy: [Int64] = []
  /// Annual out-of-pocket per person and scenario (`person × scenarios + k`).
  private(set) var personOutOfPocket: [Int64] = []
  /// Annual in-policy self-pay per person and scenario.
  private(set) var personInPolicySelfPay: [Int64] = []
  /// Inpatient claims of the person, and of those in county (indicators).
  private(set) var personInpatient: [Int32] = []
  private(set) var personInpatientInCounty: [Int32] = []
  /// Every identity the person held on some claim (baseline table bits).
  private(set) var personIdentities: [UInt64] = []
  /// Persons whose income differed between rows.
  private(set) var inconsistentIncome = 0
  /// Identities counted as low-income (低收入人口) for the indicators.
  var lowIncomeMask: UInt64 = .max
  /// 先诊疗后付费 grants, compiled: a claim needs no deposit when some
  /// grant lists an identity it holds, its kind and place, and its referral
  /// if required (`PayAfterTreatmentRule.decision(for:table:)`).
  var depositGrants: [DepositGrant] = []
  /// Admissions some grant covers.
  private(set) var depositFreeClaims = 0
  /// Inpatient claims; of low-income persons; of those, in county.
  private(set) var inpatientClaims = 0
  private(set) var lowIncomeInpatientClaims = 0
  private(set) var lowIncomeInpatientInCounty = 0

  init(engines: [SettlementEngine]) {
    scenarios = engines.count
    layerCounts = engines.map(\.layerCount)
    var offsets: [Int] = []
    var n = 0
    for c in layerCounts { offsets.append(n); n += c }
    layerOffsets = offsets
    layerCost = Array(repeating: CheckedSum(), count: n)
    patient = Array(repeating: CheckedSum(), count: scenarios)
    funds = Array(repeating: CheckedSum(), count: scenarios)
  }

  /// Number of persons.
  var persons: Int { personClass.count }

  /// Whether any sum overflowed 64 bits.
  var overflowed: Bool {
    total.overflowed || inPolicy.overflowed || layerCost.contains { $0.overflowed }
      || patient.contains { $0.overflowed } || funds.contains { $0.overflowed }
  }

  /// A new person (index = `persons` before the call) whose first row states `income` (`-1` = none).
  private mutating func beginPerson(income: Int64) {
    personClass.append(-1)
    personIncome.append(income)
    personClaims.append(0)
    personTotal.append(0)
    personInPolicy.append(0)
    personInpatient.append(0)
    personInpatientInCounty.append(0)
    personIdentities.append(0)
    for _ in 0..<scenarios {
      personOutOfPocket.append(0)
      personInPolicySelfPay.append(0)
    }
  }

  mutating func settled(_ batch: StreamBatch, bytes: Span<UInt8>) {
    for j in 0..<batch.count {
      let row = batch.row(j)
      if row.startsPerson { beginPerson(income: row.income) }
      settled(row, batch, j)
    }
  }

  @inline(__always)
  private mutating func settled(_ row: StreamRow, _ batch: StreamBatch, _ j: Int) {
    let p = personClass.count - 1
    claims &+= 1
    personClaims[p] &+= 1
    let c = batch.claim(engine: 0, j)
    total.add(c.total)
    inPolicy.add(c.inPolicy)
    personTotal[p] &+= c.total  // ≤ 10^12 per claim: a person's year cannot overflow
    personInPolicy[p] &+= c.inPolicy
    if c.identities != 0 {
      personIdentities[p] |= c.identities
      let cls = Int8(c.identities.trailingZeroBitCount)
      if personClass[p] < 0 || cls < personClass[p] { personClass[p] = cls }
    }
    if row.income >= 0 {
      if personIncome[p] < 0 { personIncome[p] = row.income }
      else if personIncome[p] != row.income { inconsistentIncome &+= 1 }
    }
    if c.kind == .inpatient {
      personInpatient[p] &+= 1
      inpatientClaims &+= 1
      if c.place == .inCounty { personInpatientInCounty[p] &+= 1 }
      if c.identities & lowIncomeMask != 0 {
        lowIncomeInpatientClaims &+= 1
        if c.place == .inCounty { lowIncomeInpatientInCounty &+= 1 }
      }
    }
    if c.kind == .inpatient {
      for g in depositGrants where g.covers(c) {
        depositFreeClaims &+= 1
        break
      }
    }
    let base = p &* scenarios
    for k in 0..<scenarios {
      // Each layer's payment, then the fund total, then the patient share.
      let amounts = batch.amounts(engine: k, j)
      let claim = batch.claim(engine: k, j)
      let layers = layerCounts[k]
      let offset = layerOffsets[k]
      var sum: Int64 = 0
      for i in 0..<layers {
        let a = amounts[i]
        layerCost[offset &+ i].add(a)
        sum &+= a
      }
      let paid = amounts[layers &+ 1]
      if sum &+ paid != claim.total { unbalancedClaims &+= 1 }
      funds[k].add(sum)
      patient[k].add(paid)
      personOutOfPocket[base &+ k] &+= paid
      personInPolicySelfPay[base &+ k] &+= max(0, claim.inPolicy &- sum)
    }
  }
}

extension SimulationCollector {
  /// One identity class's totals in one scenario.
  struct ClassTotals {
    /// Identity index of the baseline table, `-1` = no identity.
    var identity: Int
    var members: [Int]
    var claims = 0
    var total = CheckedSum()
    var inPolicy = CheckedSum()
  }

  /// Persons grouped by class: the table's identities in precedence order,
  /// then persons without one; empty classes left out.
  func classes(identityCount: Int) -> [ClassTotals] {
    var groups = (0...identityCount).map { ClassTotals(identity: $0 == identityCount ? -1 : $0, members: []) }
    for p in 0..<persons {
      let g = personClass[p] < 0 ? identityCount : Int(personClass[p])
      groups[g].members.append(p)
      groups[g].claims += Int(personClaims[p])
      groups[g].total.add(personTotal[p])
      groups[g].inPolicy.add(personInPolicy[p])
    }
    return groups.filter { !$0.members.isEmpty }
  }

  /// Annual out-of-pocket per person under `scenario`.
  func outOfPocket(_ scenario: Int) -> [Int64] {
    stride(from: scenario, to: personOutOfPocket.count, by: scenarios).map { personOutOfPocket[$0] }
  }
}

/// One 先诊疗后付费 grant as bit masks over one table.
struct DepositGrant: Sendable {
  var identities: UInt64
  var kinds: UInt8
  var places: UInt8
  var requiresReferral: Bool

  /// Compiles `grant` against `table` (identity ids the table lacks match no one).
  init(_ grant: PayAfterTreatmentRule.Grant, table: PolicyTable) {
    identities = grant.identities.reduce(0) { m, id in table.identities.firstIndex { $0.id == id }.map { m | (1 << UInt64($0)) } ?? m }
    kinds = ClaimKind.mask(grant.claimKinds)
    places = Place.mask(grant.places)
    requiresReferral = grant.requiresReferral
  }

  /// Whether the grant covers a claim.
  @inline(__always)
  func covers(_ c: PreparedClaim) -> Bool {
    c.identities & identities != 0 && kinds & (1 << UInt8(c.kind.index)) != 0 && places & (1 << UInt8(c.place.index)) != 0
      && (!requiresReferral || c.referred)
  }
}
