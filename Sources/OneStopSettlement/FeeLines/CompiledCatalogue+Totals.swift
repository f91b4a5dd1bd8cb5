extension CompiledCatalogue {
  /// 费用分割合计 — a visit's four-way totals: every line looked up by item
  /// code and split by the rules of ``Catalogue/split(_:roundingPoint:)``.
  ///
  /// Returns exactly `catalogue.split(visit.lines, roundingPoint:).totals`,
  /// to the fen, under either ``RoundingPoint``, refunds included. Per line:
  /// one look-up by item code (the code's hash, kept with the prepared line,
  /// placed in the table, and the whole code compared), the shared split
  /// arithmetic (``LineRule``), three sums; no strings, dictionaries or
  /// allocation.
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
  func compiledTotals(_ visit: PreparedFeeLines, exact: Bool) -> LineParts? {
    // The rounding rule made a constant of each copy of the loop, so the
    // split has no test of the rule per line.
    if exact { return lineTotals(visit, rounding: catalogue.rounding, exact: true) }
    switch catalogue.rounding {
    case .halfUp: return lineTotals(visit, rounding: .halfUp, exact: false)
    case .halfEven: return lineTotals(visit, rounding: .halfEven, exact: false)
    case .towardZero: return lineTotals(visit, rounding: .towardZero, exact: false)
    }
  }

  /// ``compiledTotals(_:exact:)`` by `rounding`.
  @inline(__always)
  private func lineTotals(_ visit: PreparedFeeLines, rounding: RoundingRule, exact: Bool) -> LineParts? {
    let storage = visit.storage
    return storage.packed.withUnsafeBufferPointer { lines -> LineParts? in
      storage.quantities.withUnsafeBufferPointer { quantities -> LineParts? in
        withUnsafeTemporaryAllocation(of: UnsafePointer<ItemSlot>?.self, capacity: Self.group) { found -> LineParts? in
          guard let first = lines.baseAddress, let quantity = quantities.baseAddress, let found = found.baseAddress else {
            return .zero
          }
          return lineTotals(
            first, quantity, count: lines.count, found: found, of: visit, rounding: rounding, exact: exact)
        }
      }
    }
  }

  /// The totals of `count` packed lines from `first` (quantities from
  /// `quantity`), with room for ``group`` look-ups at `found`.
  @inline(__always)
  private func lineTotals(
    _ first: UnsafePointer<PackedFeeLine>, _ quantity: UnsafePointer<Quantity>, count: Int,
    found: UnsafeMutablePointer<UnsafePointer<ItemSlot>?>, of visit: PreparedFeeLines, rounding: RoundingRule, exact: Bool
  ) -> LineParts? {
    // Unchecked sums: a prepared visit has at most a million lines, each
    // part within ±10¹² fen. In scope is what is left of Σ amounts.
    var full: Int64 = 0, over: Int64 = 0, payFirst: Int64 = 0
    var overExact = ExactFen.zero, payFirstExact = ExactFen.zero
    var start = 0
    while start < count {
      let n = min(count &- start, Self.group)
      let group = first + start
      // 目录查找 — the catalogue look-up by item code, first for every line
      // of the group, so their cache misses overlap.
      for k in 0..<n { found[k] = table.usualSlot(for: group + k) }
      var k = 0
      while k < n {
        let line = group + k
        let outcome: LineOutcome
        // The usual line (a listed code, no attributes of its own, the
        // amount exactly cnt × pric) is split right here by its item's rule.
        if let slot = found[k] {
          do throws(LineFault) {
            outcome = try slot.pointee.rule.split(
              quantity: quantity[start &+ k], unitPrice: line.pointee.unitPrice, amount: line.pointee.amount.fen,
              approvalBit: line.pointee.approvalBit, presplit: nil, rounding: rounding, exact: exact)
          } catch {
            return nil
          }
        } else {
          guard let o = unusualLine(start &+ k, of: visit, exact: exact) else { return nil }
          outcome = o
        }
        full &+= outcome.parts.fullyOwnPay
        over &+= outcome.parts.overLimit
        payFirst &+= outcome.parts.payFirst
        if exact {
          guard let o = overExact.adding(outcome.exact.overLimit), let p = payFirstExact.adding(outcome.exact.payFirst) else {
            return nil
          }
          overExact = o
          payFirstExact = p
        }
        k &+= 1
      }
      start &+= n
    }
    if exact {
      over = overExact.rounded(rounding)
      payFirst = payFirstExact.rounded(rounding)
    }
    let totals = LineParts(
      fullyOwnPay: full, overLimit: over, payFirst: payFirst, inPolicy: visit.storage.amountSum &- full &- over &- payFirst)
    guard totals.fullyOwnPay >= 0, totals.overLimit >= 0, totals.payFirst >= 0, totals.inPolicy >= 0 else {
      return nil
    }
    return totals
  }

  /// Lines looked up together before they are split (a usual visit's
  /// lines at once).
  static let group = 64

  /// Line `i` when it is not the usual kind: it states attributes of its
  /// own (or is pre-split), its code is not listed, or its amount is not
  /// exactly `cnt × pric` (checked here against `round(cnt × pric)` and the
  /// tolerance): its rule merged from the line, the entry and the default,
  /// then split. `nil` when it cannot be (an unknown item, a fault), for the
  /// explained path to report.
  @inline(never)
  func unusualLine(_ i: Int, of visit: PreparedFeeLines, exact: Bool) -> LineOutcome? {
    let line = visit.storage.packed[i]
    let slot = table.slot(of: line.itemCode)
    let stated = line.overrides < 0 ? nil : visit.storage.overrides[Int(line.overrides)]
    let entry = entries[slot.map { Int($0.pointee.index) } ?? entries.count - 1]
    guard let rule = LineRule(line: stated?.attributes ?? ItemAttributes(), entry: entry, classRatios: classRatios) else {
      return nil
    }
    do throws(LineFault) {
      return try rule.split(
        line, quantity: visit.storage.quantities[i], presplit: stated?.presplit, rounding: catalogue.rounding,
        tolerance: catalogue.lineAmountTolerance.fen, exact: exact)
    } catch {
      return nil
    }
  }
}

extension LineRule {
  /// Steps 1–4 of the split for a packed line.
  @inline(__always)
  fileprivate func split(
    _ line: PackedFeeLine, quantity: Quantity, presplit: LineParts?, rounding: RoundingRule, tolerance: Int64, exact: Bool
  ) throws(LineFault) -> LineOutcome {
    try Self.checkAmount(
      quantity: quantity, unitPrice: line.unitPrice, amount: line.amount.fen, rounding: rounding, tolerance: tolerance)
    return try split(
      quantity: quantity, unitPrice: line.unitPrice, amount: line.amount.fen, approvalBit: line.approvalBit,
      presplit: presplit, rounding: rounding, exact: exact)
  }
}
