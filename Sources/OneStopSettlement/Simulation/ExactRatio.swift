/// Exact shares and averages of integer totals, rounded once.
enum ExactRatio {
  /// `numerator ÷ denominator` as a ``Rate`` (millionths, half up); zero
  /// when the denominator is zero. Full-width arithmetic: no overflow.
  static func rate(_ numerator: Int64, _ denominator: Int64) -> Rate {
    guard denominator > 0 else { return .zero }
    return Rate(micros: divide(numerator, times: Rate.scale, by: denominator))
  }

  /// `round(a × b ÷ c)` half away from zero, for `c > 0`, in 128 bits.
  static func divide(_ a: Int64, times b: Int64, by c: Int64) -> Int64 {
    let negative = (a < 0) != (b < 0)
    let product = a.magnitude.multipliedFullWidth(by: b.magnitude)
    let divisor = c.magnitude
    guard product.high < divisor else { return negative ? .min : .max }
    let (q, r) = divisor.dividingFullWidth(product)
    var m = q
    if r >= divisor - r { m += 1 }  // r ≥ c/2: round half up
    let v = Int64(clamping: m)
    return negative ? -v : v
  }

  /// The mean of a total over a count, in fen, half up.
  static func mean(_ total: Int64, _ count: Int) -> Int64 {
    count > 0 ? divide(total, times: 1, by: Int64(count)) : 0
  }
}

/// Sums that report overflow instead of wrapping.
struct CheckedSum: Sendable {
  private(set) var value: Int64 = 0
  private(set) var overflowed = false

  @inline(__always)
  mutating func add(_ x: Int64) {
    let (s, o) = value.addingReportingOverflow(x)
    if o { overflowed = true } else { value = s }
  }
}
