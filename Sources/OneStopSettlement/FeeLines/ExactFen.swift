/// An exact amount of money below the fen: `fen + frac / 10^14` fen, with
/// `0 ≤ frac < 10^14` (the floor representation, so `-0.3` fen is
/// `fen: -1, frac: 0.7 × 10^14`).
///
/// Fee lines produce such amounts: `cnt` (ten-thousandths) × `pric`
/// (micro-yuan) is exact in 10⁻⁸ fen, and that times a ratio (millionths) is
/// exact in 10⁻¹⁴ fen. Every operation is exact or reports overflow; rounding
/// to the fen happens once, by ``rounded(_:)``.
struct ExactFen: Sendable, Hashable, Comparable {
  /// Sub-fen units per fen.
  static let denominator: Int64 = 100_000_000_000_000
  /// Sub-fen units per 10⁻⁸ fen (the unit of `cnt × pric`).
  static let productUnit: Int64 = 1_000_000

  /// The floor of the amount, fen.
  var fen: Int64
  /// The part above the floor, in 10⁻¹⁴ fen.
  var frac: Int64

  /// A whole number of fen.
  init(fen: Int64) { self.fen = fen; frac = 0 }

  init(fen: Int64, frac: Int64) { self.fen = fen; self.frac = frac }

  static let zero = ExactFen(fen: 0)

  /// `quantity × price` (fen), or `nil` when it does not fit.
  @inline(__always)
  static func product(_ q: Quantity, _ p: UnitPrice) -> ExactFen? {
    // cnt × 10⁴ · pric × 10⁶ = yuan × 10¹⁰ = fen × 10⁸.
    let (high, low) = q.tenThousandths.magnitude.multipliedFullWidth(by: p.microYuan.magnitude)
    let unit: UInt64 = 100_000_000
    guard high < unit else { return nil }
    // A product below 2⁶⁴ (every realistic line) divides by the constant
    // with a multiply and shift; only a larger one needs the 128-bit divide.
    let (whole, rest) = high == 0 ? low.quotientAndRemainder(dividingBy: unit) : unit.dividingFullWidth((high, low))
    guard whole <= UInt64(Int64.max) else { return nil }
    let magnitude = ExactFen(fen: Int64(whole), frac: Int64(rest) * productUnit)
    return (q.tenThousandths < 0) != (p.microYuan < 0) ? magnitude.negated : magnitude
  }

  /// `-self`.
  var negated: ExactFen {
    frac == 0 ? ExactFen(fen: 0 &- fen) : ExactFen(fen: -1 &- fen, frac: Self.denominator - frac)
  }

  /// `self + other`, or `nil` on overflow.
  func adding(_ other: ExactFen) -> ExactFen? {
    var (f, o) = fen.addingReportingOverflow(other.fen)
    var r = frac + other.frac
    if r >= Self.denominator {
      r -= Self.denominator
      let (g, o2) = f.addingReportingOverflow(1)
      f = g; o = o || o2
    }
    return o ? nil : ExactFen(fen: f, frac: r)
  }

  /// `self − other`, or `nil` on overflow.
  func subtracting(_ other: ExactFen) -> ExactFen? { adding(other.negated) }

  /// `self × rate`, exact, or `nil` on overflow.
  ///
  /// Exact for amounts in whole 10⁻⁸ fen (`frac` a multiple of
  /// ``productUnit``), which is every amount a fee line produces before a
  /// ratio is applied.
  func multiplied(by rate: Rate) -> ExactFen? {
    let m = rate.micros
    guard m >= 0, frac % Self.productUnit == 0 else { return nil }
    let (p, o) = fen.multipliedReportingOverflow(by: m)  // 10⁻⁶ fen
    if o { return nil }
    var q = p / Rate.scale
    var r = p % Rate.scale
    if r < 0 { r += Rate.scale; q -= 1 }
    var f = r * 100_000_000 + (frac / Self.productUnit) * m  // 10⁻¹⁴ fen, < 2 × 10¹⁴
    if f >= Self.denominator { f -= Self.denominator; q += 1 }
    return ExactFen(fen: q, frac: f)
  }

  /// Rounded to the fen by `rule` (symmetric about zero, as ``RoundingRule`` is).
  func rounded(_ rule: RoundingRule) -> Int64 {
    if frac == 0 { return fen }
    let negative = fen < 0
    // Magnitude as whole + part/denominator.
    let whole = negative ? -1 &- fen : fen
    let part = negative ? Self.denominator - frac : frac
    let twice = part * 2
    var m = whole
    switch rule {
    case .towardZero: break
    case .halfUp: if twice >= Self.denominator { m += 1 }
    case .halfEven:
      if twice > Self.denominator || (twice == Self.denominator && whole & 1 == 1) { m += 1 }
    }
    return negative ? -m : m
  }

  static func < (a: ExactFen, b: ExactFen) -> Bool { (a.fen, a.frac) < (b.fen, b.frac) }
}
