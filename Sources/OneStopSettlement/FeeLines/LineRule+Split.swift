extension LineRule {
  /// Step 1 of the split (``Catalogue/split(_:roundingPoint:)``): the line
  /// amount `A` must equal `round(cnt × pric)` within `tolerance` fen.
  ///
  /// - Throws: ``LineFault/amountOverflow`` or ``LineFault/amountMismatch(expected:)``.
  @inline(__always)
  static func checkAmount(
    quantity: Quantity, unitPrice: UnitPrice, amount a: Int64, rounding: RoundingRule, tolerance: Int64
  ) throws(LineFault) {
    if isExactProduct(quantity: quantity, unitPrice: unitPrice, amount: a) { return }
    guard let product = ExactFen.product(quantity, unitPrice) else { throw .amountOverflow }
    let expected = product.rounded(rounding)
    guard (expected &- a).magnitude <= tolerance.magnitude else { throw .amountMismatch(expected: expected) }
  }

  /// Whether `a` is exactly `cnt × pric` (most lines are): then
  /// `round(cnt × pric) == A` under every rule and tolerance, and step 1
  /// passes. One multiply and compare, in 10⁻⁸ fen.
  @inline(__always)
  static func isExactProduct(quantity: Quantity, unitPrice: UnitPrice, amount a: Int64) -> Bool {
    let (product8, o1) = quantity.tenThousandths.multipliedReportingOverflow(by: unitPrice.microYuan)
    let (amount8, o2) = a.multipliedReportingOverflow(by: 100_000_000)
    return !(o1 || o2) && product8 == amount8
  }

  /// Steps 2–4 of the split: one line of amount `a` (fen) four ways by this rule.
  ///
  /// 2. A line already split (`presplit`) keeps its parts.
  /// 3. Class 丙, a restricted item without approval, or approval 2:
  ///    wholly `fulamt_ownpay_amt`.
  /// 4. Otherwise `overlmt = cnt × (pric − cap)` when the price is above its
  ///    cap (at most `a`), `preselfpay = (a − overlmt) × ratio`, the rest in
  ///    scope — each rounded to the fen by `rounding`.
  ///
  /// - Parameter approvalBit: the line's approval flag, as ``bit(of:)``.
  /// - Parameter exact: whether to compute the exact (unrounded) pay-first
  ///   part too, which only totals rounded once (``RoundingPoint/onTotals``) need.
  /// - Throws: ``LineFault/capOverflow``, ``LineFault/ratioOverflow``.
  @inline(__always)
  func split(
    quantity q: Quantity, unitPrice p: UnitPrice, amount a: Int64, approvalBit: UInt8, presplit: LineParts?,
    rounding: RoundingRule, exact wantsExact: Bool
  ) throws(LineFault) -> LineOutcome {
    if let given = presplit {
      return LineOutcome(parts: given, exact: ExactParts(
        fullyOwnPay: given.fullyOwnPay, overLimit: ExactFen(fen: given.overLimit), payFirst: ExactFen(fen: given.payFirst)))
    }
    // Step 3 or 4, chosen without a jump (about one line in ten is
    // self-paid, at random): step 4's parts are computed for every line
    // with the amount masked to 0 for a self-paid one, whose faults they
    // cannot raise. keep = −1 (all bits) for step 4, 0 for a self-paid
    // line: arithmetic, so the compiler cannot turn it back into a jump.
    let keep = (Int64(selfPaidBy & approvalBit) &- 1) >> 63
    // Few lines are priced above a cap (`capMicroYuan` is `Int64.max` when
    // there is none): the rest pass with one compare.
    if _slowPath(p.microYuan > capMicroYuan) && keep != 0 {
      return try splitAboveCap(quantity: q, unitPrice: p, amount: a, rounding: rounding, exact: wantsExact)
    }
    return try split(amount: a, keep: keep, over: .none, rounding: rounding, exact: wantsExact)
  }

  /// Step 4 for a line priced above its cap: `overlmt = cnt × (pric − cap)`
  /// (at most `a`), then the rest as for any line. Out of line: few lines
  /// are above their cap.
  ///
  /// - Throws: ``LineFault/capOverflow``, ``LineFault/ratioOverflow``.
  @inline(never)
  func splitAboveCap(
    quantity q: Quantity, unitPrice p: UnitPrice, amount a: Int64, rounding: RoundingRule, exact: Bool
  ) throws(LineFault) -> LineOutcome {
    guard let o = ExactFen.product(q, UnitPrice(microYuan: p.microYuan &- capMicroYuan)) else { throw .capOverflow }
    let whole = ExactFen(fen: a)
    let over = a >= 0 ? min(o, whole) : max(o, whole)
    return try split(
      amount: a, keep: -1, over: OverCap(exact: over, fen: over.rounded(rounding), applies: true), rounding: rounding,
      exact: exact)
  }

  /// Steps 3–4 once the over-cap part is known: 全自费 `a` when `keep` is 0
  /// (self-paid), else `preselfpay = (a − overlmt) × ratio` and the rest in
  /// scope.
  @inline(__always)
  private func split(
    amount a: Int64, keep: Int64, over: OverCap, rounding: RoundingRule, exact wantsExact: Bool
  ) throws(LineFault) -> LineOutcome {
    let allowed = (a &- over.fen) & keep
    let pre = try payFirstRatio.payFirst(of: allowed, rounding: rounding)
    var exact = ExactParts(fullyOwnPay: a & ~keep, overLimit: over.exact, payFirst: .zero)
    if wantsExact && keep != 0 {
      guard let allowedExact = ExactFen(fen: a).subtracting(over.exact),
        let preExact = allowedExact.multiplied(by: payFirstRatio)
      else { throw .ratioOverflow }
      exact.payFirst = preExact
    }
    let parts = LineParts(fullyOwnPay: a & ~keep, overLimit: over.fen, payFirst: pre, inPolicy: allowed &- pre)
    return LineOutcome(parts: parts, exact: exact, overCap: over.applies)
  }
}

/// A line's over-cap part (``LineRule/splitAboveCap(quantity:unitPrice:amount:rounding:exact:)``).
struct OverCap {
  /// Exact.
  var exact: ExactFen
  /// Rounded to the fen.
  var fen: Int64
  /// Whether the price was above the cap (the part may still round to 0).
  var applies: Bool

  /// No cap applied.
  static let none = OverCap(exact: .zero, fen: 0, applies: false)
}

/// One line split: the parts rounded to the fen, and exact.
struct LineOutcome {
  /// The four parts, fen.
  var parts: LineParts
  /// The parts before rounding (for totals rounded once).
  var exact: ExactParts
  /// Whether the price cap applied (a non-zero over-cap part may round to 0).
  var overCap = false
}

/// The exact (unrounded) parts of a line, for totals rounded once; the
/// in-scope part is what is left.
struct ExactParts {
  /// 全自费, fen (always whole).
  var fullyOwnPay: Int64
  /// 超限价, exact.
  var overLimit: ExactFen
  /// 先行自付, exact.
  var payFirst: ExactFen
}

/// Why a line could not be split. Carries no text: the caller names the
/// line and field (``Catalogue/split(_:roundingPoint:)``) or takes the
/// explained path to do so (``CompiledCatalogue``).
enum LineFault: Error {
  /// `cnt × pric` does not fit 64-bit fen (field `cnt`).
  case amountOverflow
  /// `det_item_fee_sumamt` is not `round(cnt × pric)` (given here) within the tolerance.
  case amountMismatch(expected: Int64)
  /// `cnt × (pric − pric_uplmt_amt)` does not fit (field `pric_uplmt_amt`).
  case capOverflow
  /// The pay-first part does not fit (field `selfpay_prop`).
  case ratioOverflow
}
