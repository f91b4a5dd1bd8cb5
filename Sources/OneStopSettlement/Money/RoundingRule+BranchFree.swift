extension RoundingRule {
  /// ``divide(_:by:)`` without data-dependent branches: the same quotient
  /// for every numerator and rule.
  ///
  /// For loops over amounts whose remainders are random (fee lines of mixed
  /// classes), where the jumps of ``divide(_:by:)`` on the remainder are
  /// mispredicted about every other call. `halfUp` adds half the divisor
  /// away from zero and truncates (one division); `halfEven` decides the
  /// round-up by compares, as does `halfUp` for a numerator within half a
  /// divisor of the 64-bit limit. Only the switch on the rule branches, and
  /// it goes the same way for every call of a loop.
  ///
  /// - Parameters:
  ///   - numerator: the exact amount, scaled by `divisor`.
  ///   - divisor: a positive scale such as ``Rate/scale``.
  @inline(__always)
  func divideBranchFree(_ numerator: Int64, by divisor: Int64) -> Int64 {
    // ±1 away from zero is (x ^ sign) − sign, sign = 0 or −1.
    let sign = numerator >> 63
    switch self {
    case .towardZero:
      return numerator / divisor
    case .halfUp where numerator.magnitude <= UInt64(Int64.max) - divisor.magnitude / 2:
      // Half away from zero: add half the divisor away from zero, truncate.
      return (numerator &+ ((divisor / 2 ^ sign) &- sign)) / divisor
    case .halfUp, .halfEven:
      let q = numerator / divisor
      let twice = (numerator % divisor).magnitude &* 2
      let d = divisor.magnitude
      let up = self == .halfUp ? twice >= d : (twice > d) || (twice == d) && (q & 1 != 0)
      return q &+ ((Int64(up ? 1 : 0) ^ sign) &- sign)
    }
  }
}
