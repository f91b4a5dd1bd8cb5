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
  /// Yearly caps, referred to by ``LayerParameters/caps``.
  let caps: UnsafeMutablePointer<CompiledCaps>
  /// Per layer, identity index → group (`-1` = the identity selects none).
  let identityGroups: UnsafeMutablePointer<Int>
  /// The segments of every group's schedule.
  let segments: UnsafeMutablePointer<CompiledSegment>
  /// The number of layers, parameter sets and identity-group entries.
  let layerCount: Int, parameterCount: Int, identityGroupCount: Int

  // Scope of every layer at once, as bit masks over layers (bit `i` = layer `i`).
  /// Layers covering each claim kind × place (index `kind × 4 + place`).
  let kindPlaceLayers: UnsafeMutablePointer<UInt8>
  /// Layers limited to some identities, and per identity the layers covering it.
  let identityScoped: UInt8, identityLayers: UnsafeMutablePointer<UInt8>
  /// Layers limited to some disease lists, and per list the layers covering it.
  let diseaseScoped: UInt8, diseaseLayers: UnsafeMutablePointer<UInt8>
  /// Layers requiring a referral, or a designated hospital.
  let referralRequired: UInt8, designatedRequired: UInt8
  /// Layers that pay only the identity groups they name (no default group:
  /// 医疗救助 and 倾斜救助 without a class for everyone), and per identity the
  /// layers with a group for it.
  let groupOnly: UInt8, groupLayers: UnsafeMutablePointer<UInt8>
  /// All-zero accumulators, read by claims that start a year (or settle
  /// with fresh accumulators) instead of zeroing a ``YearToDate`` per claim.
  let zeroYearToDate: UnsafeMutablePointer<YearToDate>

  init(
    layers: [CompiledLayer], parameters: [LayerParameters], caps: [CompiledCaps], identityGroups: [Int], segments: [CompiledSegment]
  ) {
    self.layers = Self.copy(layers)
    self.parameters = Self.copy(parameters)
    self.caps = Self.copy(caps)
    self.identityGroups = Self.copy(identityGroups)
    self.segments = Self.copy(segments)
    layerCount = layers.count; parameterCount = parameters.count
    identityGroupCount = identityGroups.count

    func mask(_ holds: (CompiledLayer) -> Bool) -> UInt8 {
      layers.indices.reduce(0) { m, i in holds(layers[i]) ? m | 1 << UInt8(i) : m }
    }
    kindPlaceLayers = Self.copy((0..<12).map { bit in mask { $0.kindPlaceMask & (1 << UInt16(bit)) != 0 } })
    identityScoped = mask { $0.identityMask != 0 }
    identityLayers = Self.copy((0..<64).map { bit in mask { $0.identityMask & (1 << UInt64(bit)) != 0 } })
    diseaseScoped = mask { $0.diseaseMask != 0 }
    groupOnly = mask { $0.defaultGroup < 0 }
    groupLayers = Self.copy((0..<64).map { bit in mask { $0.groupMask & (1 << UInt64(bit)) != 0 } })
    diseaseLayers = Self.copy((0..<64).map { bit in mask { $0.diseaseMask & (1 << UInt64(bit)) != 0 } })
    referralRequired = mask { $0.requiresReferral }
    designatedRequired = mask { $0.requiresDesignatedHospital }
    zeroYearToDate = .allocate(capacity: 1)
    zeroYearToDate.initialize(to: YearToDate())
  }

  deinit {
    layers.deallocate(); parameters.deallocate(); caps.deallocate(); identityGroups.deallocate(); segments.deallocate()
    kindPlaceLayers.deallocate(); identityLayers.deallocate(); diseaseLayers.deallocate(); groupLayers.deallocate()
    zeroYearToDate.deinitialize(count: 1); zeroYearToDate.deallocate()
  }

  /// The layers whose scope covers `claim`: its kind and place, an identity
  /// or disease list where the layer names some, referral and designated
  /// hospital where required.
  @inline(__always)
  func layersInScope(of claim: UnsafePointer<PreparedClaim>) -> UInt8 {
    var active = kindPlaceLayers[claim.pointee.kind.index &* 4 &+ claim.pointee.place.index]
    // Masks, not jumps: referral and hospital vary from claim to claim.
    active &= ~referralRequired | (0 &- UInt8(claim.pointee.referred ? 1 : 0))
    active &= ~designatedRequired | (0 &- UInt8(claim.pointee.designatedHospital ? 1 : 0))
    if active & identityScoped != 0 { active &= ~identityScoped | Self.union(identityLayers, claim.pointee.identities) }
    if active & diseaseScoped != 0 { active &= ~diseaseScoped | Self.union(diseaseLayers, claim.pointee.diseaseLists) }
    return active
  }

  /// `inScope` (``layersInScope(of:)``) without the layers that would pay
  /// `claim` nothing because its person holds none of the identities they
  /// have a group for (``groupOnly``): a settlement that reports nothing for
  /// layers that do not apply need not visit them.
  @inline(__always)
  func layersPaying(_ claim: UnsafePointer<PreparedClaim>, inScope: UInt8) -> UInt8 {
    guard inScope & groupOnly != 0 else { return inScope }
    return inScope & (~groupOnly | Self.union(groupLayers, claim.pointee.identities))
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
