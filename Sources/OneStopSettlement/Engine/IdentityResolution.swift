/// 身份解析 — what one set of held identities selects in every layer of a
/// table: the layers whose identity scope admits it, the layers with a
/// parameter group for it, and which identity picks each layer's group.
///
/// Resolved when compiling for every set of the table's first
/// ``CompiledTable/denseIdentityBits`` identities, so a claim finds its
/// resolution with one indexed load instead of a loop over its identity
/// bits per layer; a set beyond them (tables with more identities) is
/// resolved per claim by the same ``init(identities:layers:identityGroups:)``.
struct IdentityResolution: Sendable {
  /// Layers whose identity scope admits the set (a layer without one
  /// admits everyone), bit per layer.
  var scope: UInt8 = 0
  /// Layers with a parameter group for the set (a default group counts):
  /// the others pay nothing (医疗救助 and 倾斜救助 without a qualifying
  /// identity), bit per layer.
  var paying: UInt8 = 0
  /// Per layer, the identity (in precedence order) whose group the layer
  /// uses, or `-1` for the layer's default group (identities are fewer
  /// than 64, so they fit).
  var selector = InlineArray<8, Int8>(repeating: -1)
  /// Per layer, where the steps of the set's group start in the table's
  /// `steps` (``CompiledLayer/stepOffset`` + group × ``CompiledLayer/stepStride``;
  /// `0` without a group or steps): the claim key picks one of them.
  var step = InlineArray<8, Int32>(repeating: 0)

  init() {}

  /// Resolves `identities` (bit `i`: the table's identity `i`) in `layers`
  /// (at most 8), whose identity → group maps are in `identityGroups`.
  init(identities: UInt64, layers: UnsafeBufferPointer<CompiledLayer>, identityGroups: UnsafePointer<Int>) {
    for (li, L) in layers.prefix(8).enumerated() {
      let bit = UInt8(1) << UInt8(li)
      if L.identityMask == 0 || L.identityMask & identities != 0 { scope |= bit }
      let hit = identities & L.groupMask
      if hit != 0 { selector[li] = Int8(hit.trailingZeroBitCount) }  // < 64
      // The map's first entry is the default group (selector −1).
      let group = identityGroups[L.identityGroupOffset + 1 + Int(selector[li])]
      if group >= 0 {
        paying |= bit
        step[li] = Int32(truncatingIfNeeded: L.stepOffset + group * L.stepStride)  // below the steps' count, checked when compiling
      }
    }
  }

  /// The group layer `L` (index `li`) uses for this set (`-1`: none), and
  /// the identity that selects it (`-1`: the default group): one load
  /// either way, the default group being the map's first entry.
  @inline(__always)
  func group(_ li: Int, _ L: UnsafePointer<CompiledLayer>, _ identityGroups: UnsafePointer<Int>) -> (group: Int, identity: Int) {
    let identity = Int(selector[unchecked: li])
    return (identityGroups[L.pointee.identityGroupOffset &+ 1 &+ identity], identity)
  }
}
