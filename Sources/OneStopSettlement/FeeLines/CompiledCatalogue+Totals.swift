extension CompiledCatalogue {
  /// 费用分割合计 — a visit's four-way totals: every line looked up by item
  /// code and split by the rules of ``Catalogue/split(_:roundingPoint:)``.
  ///
  /// Returns exactly `catalogue.split(visit.lines, roundingPoint:).totals`,
  /// to the fen, under either ``RoundingPoint``, refunds included. Per line:
  /// one hash look-up (``ItemCode``), the shared split arithmetic (``LineRule``),
  /// four sums; no strings, dictionaries or allocation.
  ///
  /// When anything is wrong — a line's own checks failed when it was
  /// prepared, an item the catalogue does not know, an amount that is not
  /// `cnt × pric`, totals below zero, a sum out of range — the visit is split
  /// again by ``Catalogue/split(_:roundingPoint:)``, which throws the error
  /// with its JSON path (`feedetail[3].med_list_codg`). Building the error is
  /// the only slow step, and only on bad input.
  ///
  /// - Parameters:
  ///   - visit: the visit's lines, prepared once.
  ///   - roundingPoint: overrides the catalogue's ``Catalogue/roundingPoint``.
  /// - Returns: `fulamt_ownpay_amt`, `overlmt_amt`, `preselfpay_amt`,
  ///   `inscp_scp_amt` of the visit, fen.
  /// - Throws: the ``SettlementError`` ``Catalogue/split(_:roundingPoint:)`` throws.
  /// - Complexity: O(lines).
  public func totals(of visit: PreparedFeeLines, roundingPoint: RoundingPoint? = nil) throws(SettlementError) -> LineParts {
    let point = roundingPoint ?? catalogue.roundingPoint
    if visit.isChecked {
      let fast = point == .perLine ? compiledTotals(visit, exact: false) : compiledTotals(visit, exact: true)
      if let totals = fast { return totals }
    }
    return try catalogue.split(visit.lines, roundingPoint: point).totals
  }

  /// The totals by the compiled path, or `nil` when the explained path must
  /// report (or, for sums out of this path's range, compute) them.
  ///
  /// - Parameter exact: round on totals (``RoundingPoint/onTotals``), from
  ///   exact sums; else sum the rounded lines.
  @inline(__always)
  func compiledTotals(_ visit: PreparedFeeLines, exact: Bool) -> LineParts? {
    let rounding = catalogue.rounding
    let tolerance = catalogue.lineAmountTolerance.fen
    let storage = visit.storage
    return storage.packed.withUnsafeBufferPointer { lines -> LineParts? in
      var sum = LineParts.zero
      var over = ExactFen.zero
      var payFirst = ExactFen.zero
      for line in lines {
        // 目录查找 — the catalogue look-up by item code.
        let slot = table.slot(of: line.itemCode)
        var rule: LineRule
        var presplit: LineParts? = nil
        if line.overrides < 0 {
          guard let r = slot?.pointee.rule ?? unlisted else { return nil }
          rule = r
        } else {
          let o = storage.overrides[Int(line.overrides)]
          let entry = entries[slot.map { Int($0.pointee.index) } ?? entries.count - 1]
          guard let r = LineRule(line: o.attributes, entry: entry, classRatios: classRatios) else { return nil }
          rule = r
          presplit = o.presplit
        }
        let outcome: LineOutcome
        do throws(LineFault) {
          try LineRule.checkAmount(
            quantity: line.quantity, unitPrice: line.unitPrice, amount: line.amount.fen, rounding: rounding,
            tolerance: tolerance)
          outcome = try rule.split(
            quantity: line.quantity, unitPrice: line.unitPrice, amount: line.amount.fen, approval: line.approval,
            presplit: presplit, rounding: rounding, exact: exact)
        } catch {
          return nil
        }
        // Unchecked sums: a prepared visit has at most a million lines,
        // each part below 3 × 10¹² fen.
        sum.fullyOwnPay &+= outcome.parts.fullyOwnPay
        sum.overLimit &+= outcome.parts.overLimit
        sum.payFirst &+= outcome.parts.payFirst
        sum.inPolicy &+= outcome.parts.inPolicy
        if exact {
          guard let o = over.adding(outcome.exact.overLimit), let p = payFirst.adding(outcome.exact.payFirst) else {
            return nil
          }
          over = o
          payFirst = p
        }
      }
      var totals = sum
      if exact {
        totals.overLimit = over.rounded(rounding)
        totals.payFirst = payFirst.rounded(rounding)
        totals.inPolicy = sum.sum &- sum.fullyOwnPay &- totals.overLimit &- totals.payFirst
      }
      guard totals.fullyOwnPay >= 0, totals.overLimit >= 0, totals.payFirst >= 0, totals.inPolicy >= 0 else {
        return nil
      }
      return totals
    }
  }
}
