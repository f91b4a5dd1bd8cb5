/// Up to three yearly caps (年度最高支付限额) of one layer or class, each
/// shared by a set of claim kinds, resolved per claim kind when compiling so
/// ``room(count:paid:terms:)`` is a few loads, masks and adds per cap in use.
struct CompiledCaps: Sendable {
  /// Maximum number of caps.
  static let capacity = 3
  /// Per claim kind, the number of caps covering it (its terms come first).
  var counts = InlineArray<3, Int>(repeating: 0)
  /// The room per claim kind before anything is paid in the year
  /// (``freshRoom(kind:)``), computed once.
  var fresh = InlineArray<3, Int64>(repeating: .max)

  /// No cap.
  init() {}

  /// `caps` (the first ``capacity``), whose ``terms(_:)`` are `terms`.
  init(_ caps: [AnnualCap], terms: [CapTerm]) {
    for kind in 0..<3 {
      counts[kind] = caps.prefix(Self.capacity).filter { ClaimKind.mask($0.claimKinds) & (1 << UInt8(kind)) != 0 }.count
      let count = counts[kind]
      fresh[kind] = terms.withUnsafeBufferPointer { t in
        t.baseAddress.map { Self.room(count: count, paid: (0, 0, 0), terms: $0 + kind * 3) } ?? .max
      }
    }
  }

  /// Per claim kind, the caps covering it as that kind sees them (index
  /// `kind × 3 + j` for the kind's `j`-th cap; nine in all, the rest
  /// ``CapTerm/uncapped``), so a claim reads only the caps that limit it.
  /// Compiled into the table's `capTerms`, where the settlement loop reads
  /// them through a pointer.
  static func terms(_ caps: [AnnualCap]) -> [CapTerm] {
    var terms = [CapTerm](repeating: .uncapped, count: 9)
    var covering = [0, 0, 0]
    for cap in caps.prefix(Self.capacity) {
      let amount = cap.amount.value.fen, kinds = ClaimKind.mask(cap.claimKinds)
      let share = { (k: Int) -> Int64 in kinds & (1 << UInt8(k)) != 0 ? -1 : 0 }
      for kind in 0..<3 where kinds & (1 << UInt8(kind)) != 0 {
        terms[kind * 3 + covering[kind]] = CapTerm(amount: amount, share0: share(0), share1: share(1), share2: share(2))
        covering[kind] += 1
      }
    }
    return terms
  }

  /// Room for a claim of `kind` when nothing has been paid this year
  /// (the smallest cap covering the kind; `Int64.max` when none does).
  @_transparent
  func freshRoom(kind: Int) -> Int64 {
    fresh[unchecked: kind]  // one load, no branch on the (random) claim kind
  }

  /// Room left for a claim of one kind given this year's payments per kind
  /// (inpatient, outpatient chronic, general outpatient): the smallest of
  /// what each of the `count` caps leaves (`t`: their terms as the claim's
  /// kind sees them, ``LayerStep/capTerms``), at least 0 (`Int64.max` when
  /// no cap applies). Transparent: always inlined into the settlement loop,
  /// which is otherwise too large for the inliner.
  @_transparent
  static func room(count: Int, paid: (Int64, Int64, Int64), terms t: UnsafePointer<CapTerm>) -> Int64 {
    if count == 0 { return .max }
    var room = t[0].left(paid)
    if count > 1 { room = min(room, t[1].left(paid)) }
    if count > 2 { room = min(room, t[2].left(paid)) }
    return room < 0 ? 0 : room
  }
}

/// One yearly cap as a claim of one kind sees it: the cap's amount and,
/// per claim kind, whether that kind's payments count toward it (all ones)
/// or not (zero). A cap that does not cover the claim's kind is
/// ``uncapped``: it leaves `Int64.max`.
struct CapTerm: Sendable {
  /// 封顶线 — the cap, fen (`Int64.max`: does not cover the kind).
  var amount: Int64
  /// Masks of the kinds sharing the cap: inpatient, outpatient chronic, general outpatient.
  var share0: Int64, share1: Int64, share2: Int64

  /// A cap that does not limit the kind.
  static let uncapped = CapTerm(amount: .max, share0: 0, share1: 0, share2: 0)

  /// What the cap leaves given this year's payments per kind (no branch).
  @_transparent
  func left(_ paid: (Int64, Int64, Int64)) -> Int64 {
    amount &- ((paid.0 & share0) &+ (paid.1 & share1) &+ (paid.2 & share2))
  }
}
