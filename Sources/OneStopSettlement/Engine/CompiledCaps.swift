/// Up to three yearly caps of one layer or class, each shared by a set of
/// claim kinds (bit `k` = ``ClaimKind`` index `k`). Held as plain fields, so
/// ``room(kind:paid:)`` is one step per cap in use.
struct CompiledCaps: Sendable {
  /// Maximum number of caps.
  static let capacity = 3
  /// Number of caps in use.
  var count: Int = 0
  /// Cap amounts, fen.
  var amount0: Int64 = 0, amount1: Int64 = 0, amount2: Int64 = 0
  /// Claim kinds sharing each cap (`0`: cap not in use).
  var kinds0: UInt8 = 0, kinds1: UInt8 = 0, kinds2: UInt8 = 0
  /// The room per claim kind before anything is paid in the year
  /// (``freshRoom(kind:)``), computed once.
  var fresh = InlineArray<3, Int64>(repeating: .max)

  init() {}

  init(_ caps: [AnnualCap]) {
    for cap in caps.prefix(Self.capacity) {
      let amount = cap.amount.value.fen, kinds = ClaimKind.mask(cap.claimKinds)
      switch count {
      case 0: amount0 = amount; kinds0 = kinds
      case 1: amount1 = amount; kinds1 = kinds
      default: amount2 = amount; kinds2 = kinds
      }
      count += 1
    }
    for kind in 0..<3 { fresh[kind] = room(kind: kind, paid: (0, 0, 0)) }
  }

  /// Room for a claim of `kind` when nothing has been paid this year
  /// (the smallest cap covering the kind; `Int64.max` when none does).
  @_transparent
  func freshRoom(kind: Int) -> Int64 {
    fresh[unchecked: kind]  // one load, no branch on the (random) claim kind
  }

  /// Room left for a claim of `kind` given this year's payments per kind
  /// (inpatient, outpatient chronic, general outpatient)
  /// (`Int64.max` when no cap applies). Transparent: always inlined into
  /// the settlement loop, which is otherwise too large for the inliner.
  @_transparent
  func room(kind: Int, paid: (Int64, Int64, Int64)) -> Int64 {
    if count == 0 { return .max }
    let bit = UInt8(truncatingIfNeeded: 1 &<< kind)  // kind < 3
    var room = Self.left(amount0, kinds0, bit, paid)
    if count > 1 { room = min(room, Self.left(amount1, kinds1, bit, paid)) }
    if count > 2 { room = min(room, Self.left(amount2, kinds2, bit, paid)) }
    return room < 0 ? 0 : room
  }

  /// What is left of one cap shared by `kinds` (`Int64.max` if it does not cover `bit`).
  @_transparent
  static func left(_ amount: Int64, _ kinds: UInt8, _ bit: UInt8, _ paid: (Int64, Int64, Int64)) -> Int64 {
    // Branch-free: each kind's payments count when the cap is shared with it.
    let used = (paid.0 & -Int64(kinds & 1)) &+ (paid.1 & -Int64((kinds >> 1) & 1)) &+ (paid.2 & -Int64((kinds >> 2) & 1))
    let covers = 0 &- Int64(truncatingIfNeeded: (kinds & bit) != 0 ? 1 : 0)  // all ones when the cap covers the kind
    return ((amount &- used) & covers) | (Int64.max & ~covers)
  }
}
