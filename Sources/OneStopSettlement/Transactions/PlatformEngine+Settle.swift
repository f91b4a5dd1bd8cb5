public import Foundation

extension PlatformEngine {
  /// 预结算 — settles a request as a trial.
  ///
  /// The amounts, lines, accumulator deltas and settlement id are those
  /// ``settle(_:)`` returns for the same request; only ``PlatformResult/transaction``
  /// and ``PlatformResult/infno`` differ. Nothing is meant to be posted.
  public func preSettle(_ request: PlatformRequest) throws(SettlementError) -> PlatformResult {
    try run(request, as: .preSettle)
  }

  /// 结算 — settles a request.
  ///
  /// Splits the fee lines with the profile's catalogue, maps the codes,
  /// reads the accumulators from `cuminfo`, settles through every layer and
  /// returns the platform result with the accumulator deltas to post.
  ///
  /// **Interim settlement (中途结算).** When the request carries
  /// `prior_feedetail` (the lines of this stay already settled), the result
  /// is `settle(prior + feedetail) − settle(prior)`, field by field, both
  /// from `cuminfo` as it was *before the stay*. The parts of a stay then add
  /// up, to the fen and in every accumulator, to one settlement of the whole
  /// stay.
  ///
  /// - Throws: ``SettlementError`` naming the request field: unknown codes,
  ///   bad lines, `medfee_sumamt` different from the lines' total, bad
  ///   accumulators, a date the table does not cover.
  public func settle(_ request: PlatformRequest) throws(SettlementError) -> PlatformResult {
    try run(request, as: .settle)
  }

  /// Decodes a request, settles it and encodes the result.
  ///
  /// - Throws: ``SettlementError`` naming the JSON path; nothing is returned on error.
  public func settleJSON(_ data: Data, as transaction: TransactionKind = .settle) throws(SettlementError) -> Data {
    let request = try PlatformRequest.decode(from: data)
    switch transaction {
    case .preSettle: return try preSettle(request).encoded()
    case .settle: return try settle(request).encoded()
    case .reverse:
      throw SettlementError(.invalidValue, at: "transaction", expected: "presettle or settle (reverse takes a prior result)", found: "reverse")
    }
  }

  func run(_ r: PlatformRequest, as transaction: TransactionKind) throws(SettlementError) -> PlatformResult {
    let catalogue = profile.catalogue
    let p = r.priorLines.count
    let whole = try catalogue.split(r.priorLines + r.lines, roundingPoint: nil, root: "feedetail") { i in
      i < p ? "prior_feedetail[\(i)]" : "feedetail[\(i - p)]"
    }
    let lines = Array(whole.lines[p...])
    let linesTotal = lines.reduce(Int64(0)) { $0 &+ $1.amount.fen }
    if let declared = r.declaredTotal, declared.fen != linesTotal {
      throw SettlementError(.inconsistentAmounts, at: "medfee_sumamt",
        expected: "the sum of feedetail[].det_item_fee_sumamt (\(Money(fen: linesTotal)))", found: declared.description)
    }
    let year = r.dischargeDate.year
    let before = try yearToDate(from: r.accumulators, insutype: r.insutype, year: year)
    let stay = try prepare(claim(for: r, amounts: whole.amounts))
    var after = before
    var trace = StepTrace()
    var s = try engine.settle(stay, yearToDate: &after, trace: &trace)
    var start = before
    var earlierPaid: Settlement? = nil
    if p > 0 {
      let earlier = try catalogue.split(r.priorLines, roundingPoint: nil, root: "prior_feedetail") { "prior_feedetail[\($0)]" }
      var afterEarlier = before
      let e = try engine.settle(try prepare(claim(for: r, amounts: earlier.amounts)), yearToDate: &afterEarlier)
      s = s.subtracting(e)
      start = afterEarlier
      earlierPaid = e
    }
    let record = engine.record(of: s, claimId: r.visitId, trace: trace.steps, yearToDate: after)
    var details = record.setldetail
    if let e = earlierPaid {
      let applied = (0..<s.layerCount).filter { s.layer($0).applied }
      for (j, layer) in applied.enumerated() where j < details.count {
        let now = s.layer(layer).amount
        details[j].setl_proc_info += "\n中途结算：累计 \(Money(fen: now &+ e.layer(layer).amount)) − 已结算 \(Money(fen: e.layer(layer).amount)) = 本次 \(Money(fen: now))"
      }
    }
    let info = setlinfo(of: record.setlinfo, request: r, transaction: transaction)
    let totals = LineParts(fullyOwnPay: s.fullyOwnPay, overLimit: s.overLimit, payFirst: s.payFirst, inPolicy: s.inPolicy)
    let drift = totals.combined(with: lines.reduce(LineParts.zero) { $0.combined(with: $1.parts, &+) }, &-)
    let month = Self.month(of: r.dischargeDate)
    return PlatformResult(
      transaction: transaction, infno: transaction.infno(for: stay.kind), settlementId: info.setl_id,
      originalSettlementId: nil, table: engine.table.id, profile: profile.id, catalogue: catalogue.id,
      dischargeDate: r.dischargeDate,
      setlinfo: info, setldetail: details, lines: lines, roundingPoint: whole.roundingPoint,
      lineDrift: drift == .zero ? nil : drift,
      accumulatorDeltas: deltas(from: start, to: after, insutype: r.insutype, month: month),
      accumulatorsAfter: rows(of: after, insutype: r.insutype, month: month))
  }

  /// `setlinfo` from the engine's totals, the request's ids and the
  /// personal account.
  func setlinfo(of t: SettlementRecord.SetlInfo, request r: PlatformRequest, transaction: TransactionKind) -> PlatformSetlInfo {
    let share = t.psn_part_amt.fen
    let account = r.accountUsed ? min(r.accountBalance?.fen ?? 0, max(share, 0)) : 0
    let funds = t.fund_pay_sumamt.fen &+ (profile.fundPaySumamtIncludesAcctPay ? account : 0)
    return PlatformSetlInfo(
      mdtrt_id: r.visitId, setl_id: SettlementId.of(r), psn_no: r.personId, insutype: r.insutype,
      psn_type: r.personType, med_type: r.medicalType, mid_setl_flag: r.interim ? "1" : "0",
      medfee_sumamt: t.medfee_sumamt, fulamt_ownpay_amt: t.fulamt_ownpay_amt, overlmt_selfpay: t.overlmt_selfpay,
      preselfpay_amt: t.preselfpay_amt, inscp_scp_amt: t.inscp_scp_amt, act_pay_dedc: t.act_pay_dedc,
      hifp_pay: t.hifp_pay, pool_prop_selfpay: PlatformRatio(t.pool_prop_selfpay), cvlserv_pay: t.cvlserv_pay,
      hifes_pay: t.hifes_pay, hifmi_pay: t.hifmi_pay, hifob_pay: t.hifob_pay, maf_pay: t.maf_pay, oth_pay: t.oth_pay,
      fund_pay_sumamt: Money(fen: funds), psn_part_amt: t.psn_part_amt, acct_pay: Money(fen: account),
      psn_cash_pay: Money(fen: share &- account), balc: r.accountBalance.map { Money(fen: $0.fen &- account) },
      medins_setl_id: r.messageId)
  }

  /// `yyyyMM` of a date (`cum_ym`).
  static func month(of d: CivilDate) -> String {
    "\(d.year)" + (d.month < 10 ? "0\(d.month)" : "\(d.month)")
  }
}
