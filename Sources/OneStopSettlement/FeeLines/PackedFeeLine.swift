/// 打包明细 — one fee line as the compiled split reads it: the code packed
/// (``ItemCode``) with its hash, price and amount as exact integers, in 64
/// bytes. The quantity is kept beside it (``PreparedFeeLines/quantities``):
/// the usual line's split does not read it (its amount is already known to
/// be `cnt × pric`), only a line priced above its cap does.
///
/// Made by ``PreparedFeeLines/init(_:)`` from a ``FeeLine``; the few
/// attributes a line may state itself (`chrgitm_lv`, `selfpay_prop`,
/// `pric_uplmt_amt`, `lmt_used_flag`, a centre's pre-split) are kept beside
/// the lines, so the usual line — code, `cnt`, `pric`, amount — stays small.
public struct PackedFeeLine: Sendable, Hashable {
  /// 医疗目录编码 (`med_list_codg`), packed.
  public let itemCode: ItemCode
  /// The code's hash (``ItemCode/mixedHash``), computed once.
  let codeHash: UInt64
  /// 单价 (`pric`).
  public let unitPrice: UnitPrice
  /// 明细项目费用总额 (`det_item_fee_sumamt`).
  public let amount: Money
  /// 医院审批标志 (`hosp_appr_flag`), as a bit (``LineRule/bit(of:)``).
  let approvalBit: UInt8
  /// 0 for the usual line — it states no attributes of its own and its
  /// amount is exactly `cnt × pric` (``LineRule/isExactProduct(quantity:unitPrice:amount:)``),
  /// so it passes the amount check under every rounding rule and tolerance
  /// and is split by its catalogue entry's rule alone; 1 otherwise.
  let unusual: UInt8
  /// Index of the line's own attributes in ``PreparedFeeLines``, or −1
  /// when it states none (the usual line).
  let overrides: Int32

  /// 医院审批标志 (`hosp_appr_flag`); a line without one reads as `0`.
  public var approval: HospitalApproval {
    switch approvalBit {
    case 2: HospitalApproval.approved
    case 4: HospitalApproval.selfPay
    default: HospitalApproval.none
    }
  }

  /// Whether the line states attributes of its own (or a pre-split).
  public var statesAttributes: Bool { overrides >= 0 }

  /// Whether the line is the usual kind: no attributes of its own, amount
  /// exactly `cnt × pric`.
  public var isUsual: Bool { unusual == 0 }
}

/// What a line states itself, over its catalogue entry.
struct LineOverrides: Sendable, Hashable {
  /// The line's own class, ratio, cap, restricted flag.
  var attributes: ItemAttributes
  /// The centre's split, when the line arrives split.
  var presplit: LineParts?
}
