/// The flat arrays of a compiled table, in memory the engine owns:
/// allocated once when compiling, never mutated, freed with the last copy of
/// the engine. The settlement loop reads records through pointers, field by
/// field, so no record is copied per claim. Every stored index is checked
/// when compiling; a claim's own indices (`level`) by `isValid(_:)`.
final class CompiledTable: @unchecked Sendable {
  /// One record per layer, in table order.
  let layers: UnsafeMutablePointer<CompiledLayer>
  /// Parameters of basic, major-illness, assistance and tilt layers.
  let parameters: UnsafeMutablePointer<LayerParameters>
  /// The parameters of those layers per group and claim key
  /// (``CompiledLayer/stepOffset``).
  let steps: UnsafeMutablePointer<LayerStep>
  /// The ``CompiledCaps/terms`` of every caps entry, nine each, in order.
  let capTerms: UnsafeMutablePointer<CapTerm>
  /// Per layer, its default group then identity index → group (`-1` =
  /// none; ``CompiledLayer/identityGroupOffset``).
  let identityGroups: UnsafeMutablePointer<Int>
  /// The segments of every group's schedule.
  let segments: UnsafeMutablePointer<CompiledSegment>
  /// The number of layers, parameter sets and identity-group entries.
  let layerCount: Int, parameterCount: Int, identityGroupCount: Int

  // Scope of every layer at once, as bit masks over layers (bit `i` = layer `i`).
  /// Layers covering each claim shape: claim kind, place, referral and
  /// designated hospital (index ``PreparedClaim/shape``).
  let shapeLayers: UnsafeMutablePointer<UInt8>
  /// Layers limited to some disease lists, and per list the layers covering it.
  let diseaseScoped: UInt8, diseaseLayers: UnsafeMutablePointer<UInt8>
  /// The table's identities (bit per identity).
  let knownIdentities: UInt64
  /// Identity sets below this bound are resolved in ``identityResolutions``.
  let denseIdentityLimit: UInt64
  /// Per set of the first ``denseIdentityBits`` identities, what it selects in every layer.
  let identityResolutions: UnsafeMutablePointer<IdentityResolution>
  /// The number of identities whose every set is resolved when compiling
  /// (`2^10` resolutions of 44 bytes at most).
  static let denseIdentityBits = 10
  /// All-zero accumulators, read by claims that start a year (or settle
  /// with fresh accumulators) instead of zeroing a ``YearToDate`` per claim.
  let zeroYearToDate: UnsafeMutablePointer<YearToDate>

  init(
    layers: [CompiledLayer], parameters: [LayerParameters], steps: [LayerStep], capTerms: [CapTerm],
    identityGroups: [Int], segments: [CompiledSegment], identityCount: Int
  ) {
    self.layers = Self.copy(layers)
    self.parameters = Self.copy(parameters)
    self.steps = Self.copy(steps)
    self.capTerms = Self.copy(capTerms)
    self.identityGroups = Self.copy(identityGroups)
    self.segments = Self.copy(segments)
    layerCount = layers.count; parameterCount = parameters.count
    identityGroupCount = identityGroups.count

    func mask(_ holds: (CompiledLayer) -> Bool) -> UInt8 {
      layers.indices.reduce(0) { m, i in holds(layers[i]) ? m | 1 << UInt8(i) : m }
    }
    shapeLayers = Self.copy((0..<48).map { shape in
      let (kindPlace, referred, designated) = (shape >> 2, shape & 2 != 0, shape & 1 != 0)
      return mask { L in
        L.kindPlaceMask & (1 << UInt16(kindPlace)) != 0 && (referred || !L.requiresReferral)
          && (designated || !L.requiresDesignatedHospital)
      }
    })
    diseaseScoped = mask { $0.diseaseMask != 0 }
    diseaseLayers = Self.copy((0..<64).map { bit in mask { $0.diseaseMask & (1 << UInt64(bit)) != 0 } })
    knownIdentities = identityCount >= 64 ? .max : (1 << UInt64(identityCount)) - 1
    let dense = 1 << min(identityCount, Self.denseIdentityBits)
    denseIdentityLimit = UInt64(dense)
    let (compiledLayers, groups) = (self.layers, self.identityGroups)
    identityResolutions = Self.copy((0..<dense).map { ids in
      IdentityResolution(identities: UInt64(ids), layers: UnsafeBufferPointer(start: compiledLayers, count: layers.count),
        identityGroups: groups)
    })
    zeroYearToDate = .allocate(capacity: 1)
    zeroYearToDate.initialize(to: YearToDate())
  }

  deinit {
    layers.deallocate(); parameters.deallocate(); steps.deallocate(); capTerms.deallocate()
    identityGroups.deallocate(); segments.deallocate()
    shapeLayers.deallocate(); diseaseLayers.deallocate(); identityResolutions.deallocate()
    zeroYearToDate.deinitialize(count: 1); zeroYearToDate.deallocate()
  }

  /// What the claim's identities select in every layer: an entry of
  /// ``identityResolutions`` (bits of no table identity are ignored), or,
  /// for a set beyond the dense ones, `spare` (uninitialised memory)
  /// holding the set resolved per claim.
  @inline(__always)
  func identityResolution(
    of claim: UnsafePointer<PreparedClaim>, spare: UnsafeMutablePointer<IdentityResolution>
  ) -> UnsafePointer<IdentityResolution> {
    let ids = claim.pointee.identities & knownIdentities
    if ids < denseIdentityLimit { return UnsafePointer(identityResolutions + Int(truncatingIfNeeded: ids)) }
    resolveIdentities(ids, into: spare)
    return UnsafePointer(spare)
  }

  /// A set of identities beyond the dense ones, resolved into `spare`.
  @inline(never)
  func resolveIdentities(_ ids: UInt64, into spare: UnsafeMutablePointer<IdentityResolution>) {
    spare.initialize(to: IdentityResolution(
      identities: ids, layers: UnsafeBufferPointer(start: layers, count: layerCount), identityGroups: identityGroups))
  }

  /// The layers whose scope covers `claim`: its kind and place, referral
  /// and designated hospital where required, an identity (`identity`: its
  /// resolution) or disease list where the layer names some.
  @inline(__always)
  func layersInScope(of claim: UnsafePointer<PreparedClaim>, _ identity: IdentityResolution) -> UInt8 {
    var active = shapeLayers[Int(claim.pointee.shape)] & identity.scope
    if active & diseaseScoped != 0 { active &= ~diseaseScoped | Self.union(diseaseLayers, claim.pointee.diseaseLists) }
    return active
  }

  /// The union of `table[b]` over the set bits `b` of `bits`.
  @inline(__always)
  private static func union(_ table: UnsafeMutablePointer<UInt8>, _ bits: UInt64) -> UInt8 {
    var m: UInt8 = 0
    var rest = bits
    while rest != 0 {
      m |= table[rest.trailingZeroBitCount]
      rest &= rest &- 1
    }
    return m
  }

  private static func copy<T>(_ array: [T]) -> UnsafeMutablePointer<T> {
    let p = UnsafeMutablePointer<T>.allocate(capacity: max(array.count, 1))
    _ = UnsafeMutableBufferPointer(start: p, count: array.count).initialize(from: array)
    return p
  }
}
