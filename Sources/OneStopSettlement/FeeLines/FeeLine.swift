/// 费用明细 — one fee line of a visit, shaped like the platform's 2301/2204
/// `feedetail[]` input.
///
///     { "feedetl_sn": "3", "med_list_codg": "XJ01CAA040A001010104463",
///       "chrgitm_lv": "02", "cnt": "20", "pric": "250.000000",
///       "det_item_fee_sumamt": "5000.00" }
///
/// A line is split by a ``Catalogue`` into the four parts the platform's
/// 2301 output returns (``FeeLineSplit``), or arrives already split by the
/// centre (``presplit``). Catalogue attributes the HIS already holds
/// (`chrgitm_lv`, `selfpay_prop`, `pric_uplmt_amt`, `lmt_used_flag`) take
/// precedence over the catalogue; the catalogue fills what the line leaves out.
///
/// A refund (退费) is a line with a negative quantity and amount whose
/// `init_feedetl_sn` names the line it refunds.
///
/// The other 2301/2204 fields a HIS sends (`drord_no`, `bilg_dept_codg`,
/// `fee_ocur_time` …) are accepted and ignored; any other key is an error.
public struct FeeLine: Sendable, Hashable, Codable {
  /// 费用明细流水号 — line serial, unique within the visit (`feedetl_sn`).
  public var serial: String
  /// 原费用流水号 — the line a refund refunds (`init_feedetl_sn`).
  public var originalSerial: String?
  /// 医疗目录编码 — national catalogue code (`med_list_codg`).
  public var itemCode: String
  /// 医药机构目录编码 — the hospital's own code (`medins_list_codg`).
  public var hospitalItemCode: String?
  /// 收费项目等级 — item class (`chrgitm_lv`); `nil` = from the catalogue.
  public var itemClass: ItemClass?
  /// 医疗收费项目类别 — fee category (`med_chrgitm_type`, e.g. `09` 西药费).
  public var chargeType: String?
  /// 数量 — quantity, negative for a refund (`cnt`).
  public var quantity: Quantity
  /// 单价 — unit price (`pric`).
  public var unitPrice: UnitPrice
  /// 明细项目费用总额 — line amount (`det_item_fee_sumamt`).
  public var amount: Money
  /// 自付比例 — pay-first ratio of a class-B item (`selfpay_prop`); `nil` =
  /// from the catalogue.
  public var payFirstRatio: Rate?
  /// 定价上限金额 — price cap (`pric_uplmt_amt`); `nil` = from the catalogue.
  public var priceCap: UnitPrice?
  /// 医院审批标志 — approval flag (`hosp_appr_flag`).
  public var approval: HospitalApproval?
  /// 限制使用标志 — restricted-use item (`lmt_used_flag`); `nil` = from the catalogue.
  public var restricted: Bool?
  /// The centre's split, when the line arrives already split (2301 output).
  public var presplit: LineParts?

  /// Creates a line.
  public init(
    serial: String, originalSerial: String? = nil, itemCode: String, hospitalItemCode: String? = nil,
    itemClass: ItemClass? = nil, chargeType: String? = nil, quantity: Quantity, unitPrice: UnitPrice, amount: Money,
    payFirstRatio: Rate? = nil, priceCap: UnitPrice? = nil, approval: HospitalApproval? = nil, restricted: Bool? = nil,
    presplit: LineParts? = nil
  ) {
    self.serial = serial; self.originalSerial = originalSerial; self.itemCode = itemCode
    self.hospitalItemCode = hospitalItemCode; self.itemClass = itemClass; self.chargeType = chargeType
    self.quantity = quantity; self.unitPrice = unitPrice; self.amount = amount; self.payFirstRatio = payFirstRatio
    self.priceCap = priceCap; self.approval = approval; self.restricted = restricted; self.presplit = presplit
  }

  /// The largest `|cnt|` and `pric` accepted: `N16,4` and `N16,6` leave
  /// 12 and 10 integer digits.
  static let maximumQuantity: Int64 = 1_000_000_000_000 * Quantity.scale
  /// The largest `pric` accepted (10^10 yuan).
  static let maximumPrice: Int64 = 10_000_000_000 * UnitPrice.scale

  enum CodingKeys: String, CodingKey, CaseIterable {
    case serial = "feedetl_sn", originalSerial = "init_feedetl_sn", itemCode = "med_list_codg"
    case hospitalItemCode = "medins_list_codg", itemClass = "chrgitm_lv", chargeType = "med_chrgitm_type"
    case quantity = "cnt", unitPrice = "pric", amount = "det_item_fee_sumamt", payFirstRatio = "selfpay_prop"
    case priceCap = "pric_uplmt_amt", approval = "hosp_appr_flag", restricted = "lmt_used_flag"
    case fullyOwnPay = "fulamt_ownpay_amt", overLimit = "overlmt_amt", payFirst = "preselfpay_amt"
    case inPolicy = "inscp_scp_amt"
  }

  /// 2301/2204 fields accepted and not used by the split.
  static let ignoredKeys: Set<String> = [
    "mdtrt_id", "drord_no", "psn_no", "med_type", "fee_ocur_time", "bilg_dept_codg", "bilg_dept_name",
    "bilg_dr_codg", "bilg_dr_name", "acord_dept_codg", "acord_dept_name", "orders_dr_code", "orders_dr_name",
    "tcmdrug_used_way", "etip_flag", "etip_hosp_code", "dscg_tkdrug_flag", "matn_fee_flag", "memo",
    "chrg_bchno", "dise_codg", "rxno", "rx_circ_flag", "sin_dos_dscr", "used_frqu_dscr", "prd_days",
    "medc_way_dscr", "bas_medn_flag", "hi_nego_drug_flag", "chld_medc_flag", "list_sp_item_flag", "drt_reim_flag",
  ]

  /// Decodes a line, checking each field on its own: a price or cap below
  /// zero, a quantity of zero with an amount, a ratio outside 0…1 or with
  /// more than four decimals, a pre-split line whose parts do not add up.
  public init(from decoder: any Decoder) throws {
    try decoder.rejectUnknownKeys(CodingKeys.names.union(Self.ignoredKeys))
    let c = try decoder.container(keyedBy: CodingKeys.self)
    func code(_ k: CodingKeys) throws -> String? {
      guard c.contains(k) else { return nil }
      return try FlagText.decode(from: c.superDecoder(forKey: k))
    }
    guard let sn = try code(.serial), !sn.isEmpty else {
      throw SettlementError(.missingField, at: decoder.path(CodingKeys.serial.rawValue), expected: "a line serial")
    }
    serial = sn
    originalSerial = try code(.originalSerial).flatMap { $0.isEmpty ? nil : $0 }
    itemCode = try c.decode(String.self, forKey: .itemCode)
    hospitalItemCode = try c.decodeIfPresent(String.self, forKey: .hospitalItemCode)
    itemClass = try c.decodeIfPresent(ItemClass.self, forKey: .itemClass)
    chargeType = try code(.chargeType)
    quantity = try c.decode(Quantity.self, forKey: .quantity)
    unitPrice = try c.decode(UnitPrice.self, forKey: .unitPrice)
    amount = try c.decode(Money.self, forKey: .amount)
    payFirstRatio = try c.decodeIfPresent(Rate.self, forKey: .payFirstRatio)
    priceCap = try c.decodeIfPresent(UnitPrice.self, forKey: .priceCap)
    approval = try c.decodeIfPresent(HospitalApproval.self, forKey: .approval)
    restricted = try c.contains(.restricted) ? FlagText.flag(from: c.superDecoder(forKey: .restricted)) : nil
    let parts: [CodingKeys] = [.fullyOwnPay, .overLimit, .payFirst, .inPolicy]
    if parts.contains(where: c.contains) {
      func part(_ k: CodingKeys) throws -> Money { try c.decodeIfPresent(Money.self, forKey: k) ?? Money(fen: 0) }
      presplit = LineParts(
        fullyOwnPay: try part(.fullyOwnPay).fen, overLimit: try part(.overLimit).fen,
        payFirst: try part(.payFirst).fen, inPolicy: try part(.inPolicy).fen)
    } else {
      presplit = nil
    }
    try validate(at: decoder.path)
  }

  /// Checks the line's fields on their own (not against a catalogue).
  ///
  /// - Throws: ``SettlementError`` naming `path.field`.
  public func validate(at path: String) throws(SettlementError) {
    func at(_ k: CodingKeys) -> String { path.isEmpty ? k.rawValue : "\(path).\(k.rawValue)" }
    guard unitPrice.microYuan >= 0, unitPrice.microYuan <= Self.maximumPrice else {
      throw SettlementError(.amountOutOfRange, at: at(.unitPrice), expected: "a unit price from 0 to 10000000000", found: unitPrice.description)
    }
    if let cap = priceCap, cap.microYuan < 0 || cap.microYuan > Self.maximumPrice {
      throw SettlementError(.amountOutOfRange, at: at(.priceCap), expected: "a price cap from 0 to 10000000000", found: cap.description)
    }
    guard quantity.tenThousandths.magnitude <= Self.maximumQuantity else {
      throw SettlementError(.amountOutOfRange, at: at(.quantity), expected: "a quantity within ±1000000000000", found: quantity.description)
    }
    guard amount.fen.magnitude <= Money.maximumFen else {
      throw SettlementError(.amountOutOfRange, at: at(.amount), expected: "an amount within ±10000000000.00", found: amount.description)
    }
    if quantity.tenThousandths == 0 && amount.fen != 0 {
      throw SettlementError(.inconsistentAmounts, at: at(.quantity),
        expected: "a non-zero quantity for a line of \(amount) yuan", found: quantity.description)
    }
    if let r = payFirstRatio {
      try r.checkPayFirstRatio(at: at(.payFirstRatio))
    }
    if let p = presplit {
      for (k, v) in [(CodingKeys.fullyOwnPay, p.fullyOwnPay), (.overLimit, p.overLimit), (.payFirst, p.payFirst), (.inPolicy, p.inPolicy)]
      where v != 0 && (v < 0) != (amount.fen < 0) || v.magnitude > Money.maximumFen {
        throw SettlementError(.inconsistentAmounts, at: at(k),
          expected: "a part with the sign of det_item_fee_sumamt (\(amount))", found: Money(fen: v).description)
      }
      guard p.sum == amount.fen else {
        throw SettlementError(.inconsistentAmounts, at: at(.amount),
          expected: "fulamt_ownpay_amt + overlmt_amt + preselfpay_amt + inscp_scp_amt == det_item_fee_sumamt (\(amount))",
          found: Money(fen: p.sum).description)
      }
    }
  }

  /// Encodes the line in its 2301 shape.
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(serial, forKey: .serial)
    try c.encodeIfPresent(originalSerial, forKey: .originalSerial)
    try c.encode(itemCode, forKey: .itemCode)
    try c.encodeIfPresent(hospitalItemCode, forKey: .hospitalItemCode)
    try c.encodeIfPresent(itemClass, forKey: .itemClass)
    try c.encodeIfPresent(chargeType, forKey: .chargeType)
    try c.encode(quantity, forKey: .quantity)
    try c.encode(unitPrice, forKey: .unitPrice)
    try c.encode(amount, forKey: .amount)
    try c.encodeIfPresent(payFirstRatio.map(PlatformRatio.init), forKey: .payFirstRatio)
    try c.encodeIfPresent(priceCap, forKey: .priceCap)
    try c.encodeIfPresent(approval, forKey: .approval)
    try c.encodeIfPresent(restricted.map { $0 ? "1" : "0" }, forKey: .restricted)
    if let p = presplit {
      try c.encode(Money(fen: p.fullyOwnPay), forKey: .fullyOwnPay)
      try c.encode(Money(fen: p.overLimit), forKey: .overLimit)
      try c.encode(Money(fen: p.payFirst), forKey: .payFirst)
      try c.encode(Money(fen: p.inPolicy), forKey: .inPolicy)
    }
  }
}
