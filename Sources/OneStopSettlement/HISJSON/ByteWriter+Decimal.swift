extension ByteWriter {
  /// Appends bytes `range` of `u` as they are.
  @inline(__always)
  mutating func bytes(_ u: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) {
    withReserved(range.count) { ms, p in
      for i in range { ms[p] = u[i]; p &+= 1 }
    }
  }

  /// Appends a scaled integer as ``DecimalText/render(_:decimals:minimumDecimals:)``
  /// renders it: `655_000` at 6 decimals, at least 4 → `0.6550`.
  mutating func scaled(_ value: Int64, decimals: Int, minimumDecimals: Int) {
    var scale: UInt64 = 1
    for _ in 0..<decimals { scale &*= 10 }
    let magnitude = value.magnitude
    if value < 0 { byte(ByteText.minus) }
    unsigned(magnitude / scale, width: 1)
    var fraction = magnitude % scale
    var places = decimals
    while places > minimumDecimals, fraction % 10 == 0 { fraction /= 10; places -= 1 }
    guard places > 0 else { return }
    byte(ByteText.dot)
    unsigned(fraction, width: places)
  }

  /// Appends `v` in decimal, zero-padded to at least `width` digits.
  mutating func unsigned(_ v: UInt64, width: Int) {
    var digits = 1
    var t = v
    while t >= 10 { t /= 10; digits &+= 1 }
    let n = max(digits, width)
    withReserved(n) { ms, p in
      var k = p &+ n
      var v = v
      while k > p {
        k &-= 1
        ms[k] = ByteText.zero &+ UInt8(v % 10)
        v /= 10
      }
      p &+= n
    }
  }
}
