/// 结算引擎 — a policy table compiled for settling claims.
///
/// Build one per table version, once, and share it: it is an immutable
/// `Sendable` value, safe to use from many threads at once. Compiling
/// resolves every parameter per identity group, claim kind, hospital level
/// and place into flat arrays, so ``settle(_:yearToDate:)`` does no
/// allocation, dictionary look-up or string work.
///
///     let engine = try SettlementEngine(table: try PolicyTable.decode(from: tableJSON))
///     let claim = try engine.prepare(try Claim.decode(from: claimJSON))
///     var ytd = YearToDate()
///     let settlement = try engine.settle(claim, yearToDate: &ytd)
///     settlement.patient   // 个人负担, fen
///
/// - Complexity: compiling is O(identities × kinds × levels × places);
///   settling a claim is O(layers × segments).
public struct SettlementEngine: Sendable {
  /// The table this engine was compiled from.
  public let table: PolicyTable
  let compiled: CompiledTable
  let levelCount: Int
  let levelIndex: [String: Int]
  let identityIndex: [String: Int]

  /// Validates and compiles `table`.
  ///
  /// - Throws: ``SettlementError`` from ``PolicyTable/validate()``.
  public init(table: PolicyTable) throws(SettlementError) {
    try table.validate()
    self.table = table
    levelCount = table.hospitalLevels.count
    var levels: [String: Int] = [:]
    for (i, l) in table.hospitalLevels.enumerated() {
      for code in [l.id] + l.codes { levels[code] = i }
    }
    levelIndex = levels
    var ids: [String: Int] = [:]
    for (i, c) in table.identities.enumerated() {
      for code in [c.id] + c.codes { ids[code] = i }
    }
    identityIndex = ids
    let identityPosition = Dictionary(uniqueKeysWithValues: table.identities.enumerated().map { ($1.id, $0) })

    var compiler = Compiler(table: table, identityPosition: identityPosition)
    var layers: [CompiledLayer] = []
    for layer in table.layers { layers.append(compiler.compile(layer)) }
    let steps = try LayerStep.resolve(
      &layers, parameters: compiler.parameters, caps: compiler.caps, segments: compiler.segments, levels: levelCount)
    compiled = CompiledTable(
      layers: layers, parameters: compiler.parameters, steps: steps, capTerms: compiler.capTerms,
      identityGroups: compiler.identityGroups, segments: compiler.segments, identityCount: table.identities.count)
  }

  /// The number of layers.
  public var layerCount: Int { compiled.layerCount }

  /// The compiled layers (read-only views of ``compiled``).
  var layers: UnsafeBufferPointer<CompiledLayer> { UnsafeBufferPointer(start: compiled.layers, count: compiled.layerCount) }
  /// The compiled parameters of every layer.
  var parameters: UnsafeBufferPointer<LayerParameters> {
    UnsafeBufferPointer(start: compiled.parameters, count: compiled.parameterCount)
  }
  /// Per layer, identity index → group.
  var identityGroups: UnsafeBufferPointer<Int> {
    UnsafeBufferPointer(start: compiled.identityGroups, count: compiled.identityGroupCount)
  }
}

/// Builds the flat arrays of a ``SettlementEngine``.
private struct Compiler {
  let table: PolicyTable
  let identityPosition: [String: Int]
  var parameters: [LayerParameters] = []
  /// Yearly caps; entry 0 is "no cap".
  var caps: [CompiledCaps] = [CompiledCaps()]
  /// The terms of every entry of ``caps``, nine each.
  var capTerms: [CapTerm] = CompiledCaps.terms([])
  var identityGroups: [Int] = []
  var segments: [CompiledSegment] = []

  init(table: PolicyTable, identityPosition: [String: Int]) {
    self.table = table
    self.identityPosition = identityPosition
  }

  func identityMask(_ ids: [String]?) -> UInt64 {
    (ids ?? []).reduce(0) { m, id in m | (1 << UInt64(identityPosition[id] ?? 0)) }
  }

  func clamp(_ micros: Int64) -> Int64 { min(max(micros, 0), Rate.scale) }

  mutating func compile(_ layer: Layer) -> CompiledLayer {
    var c = CompiledLayer(
      kind: layer.kind, rounding: layer.rounding ?? table.rounding,
      kindMask: ClaimKind.mask(layer.appliesTo.claimKinds), placeMask: Place.mask(layer.appliesTo.places),
      identityMask: identityMask(layer.appliesTo.identities), requiresReferral: layer.appliesTo.requiresReferral,
      diseaseMask: (layer.appliesTo.diseaseLists ?? []).reduce(0) { m, id in
        m | (table.diseaseLists.firstIndex { $0.id == id }.map { UInt64(1) << UInt64($0) } ?? 0) },
      requiresDesignatedHospital: layer.appliesTo.requiresDesignatedHospital,
      includesPayFirst: false, includesBasicDeductible: true, perYear: false,
      groupMask: 0, defaultGroup: 0, identityGroupOffset: identityGroups.count,
      parameterOffset: parameters.count, groupStride: 1,
      ceilingAmount: -1, ceilingShare: -1, targetRatio: 0)
    var groupOf = [Int](repeating: -1, count: table.identities.count)
    switch layer.rule {
    case .basic(let r):
      c.groupStride = ClaimKind.allCases.count * table.hospitalLevels.count * Place.allCases.count
      c.keyMask = -1
      let layerCaps = cap(r.annualCaps)
      var overrides: [(Int, BasicOverride)] = []
      for (id, o) in r.identityOverrides { if let i = identityPosition[id] { overrides.append((i, o)) } }
      overrides.sort { $0.0 < $1.0 }
      appendBasicCells(r, override: nil, rounding: c.rounding, caps: layerCaps)
      for (g, (i, o)) in overrides.enumerated() {
        groupOf[i] = g + 1
        c.groupMask |= 1 << UInt64(i)
        appendBasicCells(r, override: o, rounding: c.rounding, caps: layerCaps)
      }

    case .majorIllness(let r):
      c.includesPayFirst = r.baseIncludesPayFirst
      c.includesBasicDeductible = r.baseIncludesBasicDeductible
      c.perYear = true
      parameters.append(majorIllnessGroup(r, override: nil, identity: -1, rounding: c.rounding))
      let overrides = r.identityOverrides.compactMap { id, o in identityPosition[id].map { ($0, o) } }.sorted { $0.0 < $1.0 }
      for (g, (i, o)) in overrides.enumerated() {
        groupOf[i] = g + 1
        c.groupMask |= 1 << UInt64(i)
        parameters.append(majorIllnessGroup(r, override: o, identity: i, rounding: c.rounding))
      }

    case .assistance(let r), .tilt(let r):
      c.includesPayFirst = r.baseIncludesPayFirst
      c.perYear = r.basis == .perYear
      c.defaultGroup = -1
      for (k, cls) in r.classes.enumerated() {
        parameters.append(schedule(
          deductible: cls.deductible.value.fen, relative: true, segments: [(.max, cls.ratio.value.micros)],
          caps: cap(cls.annualCaps), identity: -1))
        guard let ids = cls.identities else { c.defaultGroup = k; continue }
        for id in ids {
          guard let i = identityPosition[id], groupOf[i] < 0 else { continue }
          groupOf[i] = k
          c.groupMask |= 1 << UInt64(i)
        }
      }

    case .outOfPocketCeiling(let r):
      c.includesPayFirst = r.baseIncludesPayFirst
      c.perYear = true
      c.ceilingAmount = r.ceiling?.value.fen ?? -1
      c.ceilingShare = r.shareOfInPolicy?.value.micros ?? -1

    case .topUp(let r):
      c.includesPayFirst = r.baseIncludesPayFirst
      c.targetRatio = r.targetRatio.value.micros
    }
    identityGroups.append(c.defaultGroup)  // slot `-1 + 1`: no identity selects a group
    identityGroups.append(contentsOf: groupOf)
    c.kindPlaceMask = c.scopeMask
    c.perYearMask = c.perYear ? -1 : 0
    return c
  }

  /// The index of `annualCaps` in ``caps`` (0 when there are none).
  mutating func cap(_ annualCaps: [AnnualCap]) -> Int {
    guard !annualCaps.isEmpty else { return 0 }
    let terms = CompiledCaps.terms(annualCaps)
    caps.append(CompiledCaps(annualCaps, terms: terms))
    capTerms += terms
    return caps.count - 1
  }

  /// One cell per claim kind × level × place, in that order; each has two
  /// one-segment schedules (referred or in county, then unreferred).
  mutating func appendBasicCells(_ r: BasicInsuranceRule, override o: BasicOverride?, rounding: RoundingRule, caps: Int) {
    let points = o?.ratioPoints?.value.micros ?? 0
    for kind in ClaimKind.allCases {
      let benefit = r.benefits.first { $0.claimKinds.contains(kind) }
      for level in table.hospitalLevels {
        for place in Place.allCases {
          guard let b = benefit, let ded = b.deductible[level.id]?.value.fen, let ratio = b.ratio[level.id]?.value.micros else {
            parameters.append(.notApplicable)
            continue
          }
          let waived = o?.deductibleWaived ?? false
          let standard = waived ? 0 : ded
          var repeatDeductible = standard
          var repeatFrom = Int.max
          if let rep = b.repeatAdmission, rep.levels?.contains(level.id) ?? true {
            repeatFrom = rep.fromAdmission
            repeatDeductible = rep.factor.value.apply(to: standard, rounding: rounding) ?? standard
          }
          let placed = ratio + points + (b.placePoints[place]?.value.micros ?? 0)
          let unreferred = place == .inCounty ? placed : placed + (b.noReferralPoints?.value.micros ?? 0)
          parameters.append(LayerParameters(
            applicable: true, deductible: standard, repeatDeductible: repeatDeductible, repeatFrom: repeatFrom,
            yearlyDeductibleCap: b.repeatAdmission?.yearlyDeductibleCap?.value.fen ?? -1,
            firstSegment: segments.count, segmentCount: 1, caps: caps, identity: -1))
          segments += [CompiledSegment(upper: .max, rate: clamp(placed)), CompiledSegment(upper: .max, rate: clamp(unreferred))]
        }
      }
    }
  }

  /// The parameters of a schedule whose segments are appended to ``segments``.
  mutating func schedule(
    deductible d: Int64, relative: Bool, segments s: [(bound: Int64, rate: Int64)], caps: Int, identity: Int
  ) -> LayerParameters {
    let resolved = CompiledSegment.resolve(deductible: d, relative: relative, s)
    defer { segments += resolved }
    return LayerParameters(
      applicable: true, deductible: d, repeatDeductible: d, repeatFrom: .max, yearlyDeductibleCap: -1,
      firstSegment: segments.count, segmentCount: resolved.count, caps: caps, identity: identity)
  }

  mutating func majorIllnessGroup(
    _ r: MajorIllnessRule, override o: MajorIllnessOverride?, identity: Int, rounding: RoundingRule
  ) -> LayerParameters {
    var d = r.deductible.value.fen
    if let abs = o?.deductible?.value.fen { d = abs }
    else if let f = o?.deductibleFactor?.value { d = f.apply(to: d, rounding: rounding) ?? d }
    let points = o?.segmentPoints?.value.micros ?? 0
    let segs = r.segments.map { (bound: $0.upTo?.value.fen ?? Int64.max, rate: clamp($0.rate.value.micros + points)) }
    var caps: [AnnualCap] = r.annualCap.map { [AnnualCap(amount: $0)] } ?? []
    if let o {
      if o.removeCap { caps = [] }
      if let c = o.annualCap { caps = [AnnualCap(amount: c)] }
    }
    return schedule(
      deductible: d, relative: r.breakpoints == .relativeToDeductible, segments: segs, caps: cap(caps), identity: identity)
  }
}
