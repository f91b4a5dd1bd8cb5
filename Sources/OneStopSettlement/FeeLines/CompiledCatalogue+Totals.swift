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
    return visit.storage.packed.withUnsafeBufferPointer { lines -> LineParts? in
      var sum = LineParts.zero
      var over = ExactFen.zero
      var payFirst = ExactFen.zero
      // Lines in groups of 16: first every look-up of the group (their
      // cache misses overlap), then every split.
      var start = 0
      while start < lines.count {
        let end = min(start &+ 16, lines.count)
        // 目录查找 — the catalogue look-up by item code.
        var found = InlineArray<16, UnsafePointer<ItemSlot>?>(repeating: nil)
        for i in start..<end { found[i &- start] = table.slot(of: lines[i].itemCode) }
        for i in start..<end {
          let line = lines[i]
          let outcome: LineOutcome
          // The usual line (a listed code, no attributes of its own) is split right here.
          if line.overrides < 0, let slot = found[i &- start] {
            do throws(LineFault) {
              outcome = try slot.pointee.rule.split(line, presplit: nil, rounding: rounding, tolerance: tolerance, exact: exact)
            } catch {
              return nil
            }
          } else {
            guard let o = unusualLine(line, of: visit, exact: exact) else { return nil }
            outcome = o
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
        start = end
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

  /// A line stating attributes of its own (or pre-split), or with a code
  /// the catalogue does not list: its rule merged from the line, the entry
  /// and the default, then split. `nil` when it cannot be (an unknown item,
  /// a fault), for the explained path to report.
  @inline(never)
  func unusualLine(_ line: PackedFeeLine, of visit: PreparedFeeLines, exact: Bool) -> LineOutcome? {
    let slot = table.slot(of: line.itemCode)
    let stated = line.overrides < 0 ? nil : visit.storage.overrides[Int(line.overrides)]
    let entry = entries[slot.map { Int($0.pointee.index) } ?? entries.count - 1]
    guard let rule = LineRule(line: stated?.attributes ?? ItemAttributes(), entry: entry, classRatios: classRatios) else {
      return nil
    }
    do throws(LineFault) {
      return try rule.split(
        line, presplit: stated?.presplit, rounding: catalogue.rounding, tolerance: catalogue.lineAmountTolerance.fen,
        exact: exact)
    } catch {
      return nil
    }
  }
}

extension LineRule {
  /// Steps 1–4 of the split for a packed line.
  @inline(__always)
  fileprivate func split(
    _ line: PackedFeeLine, presplit: LineParts?, rounding: RoundingRule, tolerance: Int64, exact: Bool
  ) throws(LineFault) -> LineOutcome {
    try Self.checkAmount(
      quantity: line.quantity, unitPrice: line.unitPrice, amount: line.amount.fen, rounding: rounding, tolerance: tolerance)
    return try split(
      quantity: line.quantity, unitPrice: line.unitPrice, amount: line.amount.fen, approvalBit: line.approvalBit,
      presplit: presplit, rounding: rounding, exact: exact)
  }
}
