extension ByteWriter {
  /// Reserves `n` bytes and lets `body` write up to `n` of them through one
  /// pointer, advancing the position it is given.
  @inline(__always)
  mutating func withReservedBytes(_ n: Int, _ body: (UnsafeMutablePointer<UInt8>, inout Int) -> Void) {
    reserve(n)
    var p = count
    storage.withUnsafeMutableBufferPointer { o in body(o.baseAddress.unsafelyUnwrapped, &p) }
    count = p
  }

  /// Reserves `n` bytes and lets `body` write up to `n` of them through one
  /// span, advancing the position it is given.
  @inline(__always)
  mutating func withReserved(_ n: Int, _ body: (inout MutableSpan<UInt8>, inout Int) -> Void) {
    reserve(n)
    var p = count
    do {
      var ms = storage.mutableSpan
      body(&ms, &p)
    }
    count = p
  }

  /// ``putFen(_:_:_:)`` into a span (at most 24 bytes from `p`).
  @inline(__always)
  static func putFen(_ value: Int64, _ ms: inout MutableSpan<UInt8>, _ p: inout Int) {
    ms.withUnsafeMutableBufferPointer { o in putFen(value, o.baseAddress.unsafelyUnwrapped, &p) }
  }

  /// `00` `01` … `99`: two digits per store.
  static let digitPairs: StaticString = """
    00010203040506070809101112131415161718192021222324252627282930313233343536373839\
    40414243444546474849505152535455565758596061626364656667686970717273747576777879\
    8081828384858687888990919293949596979899
    """

  /// 10⁰ … 10¹⁹.
  private static let powersOfTen: [UInt64] = [
    1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000, 10_000_000_000,
    100_000_000_000, 1_000_000_000_000, 10_000_000_000_000, 100_000_000_000_000, 1_000_000_000_000_000,
    10_000_000_000_000_000, 100_000_000_000_000_000, 1_000_000_000_000_000_000, 10_000_000_000_000_000_000,
  ]

  /// Writes one byte at `p`.
  @inline(__always)
  static func put(_ x: UInt8, _ o: UnsafeMutablePointer<UInt8>, _ p: inout Int) {
    o[p] = x
    p &+= 1
  }

  /// Writes bytes at `p`.
  @inline(__always)
  static func put(_ a: [UInt8], _ o: UnsafeMutablePointer<UInt8>, _ p: inout Int) {
    a.withUnsafeBufferPointer { a in (o + p).update(from: a.baseAddress.unsafelyUnwrapped, count: a.count) }
    p &+= a.count
  }

  /// Writes the bytes `b[r]` as they are at `p` (up to 16 bytes past the
  /// text may be stored): up to 16 bytes as one 16-byte copy when 16 lie in
  /// `b` from `r.lower`, 16 to 32 bytes as two overlapping ones, others by
  /// `memcpy`.
  @inline(__always)
  static func put(_ r: ByteRange, _ b: Span<UInt8>, _ o: UnsafeMutablePointer<UInt8>, _ p: inout Int) {
    let n = r.count
    b.withUnsafeBufferPointer { b in
      let s = UnsafeRawPointer(b.baseAddress.unsafelyUnwrapped + r.lower)
      let d = UnsafeMutableRawPointer(o + p)
      if n <= 16, r.lower &+ 16 <= b.count {
        d.storeBytes(of: s.loadUnaligned(as: SIMD16<UInt8>.self), as: SIMD16<UInt8>.self)
      } else if n >= 16, n <= 32 {
        let head = s.loadUnaligned(as: SIMD16<UInt8>.self), tail = s.loadUnaligned(fromByteOffset: n &- 16, as: SIMD16<UInt8>.self)
        d.storeBytes(of: head, as: SIMD16<UInt8>.self)
        d.storeBytes(of: tail, toByteOffset: n &- 16, as: SIMD16<UInt8>.self)
      } else {
        d.copyMemory(from: s, byteCount: n)
      }
    }
    p &+= n
  }

  /// Writes text known at compile time at `p`.
  @inline(__always)
  static func put(_ s: StaticString, _ o: UnsafeMutablePointer<UInt8>, _ p: inout Int) {
    let n = s.utf8CodeUnitCount
    (o + p).update(from: s.utf8Start, count: n)
    p &+= n
  }

  /// The number of decimal digits of `v` (1 for 0).
  @inline(__always)
  static func digitCount(_ v: UInt64) -> Int {
    // ⌊log₁₀ 2^bits⌋ from the bit length, then one compare; `v | 1` has the
    // digits of `v` and is never 0.
    let x = v | 1
    let t = ((64 &- x.leadingZeroBitCount) &* 1233) &>> 12
    return powersOfTen.withUnsafeBufferPointer { x < $0[t] ? t : t &+ 1 }
  }

  /// Writes the `n` digits of `v` ending just before `o + end`, two at a time.
  @inline(__always)
  static func putDigits(_ v: UInt64, ending end: Int, _ o: UnsafeMutablePointer<UInt8>) {
    let pairs = UnsafeRawPointer(digitPairs.utf8Start)
    var v = v
    var k = end
    while v >= 100 {
      let q = v / 100
      let r = Int(truncatingIfNeeded: v &- q &* 100)
      v = q
      k &-= 2
      UnsafeMutableRawPointer(o + k).storeBytes(of: pairs.loadUnaligned(fromByteOffset: r &* 2, as: UInt16.self), as: UInt16.self)
    }
    if v >= 10 {
      k &-= 2
      UnsafeMutableRawPointer(o + k).storeBytes(of: pairs.loadUnaligned(fromByteOffset: Int(v) &* 2, as: UInt16.self), as: UInt16.self)
    } else {
      o[k &- 1] = ByteText.zero &+ UInt8(truncatingIfNeeded: v)
    }
  }

  /// Writes fen as yuan with two decimals at `p` (at most 24 bytes; up to
  /// 11 bytes from `p` may be stored, past the text's end too).
  @inline(__always)
  static func putFen(_ value: Int64, _ o: UnsafeMutablePointer<UInt8>, _ p: inout Int) {
    if value == 0 {  // common for layers that did not apply: "0.00" in one store
      UnsafeMutableRawPointer(o + p).storeBytes(of: 0x3030_2E30 as UInt32, as: UInt32.self)  // '0' '.' '0' '0', little-endian
      p &+= 4
      return
    }
    if value < 0 { o[p] = ByteText.minus; p &+= 1 }
    let v = value.magnitude
    if v < 100_000_000 {
      // The eight digits of the fen at once: six of yuan (leading zeros
      // dropped, one kept), then '.' and the two of fen over the last two.
      let digits = eightDigits(UInt32(truncatingIfNeeded: v))
      let zeros = min(digits.trailingZeroBitCount &>> 3, 5)
      let text = digits | 0x3030_3030_3030_3030
      UnsafeMutableRawPointer(o + p).storeBytes(of: text &>> UInt64(zeros &* 8), as: UInt64.self)
      p &+= 6 &- zeros
      UnsafeMutableRawPointer(o + p).storeBytes(of: UInt32(ByteText.dot) | UInt32(truncatingIfNeeded: text &>> 48) &<< 8, as: UInt32.self)
      p &+= 3
      return
    }
    let yuan = v / 100
    let cents = Int(truncatingIfNeeded: v &- yuan &* 100)
    let n = digitCount(yuan)
    putDigits(yuan, ending: p &+ n, o)
    p &+= n
    o[p] = ByteText.dot
    let pairs = UnsafeRawPointer(digitPairs.utf8Start)
    UnsafeMutableRawPointer(o + (p &+ 1)).storeBytes(of: pairs.loadUnaligned(fromByteOffset: cents &* 2, as: UInt16.self), as: UInt16.self)
    p &+= 3
  }

  /// The eight decimal digits of `v` (`v < 10⁸`, leading zeros included)
  /// as byte values 0–9, the most significant in the lowest byte (so
  /// stored little-endian they read left to right), without a loop or a
  /// division by a variable: the two halves of four digits in 32-bit lanes,
  /// each split into pairs (`× 10486 >> 20` is `/ 100` below 43,699), then
  /// each pair into digits (`× 103 >> 10` is `/ 10` below 179).
  @inline(__always)
  static func eightDigits(_ v: UInt32) -> UInt64 {
    let high = v / 10_000
    var x = UInt64(high) | UInt64(v &- high &* 10_000) &<< 32
    let hundreds = ((x &* 10486) &>> 20) & 0x0000_007F_0000_007F
    x = hundreds | (x &- hundreds &* 100) &<< 16
    let tens = ((x &* 103) &>> 10) & 0x000F_000F_000F_000F
    return tens | (x &- tens &* 10) &<< 8
  }

  /// Writes a decimal integer at `p` (at most 20 bytes).
  @inline(__always)
  static func putInt(_ value: Int, _ o: UnsafeMutablePointer<UInt8>, _ p: inout Int) {
    if value < 0 { o[p] = ByteText.minus; p &+= 1 }
    let v = UInt64(value.magnitude)
    let n = digitCount(v)
    putDigits(v, ending: p &+ n, o)
    p &+= n
  }

  /// Writes `yyyymmdd` as `yyyy-MM-dd` at `p` (10 bytes).
  @inline(__always)
  static func putDate(_ packed: Int32, _ o: UnsafeMutablePointer<UInt8>, _ p: inout Int) {
    let v = UInt32(truncatingIfNeeded: packed)
    let pairs = UnsafeRawPointer(digitPairs.utf8Start)
    @inline(__always) func pair(_ x: UInt32, _ at: Int) {
      UnsafeMutableRawPointer(o + (p &+ at)).storeBytes(
        of: pairs.loadUnaligned(fromByteOffset: Int(x % 100) &* 2, as: UInt16.self), as: UInt16.self)
    }
    pair(v / 1_000_000, 0)
    pair(v / 10_000, 2)
    o[p &+ 4] = ByteText.minus
    pair(v / 100, 5)
    o[p &+ 7] = ByteText.minus
    pair(v, 8)
    p &+= 10
  }

  /// Writes bytes as a CSV field at `p` (at most `2 × count + 2` bytes):
  /// quoted, with `""` for a quote, when they hold `,` `"` or a line break.
  @inline(__always)
  static func putCSV(_ r: ByteRange, _ b: Span<UInt8>, _ o: UnsafeMutablePointer<UInt8>, _ p: inout Int) {
    b.withUnsafeBufferPointer { b in
      let s = b.baseAddress.unsafelyUnwrapped + r.lower
      let n = r.count
      var i = 0
      while i < n {
        let x = s[i]
        if x == 44 || x == 34 || x == 10 || x == 13 { break }
        i &+= 1
      }
      if i == n {
        (o + p).update(from: s, count: n)
        p &+= n
        return
      }
      o[p] = 34; p &+= 1
      i = 0
      while i < n {
        let x = s[i]
        if x == 34 { o[p] = 34; p &+= 1 }
        o[p] = x
        p &+= 1
        i &+= 1
      }
      o[p] = 34; p &+= 1
    }
  }

  /// ``putCSV(_:_:_:_:)`` for ids of up to 16 bytes without `,` `"` or a
  /// line break (the usual ones): two 8-byte loads, a test of both words
  /// for those bytes, two stores; anything else through ``putCSV(_:_:_:_:)``.
  /// Needs room for `max(2 × count + 2, 16)` bytes at `p`.
  @inline(__always)
  static func putCSVId(_ r: ByteRange, _ b: Span<UInt8>, _ o: UnsafeMutablePointer<UInt8>, _ p: inout Int) {
    let n = r.count
    if n <= 16, r.lower &+ 16 <= b.count {
      let done = b.withUnsafeBufferPointer { b -> Bool in
        let s = UnsafeRawPointer(b.baseAddress.unsafelyUnwrapped + r.lower)
        let w0 = s.loadUnaligned(as: UInt64.self), w1 = s.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
        let m0: UInt64 = n >= 8 ? ~0 : (1 &<< UInt64(8 &* n)) &- 1
        let m1: UInt64 = n >= 16 ? ~0 : n <= 8 ? 0 : (1 &<< UInt64(8 &* (n &- 8))) &- 1
        guard (needsQuotes(w0) & m0) | (needsQuotes(w1) & m1) == 0 else { return false }
        let d = UnsafeMutableRawPointer(o + p)
        d.storeBytes(of: w0, as: UInt64.self)
        d.storeBytes(of: w1, toByteOffset: 8, as: UInt64.self)
        return true
      }
      if done { p &+= n; return }
    }
    putCSV(r, b, o, &p)
  }

  /// The high bit of each byte of `w` that is `,` `"` LF or CR is set (and
  /// possibly of bytes after such a byte; never before the first).
  @inline(__always)
  private static func needsQuotes(_ w: UInt64) -> UInt64 {
    @inline(__always) func zero(_ x: UInt64) -> UInt64 { (x &- 0x0101_0101_0101_0101) & ~x & 0x8080_8080_8080_8080 }
    return zero(w ^ 0x2C2C_2C2C_2C2C_2C2C) | zero(w ^ 0x2222_2222_2222_2222) | zero(w ^ 0x0A0A_0A0A_0A0A_0A0A) | zero(w ^ 0x0D0D_0D0D_0D0D_0D0D)
  }

  /// Writes bytes as a JSON string at `p` (at most `6 × count + 2` bytes).
  @inline(__always)
  static func putJSON(_ r: ByteRange, _ b: Span<UInt8>, _ o: UnsafeMutablePointer<UInt8>, _ p: inout Int) {
    b.withUnsafeBufferPointer { b in
      let s = b.baseAddress.unsafelyUnwrapped + r.lower
      o[p] = 34; p &+= 1
      var i = 0
      while i < r.count {
        let x = s[i]
        if x == 34 || x == 92 {
          o[p] = 92; o[p &+ 1] = x; p &+= 2
        } else if x < 0x20 {
          o[p] = 92; o[p &+ 1] = 117; o[p &+ 2] = 48; o[p &+ 3] = 48
          o[p &+ 4] = hexDigit(x >> 4); o[p &+ 5] = hexDigit(x & 15)
          p &+= 6
        } else {
          o[p] = x; p &+= 1
        }
        i &+= 1
      }
      o[p] = 34; p &+= 1
    }
  }

  @inline(__always)
  static func hexDigit(_ x: UInt8) -> UInt8 { x < 10 ? 48 &+ x : 87 &+ x }
}
