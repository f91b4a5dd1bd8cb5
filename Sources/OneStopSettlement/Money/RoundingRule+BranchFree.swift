extension RoundingRule {
  /// ``divide(_:by:)`` without data-dependent branches: the same quotient
  /// for every numerator and rule.
  ///
  /// For loops over amounts whose remainders are random (fee lines of mixed
  /// classes), where the jumps of ``divide(_:by:)`` on the remainder are
  /// mispredicted about every other call. The magnitude is divided (every
  /// rule is symmetric about zero), then the sign put back: `halfUp` adds
  /// half the divisor first, `halfEven` also takes one back from an odd
  /// quotient at an exact tie. The magnitude is at most 2⁶³ and half a
  /// divisor below 2⁶², so nothing overflows and no numerator needs another
  /// path. Only the switch on the rule branches, and it goes the same way
  /// for every call of a loop.
  ///
  /// - Parameters:
  ///   - numerator: the exact amount, scaled by `divisor`.
  ///   - divisor: a positive scale such as ``Rate/scale``.
  @inline(__always)
  func divideBranchFree(_ numerator: Int64, by divisor: Int64) -> Int64 {
    // ±x is (x ^ sign) − sign, sign = 0 or −1.
    let sign = numerator >> 63
    let magnitude = UInt64(bitPattern: (numerator ^ sign) &- sign)
    let d = UInt64(bitPattern: divisor)
    let q: UInt64
    switch self {
    case .towardZero:
      q = magnitude / d
    case .halfUp:
      q = (magnitude &+ d / 2) / d
    case .halfEven:
      let n = magnitude &+ d / 2
      let up = n / d
      // A tie: an even divisor, and the magnitude exactly half way (n a multiple of d).
      let tie = UInt64(truncatingIfNeeded: ((n &- up &* d) | (d & 1)) == 0 ? 1 : 0)
      q = up &- (tie & up)
    }
    return (Int64(bitPattern: q) ^ sign) &- sign
  }
}
