/// 目录项目 — what the catalogue says about one item code, in the shape of
/// the platform's 1312 (class), 1318 (price cap) and 1319 (pay-first ratio)
/// queries.
///
///     "XJ01CAA040A001010104463": { "name": "阿莫西林胶囊", "class": "乙",
///       "selfpayProp": { "value": "0.10", "source": "…" }, "priceCap": "2.50" }
///
/// Every number may carry its ``Provenance``.
public struct CatalogueItem: Sendable, Hashable, Codable {
  /// 名称 — display name.
  public var name: String?
  /// 收费项目等级 — class 甲/乙/丙.
  public var itemClass: ItemClass
  /// 先行自付比例 — pay-first ratio (`selfpay_prop`); `nil` = the class's.
  public var payFirstRatio: Sourced<Rate>?
  /// 定价上限金额 — price cap per unit (`hilist_pric_uplmt_amt`); `nil` = none.
  public var priceCap: Sourced<UnitPrice>?
  /// 限制使用 — restricted-use item (`lmt_used_flag`): self-paid unless the
  /// hospital approved it (`hosp_appr_flag` 1).
  public var restricted: Bool
  /// 医疗收费项目类别 — fee category (`med_chrgitm_type`).
  public var chargeType: String?

  /// Creates an item rule.
  public init(
    name: String? = nil, itemClass: ItemClass, payFirstRatio: Sourced<Rate>? = nil, priceCap: Sourced<UnitPrice>? = nil,
    restricted: Bool = false, chargeType: String? = nil
  ) {
    self.name = name; self.itemClass = itemClass; self.payFirstRatio = payFirstRatio
    self.priceCap = priceCap; self.restricted = restricted; self.chargeType = chargeType
  }

  private enum CodingKeys: String, CodingKey, CaseIterable {
    case name, itemClass = "class", payFirstRatio = "selfpayProp", priceCap, restricted, chargeType
  }

  /// Decodes an item, rejecting unknown keys, ratios outside 0…1 or with
  /// more than four decimals, and negative caps.
  public init(from decoder: any Decoder) throws {
    try decoder.rejectUnknownKeys(CodingKeys.names)
    let c = try decoder.container(keyedBy: CodingKeys.self)
    name = try c.decodeIfPresent(String.self, forKey: .name)
    itemClass = try c.decode(ItemClass.self, forKey: .itemClass)
    payFirstRatio = try c.decodeIfPresent(Sourced<Rate>.self, forKey: .payFirstRatio)
    try payFirstRatio?.value.checkPayFirstRatio(at: decoder.path(CodingKeys.payFirstRatio.rawValue))
    priceCap = try c.decodeIfPresent(Sourced<UnitPrice>.self, forKey: .priceCap)
    if let cap = priceCap?.value, cap.microYuan < 0 || cap.microYuan > FeeLine.maximumPrice {
      throw SettlementError(.amountOutOfRange, at: decoder.path(CodingKeys.priceCap.rawValue),
        expected: "a price cap from 0 to 10000000000", found: cap.description)
    }
    restricted = try c.decodeIfPresent(Bool.self, forKey: .restricted) ?? false
    chargeType = try c.decodeIfPresent(String.self, forKey: .chargeType)
  }
}
