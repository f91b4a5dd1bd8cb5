extension Catalogue {
  /// Splits a visit's fee lines four ways and totals them.
  ///
  /// Each line, with `A = det_item_fee_sumamt`:
  /// 1. `A` must equal `round(cnt × pric)` within ``lineAmountTolerance``.
  /// 2. A line already split (``FeeLine/presplit``) keeps its parts.
  /// 3. Class 丙, a restricted item without approval, or `hosp_appr_flag` 2:
  ///    `fulamt_ownpay_amt = A`.
  /// 4. Otherwise `overlmt_amt = round(cnt × (pric − pric_uplmt_amt))` when
  ///    the price is above its cap (at most `A`);
  ///    `preselfpay_amt = round((A − overlmt_amt) × selfpay_prop)`;
  ///    `inscp_scp_amt` is the rest.
  ///
  /// Ex.8 (黑龙江, 2020): lines 诊疗 2000 (甲), 甲类 3000, 乙类 5000 at
  /// `selfpay_prop` 0.10 give `preselfpay_amt` 500 and `inscp_scp_amt`
  /// 2000 + 3000 + 4500 = 9500.
  ///
  /// Refund lines (negative `cnt`) split the same way, so a full refund is
  /// the exact negation of its line; each must name an earlier line
  /// (`init_feedetl_sn`) with the same code and price, and the refunds of a
  /// line may not exceed its quantity.
  ///
  /// - Parameters:
  ///   - lines: the visit's lines, refunds included.
  ///   - roundingPoint: overrides the catalogue's ``roundingPoint``.
  /// - Returns: per-line splits and the totals.
  /// - Throws: ``SettlementError`` naming the line and field
  ///   (`feedetail[3].med_list_codg`): `.unknownCode`, `.inconsistentAmounts`,
  ///   `.duplicateDefinition`, `.undefinedReference`, `.arithmeticOverflow`.
  /// - Complexity: O(lines).
  public func split(_ lines: [FeeLine], roundingPoint: RoundingPoint? = nil) throws(SettlementError) -> FeeSplit {
    try split(lines, roundingPoint: roundingPoint, root: "feedetail") { "feedetail[\($0)]" }
  }

  /// ``split(_:roundingPoint:)`` with the JSON path of each line given by `path`.
  func split(
    _ lines: [FeeLine], roundingPoint: RoundingPoint?, root: String, path: (Int) -> String
  ) throws(SettlementError) -> FeeSplit {
    let point = roundingPoint ?? self.roundingPoint
    try checkRefunds(lines, path: path)
    var splits: [FeeLineSplit] = []
    splits.reserveCapacity(lines.count)
    var lineSum = LineParts.zero
    var full: Int64 = 0
    var over = ExactFen.zero
    var payFirst = ExactFen.zero
    for (i, line) in lines.enumerated() {
      let (split, exact) = try self.split(line, at: path(i))
      let (f, fullOverflow) = full.addingReportingOverflow(exact.fullyOwnPay)
      guard !fullOverflow, let s = lineSum.adding(split.parts), let o = over.adding(exact.overLimit),
        let p = payFirst.adding(exact.payFirst)
      else { throw SettlementError(.arithmeticOverflow, at: root, expected: "line totals within 64-bit fen") }
      lineSum = s; full = f; over = o; payFirst = p
      splits.append(split)
    }
    var totals = lineSum
    if point == .onTotals {
      totals.fullyOwnPay = full
      totals.overLimit = over.rounded(rounding)
      totals.payFirst = payFirst.rounded(rounding)
      totals.inPolicy = lineSum.sum &- full &- totals.overLimit &- totals.payFirst
    }
    for (name, v) in [("fulamt_ownpay_amt", totals.fullyOwnPay), ("overlmt_amt", totals.overLimit),
                      ("preselfpay_amt", totals.payFirst), ("inscp_scp_amt", totals.inPolicy)] where v < 0 {
      throw SettlementError(.inconsistentAmounts, at: root,
        expected: "refunds no larger than the lines they refund (total \(name) ≥ 0)", found: Money(fen: v).description)
    }
    return FeeSplit(lines: splits, totals: totals, roundingPoint: point, drift: totals.combined(with: lineSum, -))
  }

  /// The exact (unrounded) parts of one line, for totals rounded once.
  struct ExactParts {
    var fullyOwnPay: Int64
    var overLimit: ExactFen
    var payFirst: ExactFen
  }

  /// Splits one line.
  func split(_ line: FeeLine, at path: String) throws(SettlementError) -> (FeeLineSplit, ExactParts) {
    func at(_ k: FeeLine.CodingKeys) -> String { "\(path).\(k.rawValue)" }
    func overflow(_ k: FeeLine.CodingKeys) -> SettlementError {
      SettlementError(.arithmeticOverflow, at: at(k), expected: "cnt × pric within 64-bit fen")
    }
    try line.validate(at: path)
    let a = line.amount.fen
    guard let exactAmount = ExactFen.product(line.quantity, line.unitPrice) else { throw overflow(.quantity) }
    let expected = exactAmount.rounded(rounding)
    guard (expected &- a).magnitude <= lineAmountTolerance.fen.magnitude else {
      throw SettlementError(.inconsistentAmounts, at: at(.amount),
        expected: "cnt × pric = \(line.quantity) × \(line.unitPrice) = \(Money(fen: expected))"
          + (lineAmountTolerance.fen == 0 ? "" : " ± \(lineAmountTolerance)"),
        found: line.amount.description)
    }
    let rule = try resolve(line, at: path)
    var parts = LineParts.zero
    var exact = ExactParts(fullyOwnPay: 0, overLimit: .zero, payFirst: .zero)
    var memo: [String] = [rule.itemClass.chineseName]
    if let given = line.presplit {
      parts = given
      exact = ExactParts(fullyOwnPay: given.fullyOwnPay, overLimit: ExactFen(fen: given.overLimit), payFirst: ExactFen(fen: given.payFirst))
      memo.append("中心已分割")
    } else if rule.itemClass == .classC || (line.approval ?? .none).selfPaid(restricted: rule.restricted) {
      parts.fullyOwnPay = a
      exact.fullyOwnPay = a
      memo.append(rule.itemClass == .classC ? "全自费" : line.approval == .selfPay ? "审批标志2 全自费" : "限制使用未审批 全自费")
    } else {
      var overExact = ExactFen.zero
      if let cap = rule.priceCap, line.unitPrice > cap {
        guard let o = ExactFen.product(line.quantity, UnitPrice(microYuan: line.unitPrice.microYuan - cap.microYuan)) else {
          throw overflow(.priceCap)
        }
        let whole = ExactFen(fen: a)
        overExact = a >= 0 ? min(o, whole) : max(o, whole)
        memo.append("超限价 (\(line.unitPrice) − \(cap)) × \(line.quantity)")
      }
      parts.overLimit = overExact.rounded(rounding)
      let allowed = a &- parts.overLimit
      guard let pre = rule.payFirstRatio.apply(to: allowed, rounding: rounding),
        let allowedExact = ExactFen(fen: a).subtracting(overExact),
        let preExact = allowedExact.multiplied(by: rule.payFirstRatio)
      else { throw overflow(.payFirstRatio) }
      parts.payFirst = pre
      parts.inPolicy = allowed &- pre
      exact.overLimit = overExact
      exact.payFirst = preExact
      if rule.payFirstRatio.micros != 0 { memo.append("先行自付 \(PlatformRatio(rule.payFirstRatio))") }
    }
    let split = FeeLineSplit(
      serial: line.serial, originalSerial: line.originalSerial, itemCode: line.itemCode, itemClass: rule.itemClass,
      chargeType: line.chargeType ?? rule.chargeType, quantity: line.quantity, unitPrice: line.unitPrice,
      priceCap: rule.priceCap, payFirstRatio: rule.payFirstRatio, restricted: rule.restricted, parts: parts,
      memo: memo.joined(separator: "；"))
    return (split, exact)
  }

  /// The attributes a line is split by.
  struct ResolvedItem {
    var itemClass: ItemClass
    var payFirstRatio: Rate
    var priceCap: UnitPrice?
    var restricted: Bool
    var chargeType: String?
  }

  /// The line's own attributes, else its catalogue entry, else the default.
  func resolve(_ line: FeeLine, at path: String) throws(SettlementError) -> ResolvedItem {
    var entry = items[line.itemCode]
    if entry == nil && unknownItems == .useDefault { entry = defaultItem }
    guard let cls = line.itemClass ?? entry?.itemClass else {
      throw SettlementError(.unknownCode, at: "\(path).\(FeeLine.CodingKeys.itemCode.rawValue)",
        expected: "an item code of catalogue \(id) (or a line with chrgitm_lv)", found: line.itemCode)
    }
    return ResolvedItem(
      itemClass: cls,
      payFirstRatio: line.payFirstRatio ?? entry?.payFirstRatio?.value ?? classes[cls]?.value ?? .zero,
      priceCap: line.priceCap ?? entry?.priceCap?.value,
      restricted: line.restricted ?? entry?.restricted ?? false,
      chargeType: entry?.chargeType)
  }

  /// Checks serials are unique and every refund names a line it can refund.
  func checkRefunds(_ lines: [FeeLine], path: (Int) -> String) throws(SettlementError) {
    var index: [String: Int] = [:]
    var refunded: [String: Int64] = [:]
    for (i, line) in lines.enumerated() {
      func at(_ k: FeeLine.CodingKeys) -> String { "\(path(i)).\(k.rawValue)" }
      if let first = index[line.serial] {
        throw SettlementError(.duplicateDefinition, at: at(.serial), expected: "a serial not used by \(path(first))", found: line.serial)
      }
      index[line.serial] = i
      guard line.quantity.tenThousandths < 0 else { continue }
      guard let sn = line.originalSerial else {
        throw SettlementError(.missingField, at: at(.originalSerial), expected: "the serial of the line this refund (negative cnt) refunds")
      }
      guard let o = index[sn], lines[o].quantity.tenThousandths > 0 else {
        throw SettlementError(.undefinedReference, at: at(.originalSerial), expected: "the serial of an earlier charged line", found: sn)
      }
      let original = lines[o]
      guard original.itemCode == line.itemCode else {
        throw SettlementError(.inconsistentAmounts, at: at(.itemCode), expected: "the code of line \(sn) (\(original.itemCode))", found: line.itemCode)
      }
      guard original.unitPrice == line.unitPrice else {
        throw SettlementError(.inconsistentAmounts, at: at(.unitPrice), expected: "the price of line \(sn) (\(original.unitPrice))", found: line.unitPrice.description)
      }
      let total = refunded[sn, default: 0] &- line.quantity.tenThousandths
      guard total <= original.quantity.tenThousandths else {
        throw SettlementError(.inconsistentAmounts, at: at(.quantity),
          expected: "refunds of line \(sn) totalling at most its quantity \(original.quantity)",
          found: Quantity(tenThousandths: total).description)
      }
      refunded[sn] = total
    }
  }
}
