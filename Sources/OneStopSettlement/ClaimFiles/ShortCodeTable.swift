/// A perfect hash table from the short codes of a policy table (hospital
/// levels, identities: at most 8 bytes each by default, at most 16 when
/// built so) to an index, built once per table.
///
/// A code's bytes are packed into two `UInt64` (little-endian, zero past
/// the end); a multiplier is searched at build time so that
/// `((low ^ high × k) × multiplier) >> shift` sends every code to its own
/// slot. A look-up is one or two multiplies, one compare of key and
/// length, and no probing. Longer codes are not held: callers look them up
/// elsewhere.
struct ShortCodeTable: Sendable {
  /// The longest code held.
  let maximumLength: Int

  private var keys: [UInt64] = []
  private var highs: [UInt64] = []
  private var lengths: [UInt8] = []
  private var values: [Int32] = []
  private var multiplier: UInt64 = 1
  private var shift: UInt64 = 63
  /// Mixes the high word into the key.
  private static let mix: UInt64 = 0x9E37_79B9_7F4A_7C15

  /// Builds the table of `codes` (`bytes` at most `maximumLength` long,
  /// at most 16; the first entry of a code wins). Should no multiplier
  /// separate the codes (two 16-byte codes whose mixed keys agree: not met
  /// in practice), the table holds none and every look-up gives `nil`.
  init(_ codes: [(bytes: [UInt8], value: Int)], maximumLength: Int = 8) {
    self.maximumLength = min(maximumLength, 16)
    var entries: [(key: UInt64, high: UInt64, length: UInt8, value: Int32)] = []
    for c in codes where c.bytes.count <= self.maximumLength {
      let (key, high) = (Self.pack(c.bytes.prefix(8)), Self.pack(c.bytes.dropFirst(8)))
      if !entries.contains(where: { $0.key == key && $0.high == high && Int($0.length) == c.bytes.count }) {
        entries.append((key, high, UInt8(c.bytes.count), Int32(truncatingIfNeeded: c.value)))
      }
    }
    var bits: UInt64 = 1
    while (1 << bits) < entries.count * 2 { bits += 1 }
    var seed: UInt64 = 0x2545_F491_4F6C_DD1D
    while bits <= 20 {
      // A few hundred tries per size find a collision-free multiplier for
      // tables of this size; else the table doubles.
      for _ in 0..<512 {
        seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        let m = seed | 1
        let s = 64 - bits
        var used = [Bool](repeating: false, count: 1 << bits)
        var ok = true
        for e in entries {
          let i = Int(truncatingIfNeeded: ((e.key ^ e.high &* Self.mix) &* m) >> s)
          if used[i] { ok = false; break }
          used[i] = true
        }
        if ok {
          multiplier = m
          shift = s
          keys = [UInt64](repeating: 0, count: 1 << bits)
          highs = [UInt64](repeating: 0, count: 1 << bits)
          lengths = [UInt8](repeating: 255, count: 1 << bits)
          values = [Int32](repeating: -1, count: 1 << bits)
          for e in entries {
            let i = Int(truncatingIfNeeded: ((e.key ^ e.high &* Self.mix) &* m) >> s)
            keys[i] = e.key; highs[i] = e.high; lengths[i] = e.length; values[i] = e.value
          }
          return
        }
      }
      bits += 1
    }
    // No multiplier found: an empty table of one slot (length 255 matches no code).
    keys = [0]; highs = [0]; lengths = [255]; values = [-1]
    multiplier = 0
    shift = 63
  }

  /// Little-endian bytes, zero-padded.
  private static func pack(_ bytes: ArraySlice<UInt8>) -> UInt64 {
    var k: UInt64 = 0
    for (i, x) in bytes.enumerated() { k |= UInt64(x) << UInt64(8 * i) }
    return k
  }

  /// The value of the code `b[r]`, or `nil` when it is not held (also for
  /// every code longer than 8 bytes).
  @inline(__always)
  func find(_ r: ByteRange, in b: Span<UInt8>) -> Int? {
    let n = r.count
    guard n <= 8, n <= maximumLength else { return nil }
    let k: UInt64 = b.withUnsafeBufferPointer { p in
      guard n > 0, let base = p.baseAddress else { return 0 }
      // One load when eight bytes are there, the bytes past the code masked off.
      if r.lower &+ 8 <= p.count {
        let w = UnsafeRawPointer(base + r.lower).loadUnaligned(as: UInt64.self)
        return n == 8 ? w : w & ((1 &<< UInt64(n &* 8)) &- 1)
      }
      var k: UInt64 = 0
      var i = 0
      while i < n { k |= UInt64(base[r.lower &+ i]) << UInt64(i &* 8); i &+= 1 }
      return k
    }
    return find(k, 0, n)
  }

  /// The value of the code of `length` bytes packed into `low` (bytes
  /// 0–7) and `high` (bytes 8–15), each zero past the code's end; `nil`
  /// when it is not held.
  @inline(__always)
  func find(_ low: UInt64, _ high: UInt64, _ length: Int) -> Int? {
    let slot = Int(truncatingIfNeeded: ((low ^ high &* Self.mix) &* multiplier) >> shift)
    return keys.withUnsafeBufferPointer { keys in
      highs.withUnsafeBufferPointer { highs in
        lengths.withUnsafeBufferPointer { lengths in
          keys[slot] == low && highs[slot] == high && Int(lengths[slot]) == length ? Int(values[slot]) : nil
        }
      }
    }
  }
}
