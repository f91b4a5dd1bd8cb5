/// 一站式结算接口 — a ``SettlementEngine`` that speaks the national
/// platform's JSON: fee lines in, `setlinfo` + `setldetail[]` + per-line
/// split + `cuminfo` out.
///
/// Build one per table version and region profile, once, and share it: it
/// is an immutable `Sendable` value, safe to use from many threads at once.
///
///     let platform = try PlatformEngine(
///       table: try PolicyTable.decode(from: tableJSON),
///       profile: try PlatformProfile.decode(from: profileJSON))
///     let result = try platform.settle(try PlatformRequest.decode(from: requestJSON))
///     result.setlinfo.psn_cash_pay   // what the patient pays at the window
///
/// Transactions: ``preSettle(_:)`` (预结算) and ``settle(_:)`` (结算) give
/// identical amounts; ``reverse(_:currentAccumulators:later:)`` (结算撤销)
/// negates a prior result exactly. A request with `prior_feedetail` is an
/// interim part (中途结算) of a stay.
public struct PlatformEngine: Sendable {
  /// The compiled policy table.
  public let engine: SettlementEngine
  /// The region's codes, accumulator mapping and catalogue.
  public let profile: PlatformProfile
  /// Accumulator codes with resolved counters, sorted by code.
  let counters: [String: ResolvedCounter]

  /// Checks `profile` against the engine's table and builds the adapter.
  ///
  /// - Throws: ``SettlementError`` naming the profile path:
  ///   `.undefinedReference` for an identity, level or layer id the table
  ///   lacks; `.duplicateDefinition` for two codes on one counter.
  public init(engine: SettlementEngine, profile: PlatformProfile) throws(SettlementError) {
    let table = engine.table
    let identityIds = Set(table.identities.map(\.id))
    let levelIds = Set(table.hospitalLevels.map(\.id))
    func undefined(_ path: String, _ what: String, _ found: String) -> SettlementError {
      SettlementError(.undefinedReference, at: path, expected: "\(what) of table \(table.id)", found: found)
    }
    for (code, ids) in profile.psnTypes.sorted(by: { $0.key < $1.key }) {
      for id in ids where !identityIds.contains(id) { throw undefined("psnTypes.\(code)", "an identity id", id) }
    }
    for (code, id) in profile.psnIdetTypes.sorted(by: { $0.key < $1.key }) where !identityIds.contains(id) {
      throw undefined("psnIdetTypes.\(code)", "an identity id", id)
    }
    for (code, id) in profile.dedcHospLvs.sorted(by: { $0.key < $1.key }) where !levelIds.contains(id) {
      throw undefined("dedcHospLvs.\(code)", "a hospital level id", id)
    }
    var counters: [String: ResolvedCounter] = [:]
    var owner: [ResolvedCounter: String] = [:]
    for (code, counter) in profile.cumTypes.sorted(by: { $0.key < $1.key }) {
      func layer(_ id: String) throws(SettlementError) -> Int {
        guard let i = table.layers.firstIndex(where: { $0.id == id }) else { throw undefined("cumTypes.\(code).layer", "a layer id", id) }
        return i
      }
      let slot: ResolvedCounter.Slot
      switch counter {
      case .admissions: slot = .admissions
      case .totalCost: slot = .totalCost
      case .inPolicyCost: slot = .inPolicyCost
      case .basicDeductiblePaid: slot = .basicDeductiblePaid
      case .layerBase(let l): slot = .layerBase(try layer(l))
      case .layerPaid(let l, let k): slot = .layerPaid(try layer(l), k)
      }
      let resolved = ResolvedCounter(slot: slot)
      if let other = owner[resolved] {
        throw SettlementError(.duplicateDefinition, at: "cumTypes.\(code)", expected: "one code per counter (\(counter) is also \(other))", found: code)
      }
      owner[resolved] = code
      counters[code] = resolved
    }
    self.engine = engine
    self.profile = profile
    self.counters = counters
  }

  /// Compiles `table` and builds the adapter.
  ///
  /// - Throws: ``SettlementError`` from the table or the profile.
  public init(table: PolicyTable, profile: PlatformProfile) throws(SettlementError) {
    try self.init(engine: SettlementEngine(table: table), profile: profile)
  }
}
