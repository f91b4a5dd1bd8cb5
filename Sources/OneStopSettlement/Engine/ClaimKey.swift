/// The part of a claim that selects its ``LayerStep`` within a parameter
/// group: `((level × 4 + place) × 2 + choice) × 4 + kind`, where `choice`
/// is 0 for a referred or in-county claim, else 1. The claim kind is in the
/// low two bits, so a layer whose parameters do not depend on the cell
/// masks the rest away (``CompiledLayer/keyMask``). The layout is written
/// here only: ``PreparedClaim`` keeps ``inLevel(kind:place:referred:)``,
/// the engine adds the level, the compiler reads the parts back.
enum ClaimKey {
  /// Keys per hospital level.
  static let perLevel = 32

  /// The key of a claim of `kind` at `level` and `place`, with basic
  /// segment `choice`.
  static func of(kind: Int, level: Int, place: Int, choice: Int) -> Int {
    level * perLevel + Int(inLevel(kind: kind, place: place, choice: choice))
  }

  /// The level-free part of the key (below ``perLevel``).
  @inline(__always)
  static func inLevel(kind: Int, place: Int, choice: Int) -> UInt8 {
    UInt8(truncatingIfNeeded: (place &* 2 &+ choice) &* 4 &+ kind)
  }

  /// The level-free part of the key of a claim of `kind` at `place`,
  /// referred or not (the basic segment: referred or in county, or not).
  @inline(__always)
  static func inLevel(kind: ClaimKind, place: Place, referred: Bool) -> UInt8 {
    inLevel(kind: kind.index, place: place.index, choice: referred || place == .inCounty ? 0 : 1)
  }

  /// The key of a claim at `level` whose ``PreparedClaim/keyInLevel`` is
  /// `keyInLevel` (the same as ``of(kind:level:place:choice:)``).
  @inline(__always)
  static func of(level: Int, keyInLevel: UInt8) -> Int {
    level &* perLevel &+ Int(keyInLevel)
  }

  /// The claim kind index, place index, basic segment and level of `key`.
  static func parts(of key: Int) -> (kind: Int, place: Int, choice: Int, level: Int) {
    (key & 3, (key >> 3) & 3, (key >> 2) & 1, key / perLevel)
  }
}
