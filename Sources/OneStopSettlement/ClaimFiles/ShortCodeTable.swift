/// A perfect hash table from the short codes of a policy table (hospital
/// levels, identities: at most 8 bytes each) to an index, built once per
/// table.
///
/// A code's bytes are packed into one `UInt64`; a multiplier is searched at
/// build time so that `(key × multiplier) >> shift` sends every code to its
/// own slot. A look-up is one multiply, one compare of key and length, and
/// no probing. Longer codes are not held: callers look them up elsewhere.
struct ShortCodeTable: Sendable {
  /// The longest code held.
  static let maximumLength = 8

  private var keys: [UInt64] = []
  private var lengths: [UInt8] = []
  private var values: [Int32] = []
  private var multiplier: UInt64 = 1
  private var shift: UInt64 = 63

  /// Builds the table of `codes` (`bytes` at most 8 long; the first entry
  /// of a code wins).
  init(_ codes: [(bytes: [UInt8], value: Int)]) {
    var entries: [(key: UInt64, length: UInt8, value: Int32)] = []
    for c in codes where c.bytes.count <= Self.maximumLength {
      let key = Self.pack(c.bytes)
      if !entries.contains(where: { $0.key == key && Int($0.length) == c.bytes.count }) {
        entries.append((key, UInt8(c.bytes.count), Int32(truncatingIfNeeded: c.value)))
      }
    }
    var bits: UInt64 = 1
    while (1 << bits) < entries.count * 2 { bits += 1 }
    var seed: UInt64 = 0x2545_F491_4F6C_DD1D
    while true {
      // A few hundred tries per size find a collision-free multiplier for
      // tables of this size; else the table doubles.
      for _ in 0..<512 {
        seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        let m = seed | 1
        let s = 64 - bits
        var used = [Bool](repeating: false, count: 1 << bits)
        var ok = true
        for e in entries {
          let i = Int(truncatingIfNeeded: (e.key &* m) >> s)
          if used[i] { ok = false; break }
          used[i] = true
        }
        if ok {
          multiplier = m
          shift = s
          keys = [UInt64](repeating: 0, count: 1 << bits)
          lengths = [UInt8](repeating: 255, count: 1 << bits)
          values = [Int32](repeating: -1, count: 1 << bits)
          for e in entries {
            let i = Int(truncatingIfNeeded: (e.key &* m) >> s)
            keys[i] = e.key; lengths[i] = e.length; values[i] = e.value
          }
          return
        }
      }
      bits += 1
    }
  }

  /// Little-endian bytes, zero-padded.
  private static func pack(_ bytes: [UInt8]) -> UInt64 {
    var k: UInt64 = 0
    for (i, x) in bytes.enumerated() { k |= UInt64(x) << UInt64(8 * i) }
    return k
  }

  /// The value of the code `b[r]`, or `nil` when it is not held (also for
  /// every code longer than ``maximumLength``).
  @inline(__always)
  func find(_ r: ByteRange, in b: Span<UInt8>) -> Int? {
    let n = r.count
    guard n <= Self.maximumLength else { return nil }
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
    let slot = Int(truncatingIfNeeded: (k &* multiplier) >> shift)
    return keys.withUnsafeBufferPointer { keys in
      lengths.withUnsafeBufferPointer { lengths in
        keys[slot] == k && Int(lengths[slot]) == n ? Int(values[slot]) : nil
      }
    }
  }
}
