/// 明细分割结果 — one fee line split four ways, in the shape of the
/// platform's 2301 output `result[]`, so a HIS can print 先行自付 / 个人自费 /
/// 项目等级 per item.
///
///     { "feedetl_sn": "3", "chrgitm_lv": "02", "cnt": "20.0000",
///       "pric": "250.000000", "selfpay_prop": "0.1000",
///       "det_item_fee_sumamt": "5000.00", "fulamt_ownpay_amt": "0.00",
///       "overlmt_amt": "0.00", "preselfpay_amt": "500.00",
///       "inscp_scp_amt": "4500.00" }
///
/// `det_item_fee_sumamt = fulamt_ownpay_amt + overlmt_amt + preselfpay_amt +
/// inscp_scp_amt` holds on every line.
public struct FeeLineSplit: Sendable, Hashable, Codable {
  /// 费用明细流水号 (`feedetl_sn`).
  public var serial: String
  /// 原费用流水号 of a refund (`init_feedetl_sn`).
  public var originalSerial: String?
  /// 医疗目录编码 (`med_list_codg`).
  public var itemCode: String
  /// 收费项目等级 used (`chrgitm_lv`).
  public var itemClass: ItemClass
  /// 医疗收费项目类别 (`med_chrgitm_type`), when known.
  public var chargeType: String?
  /// 数量 (`cnt`).
  public var quantity: Quantity
  /// 单价 (`pric`).
  public var unitPrice: UnitPrice
  /// 定价上限金额 used (`pric_uplmt_amt`), if any.
  public var priceCap: UnitPrice?
  /// 自付比例 used (`selfpay_prop`).
  public var payFirstRatio: PlatformRatio
  /// 限制使用标志 used (`lmt_used_flag`, `"0"`/`"1"`).
  public var restricted: String
  /// 明细项目费用总额 (`det_item_fee_sumamt`).
  public var amount: Money
  /// 全自费金额 (`fulamt_ownpay_amt`).
  public var fullyOwnPay: Money
  /// 超限价金额 (`overlmt_amt`).
  public var overLimit: Money
  /// 先行自付金额 (`preselfpay_amt`).
  public var payFirst: Money
  /// 符合政策范围金额 (`inscp_scp_amt`).
  public var inPolicy: Money
  /// 备注 — why the line split as it did (`memo`), e.g. `丙类: 全自费`.
  public var memo: String

  /// Creates a line split.
  public init(
    serial: String, originalSerial: String?, itemCode: String, itemClass: ItemClass, chargeType: String?,
    quantity: Quantity, unitPrice: UnitPrice, priceCap: UnitPrice?, payFirstRatio: Rate, restricted: Bool,
    parts: LineParts, memo: String
  ) {
    self.serial = serial; self.originalSerial = originalSerial; self.itemCode = itemCode; self.itemClass = itemClass
    self.chargeType = chargeType; self.quantity = quantity; self.unitPrice = unitPrice; self.priceCap = priceCap
    self.payFirstRatio = PlatformRatio(payFirstRatio); self.restricted = restricted ? "1" : "0"
    self.amount = Money(fen: parts.sum); self.fullyOwnPay = Money(fen: parts.fullyOwnPay)
    self.overLimit = Money(fen: parts.overLimit); self.payFirst = Money(fen: parts.payFirst)
    self.inPolicy = Money(fen: parts.inPolicy); self.memo = memo
  }

  /// The four parts, fen.
  public var parts: LineParts {
    LineParts(fullyOwnPay: fullyOwnPay.fen, overLimit: overLimit.fen, payFirst: payFirst.fen, inPolicy: inPolicy.fen)
  }

  /// The same line with every amount and the quantity negated: what a
  /// reversal (冲红) prints.
  public var negated: FeeLineSplit {
    var n = self
    n.quantity = Quantity(tenThousandths: 0 &- quantity.tenThousandths)
    for k in [\FeeLineSplit.amount, \.fullyOwnPay, \.overLimit, \.payFirst, \.inPolicy] {
      n[keyPath: k] = Money(fen: 0 &- self[keyPath: k].fen)
    }
    return n
  }

  enum CodingKeys: String, CodingKey, CaseIterable {
    case serial = "feedetl_sn", originalSerial = "init_feedetl_sn", itemCode = "med_list_codg"
    case itemClass = "chrgitm_lv", chargeType = "med_chrgitm_type", quantity = "cnt", unitPrice = "pric"
    case priceCap = "pric_uplmt_amt", payFirstRatio = "selfpay_prop", restricted = "lmt_used_flag"
    case amount = "det_item_fee_sumamt", fullyOwnPay = "fulamt_ownpay_amt", overLimit = "overlmt_amt"
    case payFirst = "preselfpay_amt", inPolicy = "inscp_scp_amt", memo
  }
}
