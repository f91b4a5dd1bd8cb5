/// 编码索引 — a catalogue's items by code, in a collision-free table built
/// once (hash and displace): every listed code has a slot of its own, found
/// with one hash, one small displacement read and one slot read — no probe
/// loop, so a look-up has no data-dependent jumps.
///
/// A code's hash (``ItemCode/mixedHash``, kept with a prepared line),
/// times the table's odd multiplier, picks a bucket of about four codes
/// and a start `h`; its slot is `(h xor d) mod capacity`, where `d` is the
/// bucket's displacement, chosen when building so that no two codes share
/// a slot (two codes of one bucket with the same start cannot be spread:
/// the next seed's multiplier gives them other starts). Each slot holds
/// the code, the item's ``LineRule`` and its dense index in one 64-byte,
/// 64-byte-aligned record, so a hit reads one cache line of it. A code not
/// listed lands on some slot whose code differs: the look-up compares the
/// whole code, so it never mistakes one code for another.
///
/// Built once, never mutated, in memory the table owns. At most half the
/// slots are used.
final class ItemCodeTable: @unchecked Sendable {
  /// `capacity` slots; an empty slot has index −1.
  private let slots: UnsafeMutablePointer<ItemSlot>
  /// One displacement per bucket.
  private let displacements: UnsafeMutablePointer<UInt32>
  /// The number of slots, a power of two at least twice the items.
  let capacity: Int
  /// The number of buckets, a power of two.
  let bucketCount: Int
  /// The hash seed that gave a collision-free layout.
  let seed: UInt64
  /// The seed's multiplier (``multiplier(seed:)``).
  let multiplier: UInt64
  /// The number of items.
  let count: Int

  /// A table of `items` (codes distinct); `items[i]` gets index `i`.
  ///
  /// - Throws: ``BuildFailure/duplicate(index:)`` when two codes are equal.
  init(_ items: [(code: ItemCode, rule: LineRule)]) throws(BuildFailure) {
    var seen = Set<ItemCode>()
    for (i, item) in items.enumerated() where !seen.insert(item.code).inserted { throw .duplicate(index: i) }
    let codes = items.map(\.code)
    var capacity = 2
    while capacity < codes.count * 2 { capacity *= 2 }
    var buckets = 1
    while buckets * 4 < codes.count { buckets *= 2 }
    // Seeds are tried in order, so the layout is the same on every run. At
    // half load a try fails only when some bucket's codes cannot be spread,
    // which takes few seeds; the capacity doubles every 16 seeds.
    var seed: UInt64 = 0
    var layout = Self.layout(codes, capacity: capacity, buckets: buckets, seed: seed)
    while layout == nil {
      seed += 1
      guard seed < 128 else { throw .noLayout }
      if seed % 16 == 0 { capacity *= 2 }
      layout = Self.layout(codes, capacity: capacity, buckets: buckets, seed: seed)
    }
    let (slotOf, displacement) = layout ?? ([], [])
    self.capacity = capacity
    bucketCount = buckets
    self.seed = seed
    multiplier = Self.multiplier(seed: seed)
    count = codes.count
    slots = UnsafeMutableRawPointer.allocate(byteCount: capacity * MemoryLayout<ItemSlot>.stride, alignment: 64)
      .bindMemory(to: ItemSlot.self, capacity: capacity)
    let empty = ItemSlot(
      code: .unused, rule: LineRule(itemClass: .classC, payFirstRatio: .zero, priceCap: nil, restricted: false),
      index: -1)
    slots.initialize(repeating: empty, count: capacity)
    for (i, item) in items.enumerated() {
      slots[slotOf[i]] = ItemSlot(code: item.code, rule: item.rule, index: Int32(i))
    }
    displacements = UnsafeMutablePointer<UInt32>.allocate(capacity: buckets)
    displacements.initialize(from: displacement, count: buckets)
  }

  deinit {
    slots.deallocate()
    displacements.deallocate()
  }

  /// Why a table could not be built.
  enum BuildFailure: Error {
    /// `items[index]` repeats an earlier code.
    case duplicate(index: Int)
    /// No seed spread the codes (two codes with the same 64-bit hash).
    case noLayout
  }

  /// Where a code goes: its bucket, and the start `h` its displacement moves it from.
  struct Placement: Equatable {
    var bucket: Int
    var start: UInt64

    /// The slot for displacement `d` in a table of `capacity` slots.
    @inline(__always)
    func slot(_ d: UInt64, capacity: Int) -> Int { Int(truncatingIfNeeded: (start ^ d) & UInt64(capacity &- 1)) }
  }

  /// The placement of `code` in a table of `buckets` buckets under `seed`.
  static func placement(_ code: ItemCode, buckets: Int, seed: UInt64) -> Placement {
    placement(hash: code.mixedHash, buckets: buckets, multiplier: multiplier(seed: seed))
  }

  /// The placement of a code of hash `hash` (``ItemCode/mixedHash``).
  @inline(__always)
  static func placement(hash: UInt64, buckets: Int, multiplier: UInt64) -> Placement {
    // An odd multiplier is a bijection, so distinct hashes stay distinct
    // under every seed. The bucket, from the low bits, is the same under
    // every seed (the hash is well mixed already); the start, from bits 32
    // up, depends on every bit of the hash and differs from seed to seed.
    let h = hash &* multiplier
    return Placement(bucket: Int(truncatingIfNeeded: h) & (buckets &- 1), start: h >> 32)
  }

  /// The odd multiplier of seed `seed`: a different one for every seed.
  static func multiplier(seed: UInt64) -> UInt64 { (0x9E37_79B9_7F4A_7C15 &* (seed &* 2 &+ 1)) | 1 }

  /// The placement of `code` in this table.
  func placement(_ code: ItemCode) -> Placement {
    Self.placement(hash: code.mixedHash, buckets: bucketCount, multiplier: multiplier)
  }

  /// Each code's slot and each bucket's displacement, or `nil` when some
  /// bucket's codes cannot be spread without a collision under `seed`.
  static func layout(
    _ codes: [ItemCode], capacity: Int, buckets: Int, seed: UInt64
  ) -> (slots: [Int], displacements: [UInt32])? {
    let placements = codes.map { placement($0, buckets: buckets, seed: seed) }
    var members = [[Int]](repeating: [], count: buckets)
    for (i, p) in placements.enumerated() { members[p.bucket].append(i) }
    // Largest buckets first, while the table is emptiest.
    let order = (0..<buckets).sorted { (members[$0].count, $1) > (members[$1].count, $0) }
    var used = [Bool](repeating: false, count: capacity)
    var slotOf = [Int](repeating: 0, count: codes.count)
    var displacement = [UInt32](repeating: 0, count: buckets)
    for b in order where !members[b].isEmpty {
      let group = members[b]
      var found: UInt64? = nil
      // Each code's slot runs through every slot as `d` does.
      search: for d in 0..<UInt64(capacity) {
        for (j, i) in group.enumerated() {
          let s = placements[i].slot(d, capacity: capacity)
          if used[s] { continue search }
          for k in group[..<j] where placements[k].slot(d, capacity: capacity) == s { continue search }
        }
        found = d
        break
      }
      guard let d = found else { return nil }
      for i in group {
        let s = placements[i].slot(d, capacity: capacity)
        used[s] = true
        slotOf[i] = s
      }
      displacement[b] = UInt32(truncatingIfNeeded: d)
    }
    return (slotOf, displacement)
  }

  /// The slot holding `code`, or `nil` when the table does not list it.
  func slot(of code: ItemCode) -> UnsafePointer<ItemSlot>? {
    let slot = candidate(hash: code.mixedHash)
    return slot.pointee.code.matches(code) ? slot : nil
  }

  /// The slot holding `line`'s code when the line is the usual kind
  /// (``PackedFeeLine/isUsual``), else `nil`: the line's code hash placed,
  /// the whole code compared, one test, no jump.
  @inline(__always)
  func usualSlot(for line: UnsafePointer<PackedFeeLine>) -> UnsafePointer<ItemSlot>? {
    let code = line.pointee.itemCode
    let slot = candidate(hash: line.pointee.codeHash)
    let c = slot.pointee.code
    let differs = (c.w0 ^ code.w0) | (c.w1 ^ code.w1) | (c.w2 ^ code.w2) | (c.w3 ^ code.w3) | UInt64(line.pointee.unusual)
    return differs == 0 ? slot : nil
  }

  /// The one slot a code of hash `hash` can be in (an empty slot's code is
  /// ``ItemCode/unused``, which no code matches).
  @inline(__always)
  private func candidate(hash: UInt64) -> UnsafePointer<ItemSlot> {
    let p = Self.placement(hash: hash, buckets: bucketCount, multiplier: multiplier)
    return UnsafePointer(slots + p.slot(UInt64(displacements[p.bucket]), capacity: capacity))
  }
}

/// One slot of an ``ItemCodeTable``: 64 bytes.
struct ItemSlot {
  /// The item's code.
  var code: ItemCode
  /// The item's rule for lines stating no attributes.
  var rule: LineRule
  /// The item's dense index; −1 = empty slot (whose code is ``ItemCode/unused``).
  var index: Int32
}
