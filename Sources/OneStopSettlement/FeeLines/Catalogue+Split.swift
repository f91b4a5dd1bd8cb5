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
    try Self.checkRefunds(lines, path: path)
    let classRatios = ClassRatios(classes)
    var splits: [FeeLineSplit] = []
    splits.reserveCapacity(lines.count)
    var lineSum = LineParts.zero
    var full: Int64 = 0
    var over = ExactFen.zero
    var payFirst = ExactFen.zero
    for (i, line) in lines.enumerated() {
      let (split, exact) = try self.split(line, at: path(i), classRatios: classRatios)
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

  /// Splits one line (by ``LineRule``, the rules the compiled path shares)
  /// and says why in its memo.
  func split(_ line: FeeLine, at path: String, classRatios: ClassRatios) throws(SettlementError) -> (FeeLineSplit, ExactParts) {
    try line.validate(at: path)
    let a = line.amount.fen
    do throws(LineFault) {
      try LineRule.checkAmount(
        quantity: line.quantity, unitPrice: line.unitPrice, amount: a, rounding: rounding, tolerance: lineAmountTolerance.fen)
    } catch {
      throw self.error(error, line: line, at: path)
    }
    let (rule, chargeType) = try resolve(line, at: path, classRatios: classRatios)
    let outcome: LineOutcome
    do throws(LineFault) {
      outcome = try rule.split(
        quantity: line.quantity, unitPrice: line.unitPrice, amount: a, approvalBit: LineRule.bit(of: line.approval),
        presplit: line.presplit,
        rounding: rounding, exact: true)
    } catch {
      throw self.error(error, line: line, at: path)
    }
    var memo: [String] = [rule.itemClass.chineseName]
    if line.presplit != nil {
      memo.append("中心已分割")
    } else if rule.isSelfPaid(approvalBit: LineRule.bit(of: line.approval)) {
      memo.append(rule.itemClass == .classC ? "全自费" : line.approval == .selfPay ? "审批标志2 全自费" : "限制使用未审批 全自费")
    } else {
      if outcome.overCap, let cap = rule.priceCap { memo.append("超限价 (\(line.unitPrice) − \(cap)) × \(line.quantity)") }
      if rule.payFirstRatio.micros != 0 { memo.append("先行自付 \(PlatformRatio(rule.payFirstRatio))") }
    }
    let split = FeeLineSplit(
      serial: line.serial, originalSerial: line.originalSerial, itemCode: line.itemCode, itemClass: rule.itemClass,
      chargeType: line.chargeType ?? chargeType, quantity: line.quantity, unitPrice: line.unitPrice,
      priceCap: rule.priceCap, payFirstRatio: rule.payFirstRatio, restricted: rule.restricted, parts: outcome.parts,
      memo: memo.joined(separator: "；"))
    return (split, outcome.exact)
  }

  /// The error naming the line's field for a fault of the split rules.
  func error(_ fault: LineFault, line: FeeLine, at path: String) -> SettlementError {
    func at(_ k: FeeLine.CodingKeys) -> String { "\(path).\(k.rawValue)" }
    func overflow(_ k: FeeLine.CodingKeys) -> SettlementError {
      SettlementError(.arithmeticOverflow, at: at(k), expected: "cnt × pric within 64-bit fen")
    }
    switch fault {
    case .amountOverflow: return overflow(.quantity)
    case .capOverflow: return overflow(.priceCap)
    case .ratioOverflow: return overflow(.payFirstRatio)
    case .amountMismatch(let expected):
      return SettlementError(.inconsistentAmounts, at: at(.amount),
        expected: "cnt × pric = \(line.quantity) × \(line.unitPrice) = \(Money(fen: expected))"
          + (lineAmountTolerance.fen == 0 ? "" : " ± \(lineAmountTolerance)"),
        found: line.amount.description)
    }
  }

  /// The line's rule and fee category: its own attributes, else its
  /// catalogue entry's, else the default's.
  func resolve(_ line: FeeLine, at path: String, classRatios: ClassRatios) throws(SettlementError) -> (LineRule, chargeType: String?) {
    var entry = items[line.itemCode]
    if entry == nil && unknownItems == .useDefault { entry = defaultItem }
    guard let rule = LineRule(line: ItemAttributes(line), entry: entry.map(ItemAttributes.init), classRatios: classRatios) else {
      throw SettlementError(.unknownCode, at: "\(path).\(FeeLine.CodingKeys.itemCode.rawValue)",
        expected: "an item code of catalogue \(id) (or a line with chrgitm_lv)", found: line.itemCode)
    }
    return (rule, entry?.chargeType)
  }

  /// Checks serials are unique and every refund names a line it can refund.
  static func checkRefunds(_ lines: [FeeLine], path: (Int) -> String) throws(SettlementError) {
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
