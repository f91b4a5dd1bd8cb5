/// 结算输出 — a settlement in the national platform's vocabulary.
///
/// `setlinfo` carries the totals under their `2207`/`2304` field names,
/// amounts as yuan strings with two decimals and `pool_prop_selfpay` with
/// four; `setldetail` has one line per layer that applied
/// (`fund_pay_type`, `fund_payamt`, `setl_proc_info` …); `layers` gives every
/// layer's base, deductible, rate and cap room; `yearToDate` the updated
/// accumulators.
public struct SettlementRecord: Sendable, Hashable, Codable {
  /// Caller's claim id.
  public var claimId: String
  /// Table id used.
  public var table: String
  /// Totals (`setlinfo`).
  public var setlinfo: SetlInfo
  /// Fund lines (`setldetail[]`).
  public var setldetail: [SetlDetail]
  /// Every layer's computation.
  public var layers: [LayerRecord]
  /// Accumulators after this claim.
  public var yearToDate: YearToDateRecord

  /// `setlinfo` money fields.
  public struct SetlInfo: Sendable, Hashable, Codable {
    /// 医疗费总额.
    public var medfee_sumamt: Money
    /// 全自费金额.
    public var fulamt_ownpay_amt: Money
    /// 超限价自费费用.
    public var overlmt_selfpay: Money
    /// 先行自付金额.
    public var preselfpay_amt: Money
    /// 符合政策范围金额.
    public var inscp_scp_amt: Money
    /// 实际支付起付线.
    public var act_pay_dedc: Money
    /// 基本医疗保险统筹基金支出.
    public var hifp_pay: Money
    /// 统筹基金支付比例 (the fund's ratio).
    public var pool_prop_selfpay: Rate
    /// 公务员医疗补助资金支出.
    public var cvlserv_pay: Money
    /// 企业补充医疗保险基金支出.
    public var hifes_pay: Money
    /// 居民大病保险资金支出.
    public var hifmi_pay: Money
    /// 职工大额医疗费用补助基金支出.
    public var hifob_pay: Money
    /// 医疗救助基金支出.
    public var maf_pay: Money
    /// 其他支出.
    public var oth_pay: Money
    /// 基金支付总额.
    public var fund_pay_sumamt: Money
    /// 个人负担总金额.
    public var psn_part_amt: Money
  }

  /// One `setldetail` line.
  public struct SetlDetail: Sendable, Hashable, Codable {
    /// 基金支付类型.
    public var fund_pay_type: String
    /// 基金支付类型名称.
    public var fund_pay_type_name: String
    /// 符合政策范围金额 (the layer's base).
    public var inscp_scp_amt: Money
    /// 本次可支付限额金额 (empty when uncapped).
    public var crt_payb_lmt_amt: Money?
    /// 基金支付金额.
    public var fund_payamt: Money
    /// 结算过程信息.
    public var setl_proc_info: String
  }

  /// One layer's computation.
  public struct LayerRecord: Sendable, Hashable, Codable {
    /// Layer id.
    public var id: String
    /// Layer name.
    public var name: String
    /// Layer kind.
    public var kind: LayerKind
    /// Whether it applied.
    public var applied: Bool
    /// 计算基数.
    public var base: Money
    /// 起付线 applied.
    public var deductible: Money
    /// Rate.
    public var rate: Rate
    /// Cap room before this claim (`nil` = uncapped).
    public var capRoom: Money?
    /// Amount paid.
    public var amount: Money
    /// Identity or class used, by name.
    public var appliedAs: String?
  }
}

extension SettlementEngine {
  /// Renders a settlement (and its trace) in the platform vocabulary.
  public func record(of s: Settlement, claimId: String = "", trace: [TraceStep] = [], yearToDate: YearToDate) -> SettlementRecord {
    var fields = InlineArray<7, Int64>(repeating: 0)  // by `PlatformField.slot`
    var details: [SettlementRecord.SetlDetail] = []
    var layerRecords: [SettlementRecord.LayerRecord] = []
    layerRecords.reserveCapacity(table.layers.count)
    var poolRatio = Rate.zero
    var text = ExplanationText()  // one buffer for every layer's `setl_proc_info`
    // Through a buffer: reading a layer's fields copies no `Layer`.
    table.layers.withUnsafeBufferPointer { layers in
      for i in layers.indices {
        let o = s.layer(i)
        fields[layers[i].platformField.slot] += o.amount
        if layers[i].kind == .basic && o.applied { poolRatio = o.rate }
        let capRoom = o.capRoom == .max ? nil : Money(fen: o.capRoom)
        layerRecords.append(.init(
          id: layers[i].id, name: layers[i].name, kind: layers[i].kind, applied: o.applied, base: Money(fen: o.base),
          deductible: Money(fen: o.deductible), rate: o.rate, capRoom: capRoom, amount: Money(fen: o.amount),
          appliedAs: groupName(layer: i, group: o.group)))
        if o.applied {
          text.removeAll()
          write(trace, layer: i, language: .chinese, into: &text)
          details.append(.init(
            fund_pay_type: layers[i].fundCode, fund_pay_type_name: layers[i].fundName, inscp_scp_amt: Money(fen: o.base),
            crt_payb_lmt_amt: capRoom, fund_payamt: Money(fen: o.amount),
            setl_proc_info: text.string))
        }
      }
    }
    func m(_ f: PlatformField) -> Money { Money(fen: fields[f.slot]) }
    let info = SettlementRecord.SetlInfo(
      medfee_sumamt: Money(fen: s.total), fulamt_ownpay_amt: Money(fen: s.fullyOwnPay), overlmt_selfpay: Money(fen: s.overLimit),
      preselfpay_amt: Money(fen: s.payFirst), inscp_scp_amt: Money(fen: s.inPolicy), act_pay_dedc: Money(fen: s.basicDeductible),
      hifp_pay: m(.hifpPay), pool_prop_selfpay: poolRatio, cvlserv_pay: m(.cvlservPay), hifes_pay: m(.hifesPay),
      hifmi_pay: m(.hifmiPay), hifob_pay: m(.hifobPay), maf_pay: m(.mafPay), oth_pay: m(.othPay),
      fund_pay_sumamt: Money(fen: s.fundTotal), psn_part_amt: Money(fen: s.patient))
    return SettlementRecord(
      claimId: claimId, table: table.id, setlinfo: info, setldetail: details, layers: layerRecords,
      yearToDate: record(of: yearToDate))
  }

  /// The display name of a layer's parameter group for one claim.
  func groupName(layer i: Int, group: Int) -> String? {
    guard group >= 0, i < layers.count else { return nil }
    let L = layers[i]
    switch table.layers[i].rule {
    case .assistance(let r), .tilt(let r):
      guard group < r.classes.count else { return nil }
      let cls = r.classes[group]
      return cls.name ?? cls.identities?.compactMap { id in table.identities.first { $0.id == id }?.name }.joined(separator: "/") ?? "全体"
    case .majorIllness:
      let identity = group == 0 ? -1 : parameters[L.parameterOffset + group].identity
      return identity >= 0 ? table.identities[identity].name : nil
    case .basic:
      guard group > 0 else { return nil }
      let first = L.identityGroupOffset + 1  // after the layer's default group
      let slot = identityGroups[first...].prefix(table.identities.count).firstIndex(of: group)
      return slot.map { table.identities[$0 - first].name }
    default:
      return nil
    }
  }
}

extension TraceStep {
  /// The layer a step belongs to (`nil` for claim-level steps).
  public var layer: Int? {
    switch self {
    case .split, .patient: nil
    case .skipped(let l, _), .group(let l, _, _), .base(let l, _), .deductible(let l, _, _, _), .rate(let l, _, _, _),
      .cumulative(let l, _, _, _, _), .segment(let l, _, _, _), .ceiling(let l, _, _, _), .target(let l, _, _),
      .capped(let l, _, _), .paid(let l, _):
      l
    }
  }
}

extension PlatformField {
  /// A dense index (0…6) for per-field sums.
  var slot: Int {
    switch self {
    case .hifpPay: 0
    case .hifmiPay: 1
    case .mafPay: 2
    case .hifesPay: 3
    case .hifobPay: 4
    case .cvlservPay: 5
    case .othPay: 6
    }
  }
}
