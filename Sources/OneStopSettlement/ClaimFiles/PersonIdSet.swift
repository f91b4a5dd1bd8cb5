#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// 人员编号集合 — the person ids of a claims file seen so far, for the file
/// order check (a person's rows must be contiguous).
///
/// Compact and exact: each id is kept once in a byte arena (a length byte,
/// or 255 and four length bytes, then the id), its arena offset in a list
/// by the id's index, and an open-addressing table of 8-byte slots holds a
/// 32-bit hash tag and the id's index. A look-up hashes the id once (a fast
/// non-cryptographic hash, eight bytes at a time), compares tags, and
/// compares the bytes of every id whose tag matches — so two ids that hash
/// alike are told apart exactly and a new person is never taken for one
/// seen before. About 13 bytes plus the id's length per person (load
/// ≤ 0.7), where a hash table of strings needs several times that.
///
/// A slot is chosen by the hash's top bits, so the tag (its top 32 bits)
/// holds the slot's number while the table has at most 2³² slots: doubling
/// it then moves every entry by its tag alone, without reading the arena
/// or hashing again (larger tables rehash from the arena). The tag's other
/// bits tell apart ids whose probes start at the same slot (all but one in
/// 2¹⁰ at 2²² slots), so the arena — a cache miss in a large set — is read
/// almost only for the id itself. A slot holds the index plus one in its
/// low 32 bits: up to 2³² − 2 ids (a set of that many would need some
/// 60 GB before it got there).
struct PersonIdSet: Sendable {
  private var slots: [UInt64]
  /// Entries in `arena[0..<arenaCount]`; the rest is room to grow.
  private var arena: [UInt8] = []
  private var arenaCount = 0
  /// Each id's arena offset, by index (its low 32 bits).
  private var offsets: [UInt32] = []
  /// The indices from which offsets pass each multiple of 2³² (almost always none).
  private var offsetWraps: [Int] = []
  /// The number of ids.
  private(set) var count = 0
  private var mask: Int
  /// `64 − log₂(slots)`: a hash's slot is `hash >> shift`.
  private var shift: UInt64

  /// Doubling moves entries by their tag up to `2^movedByTag` slots (at
  /// most 32, the tag's bits), then rehashes them from the arena.
  private let movedByTag: UInt64

  /// Creates an empty set.
  ///
  /// - Parameter movedByTag: tests lower it to reach the rehash from the
  ///   arena with few ids.
  init(movedByTag: UInt64 = 32) {
    slots = Self.zeroedSlots(1024)
    mask = 1023
    shift = 54
    self.movedByTag = min(movedByTag, 32)
  }

  /// A slot's tag for `hash`: its top 32 bits.
  @inline(__always)
  private static func tag(_ h: UInt64) -> UInt64 { h & ~0xFFFF_FFFF }

  /// The hash of `b[r]` (for ``contains(_:in:hash:)`` and ``insert(_:in:hash:)``).
  @inline(__always)
  static func hash(_ r: ByteRange, in b: Span<UInt8>) -> UInt64 {
    b.withUnsafeBufferPointer { p in hash(p.baseAddress.unsafelyUnwrapped + r.lower, r.count) }
  }

  /// A multiply–xorshift hash of `n` bytes at `p`: ids of up to 16 bytes
  /// by ``hash(low:high:count:)`` of their two words, longer ones eight
  /// bytes at a time.
  @inline(__always)
  static func hash(_ p: UnsafePointer<UInt8>, _ n: Int) -> UInt64 {
    if n <= 16 {
      let (low, high) = CurrentPersonId.words(p, ByteRange(0, n), 0)
      return hash(low: low, high: high, count: n)
    }
    let k: UInt64 = 0x9E37_79B9_7F4A_7C15
    var h = UInt64(truncatingIfNeeded: n) &* k
    let raw = UnsafeRawPointer(p)
    var i = 0
    while i &+ 8 <= n {
      h = (h ^ raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* k
      h ^= h >> 29
      i &+= 8
    }
    if i < n {
      // The last 1–7 bytes, little-endian, in at most three loads.
      var w: UInt64 = 0
      var s: UInt64 = 0
      if n &- i >= 4 { w = UInt64(raw.loadUnaligned(fromByteOffset: i, as: UInt32.self)); s = 32; i &+= 4 }
      if n &- i >= 2 { w |= UInt64(raw.loadUnaligned(fromByteOffset: i, as: UInt16.self)) << s; s &+= 16; i &+= 2 }
      if i < n { w |= UInt64(p[i]) << s }
      h = (h ^ w) &* k
    }
    return finish(h)
  }

  /// The hash of an id of at most 16 bytes from its two words
  /// (``CurrentPersonId/words(_:_:_:)``: little-endian, zero past its end):
  /// two products, then the finaliser.
  @inline(__always)
  static func hash(low: UInt64, high: UInt64, count n: Int) -> UInt64 {
    finish((low &* 0x9E37_79B9_7F4A_7C15) ^ ((high ^ UInt64(truncatingIfNeeded: n)) &* 0xC2B2_AE3D_27D4_EB4F))
  }

  /// Mixes every bit of `h` into the top ones (a slot is chosen by the top bits).
  @inline(__always)
  private static func finish(_ h: UInt64) -> UInt64 {
    var h = h
    h ^= h >> 32
    h &*= 0xD6E8_FEB8_6659_FD93
    h ^= h >> 32
    return h
  }

  /// Whether the id `b[r]` (with `hash`) is in the set, and the slot
  /// ``insert(_:in:hash:slot:)`` takes when it is not.
  @inline(__always)
  func find(_ r: ByteRange, in b: Span<UInt8>, hash h: UInt64) -> (slot: Int, found: Bool) {
    b.withUnsafeBufferPointer { p in find(p.baseAddress.unsafelyUnwrapped + r.lower, r.count, h) }
  }

  /// Loads the slots where the look-ups of the `count` hashes at `hashes`
  /// start, one right after another, and returns them combined (for the
  /// caller to keep, so that the loads stay). Each is a cache miss in a
  /// large table; loaded together they overlap, and the look-ups that
  /// follow find the slots in cache.
  @inline(__always)
  func touch(_ hashes: UnsafePointer<UInt64>, _ count: Int) -> UInt64 {
    slots.withUnsafeBufferPointer { s in
      let base = s.baseAddress.unsafelyUnwrapped
      var sink: UInt64 = 0
      var i = 0
      while i < count {
        sink ^= base[Int(truncatingIfNeeded: hashes[i] &>> shift)]
        i &+= 1
      }
      return sink
    }
  }

  /// Whether the id `b[r]` (with `hash`) is in the set.
  func contains(_ r: ByteRange, in b: Span<UInt8>, hash h: UInt64) -> Bool { find(r, in: b, hash: h).found }

  /// Adds the id `b[r]` (with `hash`), which must not be in the set yet.
  mutating func insert(_ r: ByteRange, in b: Span<UInt8>, hash h: UInt64) {
    insert(r, in: b, hash: h, slot: find(r, in: b, hash: h).slot)
  }

  /// Adds the id `b[r]` (with `hash`), which is not in the set, at the
  /// slot ``find(_:in:hash:)`` gave (the set unchanged since).
  mutating func insert(_ r: ByteRange, in b: Span<UInt8>, hash h: UInt64, slot: Int) {
    b.withUnsafeBufferPointer { p in insert(p.baseAddress.unsafelyUnwrapped + r.lower, r.count, h, slot: slot) }
  }

  /// Calls `body` with each id in insertion order (index from 0) until it
  /// returns `false`.
  func forEach(_ body: (_ index: Int, _ id: UnsafeBufferPointer<UInt8>) throws(SettlementError) -> Bool) throws(SettlementError) {
    try arena.withUnsafeBufferPointer { (a: UnsafeBufferPointer<UInt8>) throws(SettlementError) in
      guard let base = a.baseAddress else { return }
      var o = 0
      var index = 0
      while o < arenaCount {
        let (start, n) = Self.entry(base, o)
        if try !body(index, UnsafeBufferPointer(start: base + start, count: n)) { return }
        o = start &+ n
        index &+= 1
      }
    }
  }

  /// Whether the id of `n` bytes at `p` is in the set.
  func contains(_ p: UnsafePointer<UInt8>, _ n: Int) -> Bool {
    find(p, n, Self.hash(p, n)).found
  }

  /// The slot holding the id, or the empty slot where it would go.
  @inline(__always)
  private func find(_ p: UnsafePointer<UInt8>, _ n: Int, _ h: UInt64) -> (slot: Int, found: Bool) {
    if n <= 16 {
      let (low, high) = CurrentPersonId.words(p, ByteRange(0, n), 0)
      return find(low: low, high: high, count: n, hash: h)
    }
    let tag = Self.tag(h)
    return slots.withUnsafeBufferPointer { s in
      arena.withUnsafeBufferPointer { a in
        var i = Int(truncatingIfNeeded: h &>> shift)
        while true {
          let v = s[i]
          if v == 0 { return (i, false) }
          if v & ~0xFFFF_FFFF == tag {
            let (start, length) = Self.entry(a.baseAddress.unsafelyUnwrapped, offset(ofIndex: Int(truncatingIfNeeded: v & 0xFFFF_FFFF) &- 1))
            if length == n, memcmp(a.baseAddress.unsafelyUnwrapped + start, p, n) == 0 { return (i, true) }
          }
          i = (i &+ 1) & mask
        }
      }
    }
  }

  /// Whether the id of at most 16 bytes with the words `low`, `high`
  /// (``CurrentPersonId/words(_:_:_:)``) and `hash` is in the set, and the
  /// slot ``insert(low:high:count:hash:slot:)`` takes when it is not. The
  /// arena is read only for an entry whose tag matches: two loads (the
  /// arena keeps 16 bytes of room past its last entry), no `memcmp`.
  @inline(__always)
  func find(low: UInt64, high: UInt64, count n: Int, hash h: UInt64) -> (slot: Int, found: Bool) {
    let tag = Self.tag(h)
    return slots.withUnsafeBufferPointer { s in
      var i = Int(truncatingIfNeeded: h &>> shift)
      while true {
        let v = s[i]
        if v == 0 { return (i, false) }
        if v & ~0xFFFF_FFFF == tag, sameShortId(at: offset(ofIndex: Int(truncatingIfNeeded: v & 0xFFFF_FFFF) &- 1), low, high, n) { return (i, true) }
        i = (i &+ 1) & mask
      }
    }
  }

  /// The arena offset of the id of index `i`.
  private func offset(ofIndex i: Int) -> Int {
    var high = 0
    for w in offsetWraps where w <= i { high &+= 1 }
    return offsets.withUnsafeBufferPointer { Int($0[i]) } | high &<< 32
  }

  /// Whether the arena's entry at offset `o` is the id of `n` ≤ 16 bytes with words `low`, `high`.
  private func sameShortId(at o: Int, _ low: UInt64, _ high: UInt64, _ n: Int) -> Bool {
    arena.withUnsafeBufferPointer { a in
      let base = a.baseAddress.unsafelyUnwrapped
      guard base[o] == UInt8(truncatingIfNeeded: n) else { return false }
      let (l, h) = CurrentPersonId.words(base + (o &+ 1), ByteRange(0, n), 16)
      return l == low && h == high
    }
  }

  /// Adds the id of at most 16 bytes with the words `low`, `high` and
  /// `hash`, which is not in the set, at the slot
  /// ``find(low:high:count:hash:)`` gave: its entry stored as a length
  /// byte and the two words (the next entry overwrites what lies past it).
  @inline(__always)
  mutating func insert(low: UInt64, high: UInt64, count n: Int, hash h: UInt64, slot: Int) {
    let offset = arenaCount
    arenaCount = offset &+ 1 &+ n
    if offset &+ 17 > arena.count { growArena(to: offset &+ 17) }
    arena.withUnsafeMutableBufferPointer { a in
      let e = UnsafeMutableRawPointer(a.baseAddress.unsafelyUnwrapped + offset)
      e.storeBytes(of: UInt8(truncatingIfNeeded: n), as: UInt8.self)
      e.storeBytes(of: low, toByteOffset: 1, as: UInt64.self)
      e.storeBytes(of: high, toByteOffset: 9, as: UInt64.self)
    }
    added(hash: h, offset: offset, slot: slot)
  }

  /// Records the entry at arena offset `offset` in `slot`.
  @inline(__always)
  private mutating func added(hash h: UInt64, offset: Int, slot: Int) {
    slots.withUnsafeMutableBufferPointer { $0[slot] = Self.tag(h) | UInt64(count &+ 1) }
    if offset &>> 32 != offsetWraps.count { offsetWraps.append(count) }
    offsets.append(UInt32(truncatingIfNeeded: offset))
    count &+= 1
    if count &* 10 > slots.count &* 7 { grow() }
  }

  private mutating func insert(_ p: UnsafePointer<UInt8>, _ n: Int, _ h: UInt64, slot: Int) {
    if n <= 16 {
      let (low, high) = CurrentPersonId.words(p, ByteRange(0, n), 0)
      insert(low: low, high: high, count: n, hash: h, slot: slot)
      return
    }
    let offset = arenaCount
    let header = n < 255 ? 1 : 5
    arenaCount = offset &+ header &+ n
    // 16 bytes of room past the last entry (short ids are read and written as two words).
    if arenaCount &+ 16 > arena.count { growArena(to: arenaCount &+ 16) }
    arena.withUnsafeMutableBufferPointer { a in
      let e = a.baseAddress.unsafelyUnwrapped + offset
      if n < 255 {
        e[0] = UInt8(truncatingIfNeeded: n)
      } else {
        e[0] = 255
        for k in 0..<4 { e[1 &+ k] = UInt8(truncatingIfNeeded: n >> (8 * k)) }
      }
      (e + header).update(from: p, count: n)
    }
    added(hash: h, offset: offset, slot: slot)
  }

  /// The start and length of the id whose entry is at arena offset `o`.
  @inline(__always)
  private static func entry(_ a: UnsafePointer<UInt8>, _ o: Int) -> (start: Int, length: Int) {
    let n = Int(a[o])
    if n < 255 { return (o &+ 1, n) }
    var length = 0
    for k in 0..<4 { length |= Int(a[o &+ 1 &+ k]) << (8 * k) }
    return (o &+ 5, length)
  }

  /// Makes the arena hold at least `needed` bytes, doubling it.
  private mutating func growArena(to needed: Int) {
    var size = max(arena.count * 2, 1 << 16)
    while size < needed { size *= 2 }
    var bigger = [UInt8](repeating: 0, count: size)
    bigger.withUnsafeMutableBufferPointer { b in
      arena.withUnsafeBufferPointer { a in
        if let from = a.baseAddress { b.baseAddress.unsafelyUnwrapped.update(from: from, count: a.count) }
      }
    }
    arena = bigger
  }

  /// `n` empty slots. A table of 4 MiB or more is first given huge pages
  /// (`madvise(MADV_HUGEPAGE)` before any of it is touched, where the
  /// system offers them): every new person probes a slot at random, and
  /// with 4 KiB pages each probe of a table larger than the TLB covers
  /// would also walk the page tables.
  private static func zeroedSlots(_ n: Int) -> [UInt64] {
    [UInt64](unsafeUninitializedCapacity: n) { buffer, count in
      guard let base = buffer.baseAddress else { count = 0; return }
      #if os(Linux)
      let bytes = n &* MemoryLayout<UInt64>.stride
      if bytes >= 4 << 20 {
        let huge = 2 << 20
        let from = (Int(bitPattern: base) &+ huge &- 1) & ~(huge &- 1)
        let to = (Int(bitPattern: base) &+ bytes) & ~(huge &- 1)
        if to > from { _ = madvise(UnsafeMutableRawPointer(bitPattern: from), to &- from, Int32(MADV_HUGEPAGE)) }
      }
      #endif
      base.initialize(repeating: 0, count: n)
      count = n
    }
  }

  /// Doubles the table: each entry moves to the slot its tag names (up to
  /// 2²⁴ slots), else every id is hashed again from the arena.
  private mutating func grow() {
    let size = slots.count * 2
    var fresh = Self.zeroedSlots(size)
    let m = size - 1
    let newShift = shift &- 1
    defer {
      slots = fresh
      mask = m
      shift = newShift
    }
    if newShift >= 64 &- movedByTag {
      let down = newShift &- 32  // the tag is the hash's top 32 bits: tag >> down = the slot's number
      slots.withUnsafeBufferPointer { old in
        fresh.withUnsafeMutableBufferPointer { f in
          for v in old where v != 0 {
            var i = Int(truncatingIfNeeded: (v &>> 32) &>> down)
            while f[i] != 0 { i = (i &+ 1) & m }
            f[i] = v
          }
        }
      }
      return
    }
    arena.withUnsafeBufferPointer { a in
      guard let base = a.baseAddress else { return }
      var o = 0
      var index = 0
      while o < arenaCount {
        let (start, n) = Self.entry(base, o)
        let h = Self.hash(base + start, n)
        var i = Int(truncatingIfNeeded: h &>> newShift)
        while fresh[i] != 0 { i = (i &+ 1) & m }
        index &+= 1
        fresh[i] = Self.tag(h) | UInt64(index)
        o = start &+ n
      }
    }
  }
}
