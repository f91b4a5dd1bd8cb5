/// 结算参数 — one schedule layer's parameters as one kind of claim meets
/// them: resolved when compiling for every parameter group of the layer and
/// every claim key (``ClaimKey``), so a claim finds the deductible, the
/// segments and the room under the yearly caps with one load (64 bytes,
/// one cache line).
///
/// The values that depend on the year so far (the repeat-admission
/// deductible, the yearly deductible cap, the room left under the caps)
/// are resolved here for a claim that is the person's first of the year;
/// a claim with accumulators carried works them out from the rest.
struct LayerStep: Sendable {
  /// 起付线 — the deductible of the person's first claim of the year (its
  /// admission number: 1 for an inpatient claim, else 0), after the
  /// yearly deductible cap, fen.
  var deductible: Int64
  /// The room under the yearly caps before anything is paid in the year,
  /// for the claim kind (`Int64.max`: uncapped), fen.
  var room: Int64
  /// The rate, in millionths, when the schedule is one open segment above
  /// the deductible (always for basic insurance, assistance and tilt:
  /// ``OneOpenSegment``), else `-1`: the settlement then multiplies once
  /// instead of walking the segments.
  var openRate: Int64
  /// 起付线 — the standard deductible, fen.
  var standardDeductible: Int64
  /// 再次住院起付线 — the deductible from admission ``repeatFrom`` on, fen.
  var repeatDeductible: Int64
  /// 年度起付线封顶 — the year's total deductible cap, fen (`-1` = none).
  var yearlyDeductibleCap: Int64
  /// Index of the first segment of the schedule in the table's `segments`
  /// (basic: the referred / in-county one, or the unreferred one, by the key).
  var firstSegment: Int32
  /// Admission number from which ``repeatDeductible`` applies (`Int32.max` = never).
  var repeatFrom: Int32
  /// Where the claim kind's ``CapTerm``s of the yearly caps start in the
  /// table's `capTerms` (those covering the kind first, ``capCount`` of them).
  var capTerms: Int32
  /// Number of segments.
  var segmentCount: Int16
  /// Number of yearly caps covering the claim kind (`0`: uncapped).
  var capCount: Int8
  /// Whether the layer pays for this key (basic: a benefit for the claim
  /// kind and level exists).
  var applicable: Bool

  /// A key the layer does not pay for.
  static let notApplicable = LayerStep(
    deductible: 0, room: 0, openRate: -1, standardDeductible: 0, repeatDeductible: 0, yearlyDeductibleCap: -1, firstSegment: 0,
    repeatFrom: .max, capTerms: 0, segmentCount: 0, capCount: 0, applicable: false)

  /// 起付线 — the deductible of a claim counting as admission `admission`
  /// when `paidBefore` of the basic deductible was paid this year: from the
  /// repeat admission on, the repeat deductible; at most what the yearly
  /// deductible cap leaves.
  @inline(__always)
  func deductible(admission: Int, paidBefore: Int64) -> Int64 {
    let d = admission >= Int(repeatFrom) ? repeatDeductible : standardDeductible
    return yearlyDeductibleCap >= 0 ? min(d, max(yearlyDeductibleCap &- paidBefore, 0)) : d
  }
}

extension LayerStep {
  /// The steps of every schedule layer of `layers` (whose ``CompiledLayer/stepOffset``,
  /// ``CompiledLayer/stepStride`` are set here): for each of a layer's
  /// parameter groups, one step per claim key (basic) or per claim kind.
  ///
  /// - Throws: for a negative deductible, or when an index does not fit the
  ///   step's 32-bit fields (a table far beyond any region's).
  static func resolve(
    _ layers: inout [CompiledLayer], parameters: [LayerParameters], caps: [CompiledCaps], segments: [CompiledSegment],
    levels: Int
  ) throws(SettlementError) -> [LayerStep] {
    var steps: [LayerStep] = []
    for li in layers.indices {
      let L = layers[li]
      layers[li].stepOffset = steps.count
      guard L.kind != .outOfPocketCeiling, L.kind != .topUp else { continue }  // no parameters
      let end = li + 1 < layers.count ? layers[li + 1].parameterOffset : parameters.count
      let groups = (end - L.parameterOffset) / L.groupStride
      let isBasic = L.kind == .basic
      let keys = isBasic ? levels * ClaimKey.perLevel : 4
      layers[li].stepStride = keys
      for g in 0..<groups {
        for key in 0..<keys {
          let (kind, place, choice, level) = ClaimKey.parts(of: key)
          guard kind < ClaimKind.allCases.count else { steps.append(.notApplicable); continue }
          let cell = isBasic ? (kind * levels + level) * Place.allCases.count + place : 0
          let index = L.parameterOffset + g * L.groupStride + cell
          let P = parameters[index]
          guard P.applicable else { steps.append(.notApplicable); continue }
          // A schedule starts at its deductible; a claim with fresh
          // accumulators then has S(0) = 0 (a decoded table cannot have a
          // negative amount; one built in code is refused here).
          guard P.deductible >= 0, P.repeatDeductible >= 0 else {
            throw SettlementError(.amountOutOfRange, at: "layers[\(li)]", expected: "deductibles of 0 or more",
              found: "\(Money(fen: min(P.deductible, P.repeatDeductible)))")
          }
          let first = P.firstSegment + (isBasic ? choice : 0)
          let open = P.segmentCount == 1 && segments[first].upper == .max
          // Basic, assistance and tilt settle as one open segment (`OneOpenSegment`): their schedules are built so.
          guard open || L.kind == .majorIllness else {
            throw SettlementError(.invariantViolation, at: "layers[\(li)]", expected: "one open segment for a \(L.kind) layer")
          }
          guard let first32 = Int32(exactly: first), let count = Int16(exactly: P.segmentCount),
            let capTerms = Int32(exactly: P.caps * 9 + kind * 3),
            let repeatFrom = P.repeatFrom == .max ? Int32.max : Int32(exactly: P.repeatFrom)
          else {
            throw SettlementError(.invalidValue, at: "layers[\(li)]", expected: "fewer than 2³¹ compiled parameters and segments")
          }
          var step = LayerStep(
            deductible: 0, room: caps[P.caps].freshRoom(kind: kind), openRate: open ? segments[first].rate : -1,
            standardDeductible: P.deductible, repeatDeductible: P.repeatDeductible, yearlyDeductibleCap: P.yearlyDeductibleCap,
            firstSegment: first32, repeatFrom: repeatFrom, capTerms: capTerms,
            segmentCount: count, capCount: Int8(truncatingIfNeeded: caps[P.caps].counts[kind]), applicable: true)  // at most 3
          // The person's first claim of the year: admission 1 when inpatient, nothing paid yet.
          step.deductible = step.deductible(admission: kind == ClaimKind.inpatient.index ? 1 : 0, paidBefore: 0)
          steps.append(step)
        }
      }
    }
    guard Int32(exactly: steps.count) != nil else {
      throw SettlementError(.invalidValue, at: "layers", expected: "fewer than 2³¹ compiled steps")
    }
    return steps
  }
}
