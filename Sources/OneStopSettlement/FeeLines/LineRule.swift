/// 分割规则 — what one fee line is split by, once the line's own attributes
/// and its catalogue entry are merged (see ``Catalogue``, “Which value a line
/// gets”): class, 先行自付 ratio, price cap and restricted use.
///
/// ``Catalogue/split(_:roundingPoint:)`` resolves one per line from the
/// catalogue's dictionaries; a ``CompiledCatalogue`` resolves one per item
/// once, when it is built. Both then split the line by
/// ``split(quantity:unitPrice:amount:approval:presplit:rounding:exact:)`` —
/// the one implementation of the split rules.
struct LineRule: Sendable, Hashable {
  /// 收费项目等级 — class 甲/乙/丙.
  var itemClass: ItemClass
  /// 先行自付比例 — pay-first ratio (`selfpay_prop`).
  var payFirstRatio: Rate
  /// 定价上限金额 — price cap per unit; `nil` = none.
  var priceCap: UnitPrice?
  /// 限制使用 — restricted-use item.
  var restricted: Bool

  /// A rule from its parts.
  init(itemClass: ItemClass, payFirstRatio: Rate, priceCap: UnitPrice?, restricted: Bool) {
    self.itemClass = itemClass; self.payFirstRatio = payFirstRatio; self.priceCap = priceCap; self.restricted = restricted
  }

  /// The rule of a line: for each attribute the line's own, else the
  /// entry's; the ratio then falls back to the class's, then 0.
  ///
  /// - Returns: `nil` when neither the line nor the entry gives a class
  ///   (an item the catalogue does not know).
  @inline(__always)
  init?(line: ItemAttributes, entry: ItemAttributes?, classRatios: ClassRatios) {
    guard let cls = line.itemClass ?? entry?.itemClass else { return nil }
    itemClass = cls
    payFirstRatio = line.payFirstRatio ?? entry?.payFirstRatio ?? classRatios[cls] ?? .zero
    priceCap = line.priceCap ?? entry?.priceCap
    restricted = line.restricted ?? entry?.restricted ?? false
  }
}

/// 项目属性 — an item's attributes as one source states them: a fee line's
/// own fields (`chrgitm_lv`, `selfpay_prop`, `pric_uplmt_amt`,
/// `lmt_used_flag`) or a catalogue entry. `nil` = not stated there.
struct ItemAttributes: Sendable, Hashable {
  /// 收费项目等级.
  var itemClass: ItemClass?
  /// 先行自付比例.
  var payFirstRatio: Rate?
  /// 定价上限金额.
  var priceCap: UnitPrice?
  /// 限制使用.
  var restricted: Bool?

  /// Nothing stated.
  init() {}

  /// Attributes stated by a fee line.
  init(_ line: FeeLine) {
    itemClass = line.itemClass; payFirstRatio = line.payFirstRatio
    priceCap = line.priceCap; restricted = line.restricted
  }

  /// Attributes stated by a catalogue entry.
  init(_ item: CatalogueItem) {
    itemClass = item.itemClass; payFirstRatio = item.payFirstRatio?.value
    priceCap = item.priceCap?.value; restricted = item.restricted
  }

  /// Whether nothing is stated.
  var isEmpty: Bool { itemClass == nil && payFirstRatio == nil && priceCap == nil && restricted == nil }
}

/// 按等级先行自付比例 — a catalogue's pay-first ratio per class
/// (``Catalogue/classes``), read without a dictionary.
struct ClassRatios: Sendable, Hashable {
  private var classA: Rate?, classB: Rate?, classC: Rate?

  /// The ratios of `classes`.
  init(_ classes: [ItemClass: Sourced<Rate>]) {
    classA = classes[.classA]?.value; classB = classes[.classB]?.value; classC = classes[.classC]?.value
  }

  /// The ratio of class `c`, if the catalogue gives one.
  subscript(_ c: ItemClass) -> Rate? {
    switch c {
    case .classA: classA
    case .classB: classB
    case .classC: classC
    }
  }
}
