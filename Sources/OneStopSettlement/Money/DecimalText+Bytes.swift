extension DecimalText {
  /// Parses plain decimal ASCII — digits, optionally a point and at least
  /// one digit (`800`, `7301.03`, `12.500`) — into an integer scaled by
  /// 10^`decimals`, by the rules of ``scaled(_:decimals:)``: decimals beyond
  /// `decimals` must be zeros.
  ///
  /// Where it returns a value, ``scaled(_:decimals:)`` returns the same for
  /// the same text. It returns `nil` for everything else (signs, spaces,
  /// further non-zero decimals, overflow), where callers fall back to
  /// ``scaled(_:decimals:)`` for the error.
  @inline(__always)
  static func scaled(ascii s: UnsafeBufferPointer<UInt8>, decimals: Int) -> Int64? {
    let zero = UInt8(ascii: "0")
    var value: Int64 = 0
    func push(_ d: UInt8) -> Bool {
      let (m, o1) = value.multipliedReportingOverflow(by: 10)
      let (a, o2) = m.addingReportingOverflow(Int64(d))
      value = a
      return !(o1 || o2)
    }
    var i = 0
    while i < s.count, s[i] != UInt8(ascii: ".") {
      let d = s[i] &- zero
      guard d <= 9, push(d) else { return nil }
      i &+= 1
    }
    guard i > 0 else { return nil }
    var places = 0
    if i < s.count {
      let first = i &+ 1
      guard first < s.count else { return nil }
      var last = s.count  // after the last non-zero decimal
      while last > first, s[last &- 1] == zero { last &-= 1 }
      guard s[first...].allSatisfy({ $0 &- zero <= 9 }) else { return nil }
      guard last &- first <= decimals else { return nil }
      for j in first..<last { guard push(s[j] &- zero) else { return nil } }
      places = last &- first
    }
    while places < decimals {
      guard push(0) else { return nil }
      places &+= 1
    }
    return value
  }
}

extension DecimalText {
  /// The most bytes ``put(_:decimals:minimumDecimals:_:_:)`` writes
  /// (sign, 20 digits, point, 19 decimals).
  static let maximumRenderedBytes = 41

  /// Writes a scaled integer at `p` as ``render(_:decimals:minimumDecimals:)``
  /// renders it (`655_000` at 6 decimals, at least 4 → `0.6550`), with
  /// `decimals` in 0…19.
  @inline(__always)
  static func put(_ value: Int64, decimals: Int, minimumDecimals: Int, _ ms: inout MutableSpan<UInt8>, _ p: inout Int) {
    var scale: UInt64 = 1
    for _ in 0..<decimals { scale &*= 10 }
    let magnitude = value.magnitude
    if value < 0 { ms[p] = UInt8(ascii: "-"); p &+= 1 }
    putDigits(magnitude / scale, width: 1, &ms, &p)
    var fraction = magnitude % scale
    var places = decimals
    while places > minimumDecimals, fraction % 10 == 0 { fraction /= 10; places &-= 1 }
    guard places > 0 else { return }
    ms[p] = UInt8(ascii: ".")
    p &+= 1
    putDigits(fraction, width: places, &ms, &p)
  }

  /// Writes `v` in decimal at `p`, zero-padded to at least `width` digits.
  @inline(__always)
  static func putDigits(_ v: UInt64, width: Int, _ ms: inout MutableSpan<UInt8>, _ p: inout Int) {
    var digits = 1
    var t = v
    while t >= 10 { t /= 10; digits &+= 1 }
    let n = max(digits, width)
    var k = p &+ n
    var v = v
    while k > p {
      k &-= 1
      ms[k] = UInt8(ascii: "0") &+ UInt8(v % 10)
      v /= 10
    }
    p &+= n
  }
}
