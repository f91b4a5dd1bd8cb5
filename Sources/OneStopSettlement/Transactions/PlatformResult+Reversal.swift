extension PlatformResult {
  /// 结算撤销 — the exact negation of this settlement, referencing it.
  ///
  /// Every flow is negated: the `setlinfo` amounts
  /// (``PlatformSetlInfo/flows``), each `setldetail` line's
  /// `inscp_scp_amt` and `fund_payamt`, each fee line's quantity and four
  /// parts, the line drift and the accumulator deltas. Adding a result and
  /// its reversal gives zero in every one of them. What is not a flow
  /// follows: `balc` is the balance with `acct_pay` restored,
  /// `crt_payb_lmt_amt` is dropped, `cuminfo_after` is the state before the
  /// settlement. The reversal has its own id (``SettlementId/reversal(of:)``)
  /// and names the original in `init_setl_id`.
  ///
  /// - Throws: `.invalidValue` at `transaction` unless this is a settlement.
  public func reversal() throws(SettlementError) -> PlatformResult {
    guard transaction == .settle else {
      throw SettlementError(.invalidValue, at: "transaction", expected: "a settlement (settle) to reverse", found: transaction.rawValue)
    }
    var r = self
    let id = SettlementId.reversal(of: settlementId)
    r.transaction = .reverse
    r.infno = infno == "2206" || infno == "2207" ? "2208" : "2305"
    r.settlementId = id
    r.originalSettlementId = settlementId
    r.setlinfo.setl_id = id
    for k in PlatformSetlInfo.flows { r.setlinfo[keyPath: k] = Money(fen: 0 &- setlinfo[keyPath: k].fen) }
    r.setlinfo.balc = setlinfo.balc.map { Money(fen: $0.fen &+ setlinfo.acct_pay.fen) }
    r.setldetail = setldetail.map { d in
      var n = d
      n.inscp_scp_amt = Money(fen: 0 &- d.inscp_scp_amt.fen)
      n.fund_payamt = Money(fen: 0 &- d.fund_payamt.fen)
      n.crt_payb_lmt_amt = nil
      n.setl_proc_info = "撤销结算 \(settlementId)：\n" + d.setl_proc_info
      return n
    }
    r.lines = lines.map(\.negated)
    r.lineDrift = lineDrift.map { LineParts.zero.combined(with: $0, &-) }
    r.accumulatorDeltas = accumulatorDeltas.map { $0.negated }
    r.accumulatorsAfter = accumulatorsBefore
    return r
  }

  /// The accumulators before this result: `cuminfo_after − cuminfo`, by code.
  public var accumulatorsBefore: [CumInfo] {
    let delta = Dictionary(accumulatorDeltas.map { ($0.code, $0.cum.fen) }, uniquingKeysWith: &+)
    return accumulatorsAfter.map { row in
      var r = row
      r.cum = Money(fen: row.cum.fen &- (delta[row.code] ?? 0))
      return r
    }
  }
}

extension CumInfo {
  /// The same row with `cum` negated.
  public var negated: CumInfo {
    var r = self
    r.cum = Money(fen: 0 &- cum.fen)
    return r
  }
}
