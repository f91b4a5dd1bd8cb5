public import Foundation

/// 医保目录 — the catalogue rules that split fee lines: each item's class,
/// pay-first ratio and price cap, as data.
///
/// Kept apart from the ``PolicyTable``: a catalogue changes with every
/// 1312/1318/1319 download, a policy table with a policy notice.
///
///     { "schemaVersion": 1, "id": "example/catalogue@2024",
///       "rounding": "halfUp", "roundingPoint": "perLine",
///       "unknownItems": "error",
///       "classes": { "乙": { "selfpayProp": "0.10" } },
///       "items": { "XJ01…": { "class": "乙", "priceCap": "2.50" } } }
///
/// **Which value a line gets.** For each of class, pay-first ratio, price cap
/// and restricted-use: the line's own field if present (the HIS already holds
/// the centre's attributes), else the item's entry in ``items``, else — for
/// an item not listed — the ``defaultItem`` when ``unknownItems`` is
/// `useDefault`; the pay-first ratio then falls back to the class's entry in
/// ``classes``, then 0. An item that is not listed and whose line carries no
/// class is an `unknownCode` error naming the line when ``unknownItems`` is
/// `error`.
public struct Catalogue: Sendable, Hashable, Codable {
  /// The schema version this library reads.
  public static let schemaVersion = 1

  /// Identifier, e.g. `jiangsu/yancheng/catalogue@2024-05`.
  public var id: String
  /// Display name.
  public var name: String
  /// Where the catalogue comes from.
  public var provenance: Provenance
  /// 舍入规则 — how sub-fen line parts are rounded.
  public var rounding: RoundingRule
  /// 舍入点 — per line or on the claim's totals.
  public var roundingPoint: RoundingPoint
  /// 明细金额容差 — how far `det_item_fee_sumamt` may lie from
  /// `round(cnt × pric)`; `0.00` = exact.
  public var lineAmountTolerance: Money
  /// 目录外项目 — what an item code not in ``items`` gets.
  public var unknownItems: UnknownItems
  /// 默认规则 — the rule for unlisted items when ``unknownItems`` is `useDefault`.
  public var defaultItem: CatalogueItem?
  /// 按等级 — pay-first ratio per class (usually only 乙).
  public var classes: [ItemClass: Sourced<Rate>]
  /// 按项目 — rules per national item code (`med_list_codg`).
  public var items: [String: CatalogueItem]

  /// What an item code not in the catalogue gets.
  public enum UnknownItems: String, Sendable, Hashable, Codable, CaseIterable {
    /// 报错 — the line is an `unknownCode` error (unless it carries its class).
    case error
    /// 按默认 — the line follows ``Catalogue/defaultItem``.
    case useDefault
  }

  /// Creates a catalogue.
  public init(
    id: String, name: String? = nil, provenance: Provenance = .unstated, rounding: RoundingRule,
    roundingPoint: RoundingPoint = .perLine, lineAmountTolerance: Money = Money(fen: 0),
    unknownItems: UnknownItems = .error, defaultItem: CatalogueItem? = nil,
    classes: [ItemClass: Sourced<Rate>] = [:], items: [String: CatalogueItem] = [:]
  ) {
    self.id = id; self.name = name ?? id; self.provenance = provenance; self.rounding = rounding
    self.roundingPoint = roundingPoint; self.lineAmountTolerance = lineAmountTolerance
    self.unknownItems = unknownItems; self.defaultItem = defaultItem; self.classes = classes; self.items = items
  }

  /// Decodes and checks a catalogue from JSON.
  ///
  /// - Throws: ``SettlementError`` naming the JSON path.
  public static func decode(from data: Data) throws(SettlementError) -> Catalogue {
    try JSONInput.decode(Catalogue.self, from: data)
  }

  private enum CodingKeys: String, CodingKey, CaseIterable {
    case rounding, roundingPoint, lineAmountTolerance
    case unknownItems, defaultItem = "default", classes, items
  }

  /// Decodes a catalogue, checking `schemaVersion` first, rejecting unknown
  /// keys, and requiring `default` when `unknownItems` is `useDefault`.
  public init(from decoder: any Decoder) throws {
    let head = try DocumentHead(from: decoder, schemaVersion: Catalogue.schemaVersion)
    try decoder.rejectUnknownKeys(CodingKeys.names.union(DocumentHead.Keys.names))
    let c = try decoder.container(keyedBy: CodingKeys.self)
    id = head.id
    name = head.name
    provenance = head.provenance
    rounding = try c.decode(RoundingRule.self, forKey: .rounding)
    roundingPoint = try c.decodeIfPresent(RoundingPoint.self, forKey: .roundingPoint) ?? .perLine
    lineAmountTolerance = try c.decodeIfPresent(Money.self, forKey: .lineAmountTolerance) ?? Money(fen: 0)
    try Check.amount(lineAmountTolerance, at: decoder.path(CodingKeys.lineAmountTolerance.rawValue))
    unknownItems = try c.decodeIfPresent(UnknownItems.self, forKey: .unknownItems) ?? .error
    defaultItem = try c.decodeIfPresent(CatalogueItem.self, forKey: .defaultItem)
    if unknownItems == .useDefault && defaultItem == nil {
      throw SettlementError(.missingField, at: decoder.path(CodingKeys.defaultItem.rawValue),
        expected: "a default item rule when unknownItems is useDefault")
    }
    var classes: [ItemClass: Sourced<Rate>] = [:]
    let byClass = try c.decodeIfPresent([String: ClassRule].self, forKey: .classes) ?? [:]
    for (key, rule) in byClass.sorted(by: { $0.key < $1.key }) {
      let path = decoder.path(CodingKeys.classes.rawValue) + ".\(key)"
      guard let cls = ItemClass(spelling: key) else {
        throw SettlementError(.invalidValue, at: path, expected: "an item class: 01/1/甲, 02/2/乙 or 03/3/丙", found: key)
      }
      guard classes[cls] == nil else {
        throw SettlementError(.duplicateDefinition, at: path, expected: "one entry per class", found: key)
      }
      if let r = rule.selfpayProp {
        try r.value.checkPayFirstRatio(at: path + ".selfpayProp")
        classes[cls] = r
      }
    }
    self.classes = classes
    items = try c.decodeIfPresent([String: CatalogueItem].self, forKey: .items) ?? [:]
  }

  /// Encodes the catalogue in the shape it is decoded from.
  public func encode(to encoder: any Encoder) throws {
    try DocumentHead(id: id, name: name, provenance: provenance).encode(to: encoder, schemaVersion: Catalogue.schemaVersion)
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(rounding, forKey: .rounding)
    try c.encode(roundingPoint, forKey: .roundingPoint)
    try c.encode(lineAmountTolerance, forKey: .lineAmountTolerance)
    try c.encode(unknownItems, forKey: .unknownItems)
    try c.encodeIfPresent(defaultItem, forKey: .defaultItem)
    let byClass = Dictionary(uniqueKeysWithValues: classes.map { ($0.key.chineseName, ClassRule(selfpayProp: $0.value)) })
    try c.encode(byClass, forKey: .classes)
    try c.encode(items, forKey: .items)
  }

  /// One entry of `classes`.
  private struct ClassRule: Codable {
    var selfpayProp: Sourced<Rate>?
    init(selfpayProp: Sourced<Rate>?) { self.selfpayProp = selfpayProp }
    private enum CodingKeys: String, CodingKey, CaseIterable { case selfpayProp }
    init(from decoder: any Decoder) throws {
      try decoder.rejectUnknownKeys(CodingKeys.names)
      selfpayProp = try decoder.container(keyedBy: CodingKeys.self).decodeIfPresent(Sourced<Rate>.self, forKey: .selfpayProp)
    }
  }
}
