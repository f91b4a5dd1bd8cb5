extension ByteWriter {
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

  /// Writes one byte at `p`.
  @inline(__always)
  static func put(_ x: UInt8, _ ms: inout MutableSpan<UInt8>, _ p: inout Int) {
    ms[p] = x
    p &+= 1
  }

  /// Writes bytes at `p`.
  @inline(__always)
  static func put(_ a: [UInt8], _ ms: inout MutableSpan<UInt8>, _ p: inout Int) {
    var i = 0
    while i < a.count { ms[p &+ i] = a[i]; i &+= 1 }
    p &+= a.count
  }

  /// Writes fen as yuan with two decimals at `p` (at most 24 bytes),
  /// two digits at a time.
  @inline(__always)
  static func putFen(_ value: Int64, _ ms: inout MutableSpan<UInt8>, _ p: inout Int) {
    if value < 0 { ms[p] = ByteText.minus; p &+= 1 }
    var v = value.magnitude
    let cents = Int(v % 100)
    v /= 100
    var digits = 1
    var t: UInt64 = 10
    while v >= t, digits < 20 { digits &+= 1; t = t &* 10 }
    var k = p &+ digits
    p = k
    while v >= 100 {
      let pair = Int(v % 100)
      v /= 100
      k &-= 2
      ms[k] = ByteText.zero &+ UInt8(pair / 10)
      ms[k &+ 1] = ByteText.zero &+ UInt8(pair % 10)
    }
    if v >= 10 {
      k &-= 2
      ms[k] = ByteText.zero &+ UInt8(v / 10)
      ms[k &+ 1] = ByteText.zero &+ UInt8(v % 10)
    } else {
      ms[k &- 1] = ByteText.zero &+ UInt8(v)
    }
    ms[p] = ByteText.dot
    ms[p &+ 1] = ByteText.zero &+ UInt8(cents / 10)
    ms[p &+ 2] = ByteText.zero &+ UInt8(cents % 10)
    p &+= 3
  }

  /// Writes `yyyymmdd` as `yyyy-MM-dd` at `p` (10 bytes).
  @inline(__always)
  static func putDate(_ packed: Int32, _ ms: inout MutableSpan<UInt8>, _ p: inout Int) {
    var v = UInt32(truncatingIfNeeded: packed)
    var k = 9
    while k >= 0 {
      if k == 4 || k == 7 {
        ms[p &+ k] = ByteText.minus
      } else {
        ms[p &+ k] = ByteText.zero &+ UInt8(v % 10)
        v /= 10
      }
      k &-= 1
    }
    p &+= 10
  }

  /// Writes bytes as a CSV field at `p` (at most `2 × count + 2` bytes).
  @inline(__always)
  static func putCSV(_ r: ByteRange, _ b: Span<UInt8>, _ ms: inout MutableSpan<UInt8>, _ p: inout Int) {
    var i = r.lower
    var plain = true
    while i < r.upper {
      let x = b[i]
      if x == 44 || x == 34 || x == 10 || x == 13 { plain = false; break }
      i &+= 1
    }
    if !plain { ms[p] = 34; p &+= 1 }
    i = r.lower
    while i < r.upper {
      let x = b[i]
      if x == 34 { ms[p] = 34; p &+= 1 }
      ms[p] = x
      p &+= 1
      i &+= 1
    }
    if !plain { ms[p] = 34; p &+= 1 }
  }

  /// Writes bytes as a JSON string at `p` (at most `6 × count + 2` bytes).
  @inline(__always)
  static func putJSON(_ r: ByteRange, _ b: Span<UInt8>, _ ms: inout MutableSpan<UInt8>, _ p: inout Int) {
    ms[p] = 34; p &+= 1
    var i = r.lower
    while i < r.upper {
      let x = b[i]
      if x == 34 || x == 92 {
        ms[p] = 92; ms[p &+ 1] = x; p &+= 2
      } else if x < 0x20 {
        ms[p] = 92; ms[p &+ 1] = 117; ms[p &+ 2] = 48; ms[p &+ 3] = 48
        ms[p &+ 4] = hexDigit(x >> 4); ms[p &+ 5] = hexDigit(x & 15)
        p &+= 6
      } else {
        ms[p] = x; p &+= 1
      }
      i &+= 1
    }
    ms[p] = 34; p &+= 1
  }

  @inline(__always)
  static func hexDigit(_ x: UInt8) -> UInt8 { x < 10 ? 48 &+ x : 87 &+ x }
}
