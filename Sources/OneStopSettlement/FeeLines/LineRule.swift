/// 分割规则 — what one fee line is split by, once the line's own attributes
/// and its catalogue entry are merged (see ``Catalogue``, “Which value a line
/// gets”): class, 先行自付 ratio, price cap and restricted use.
///
/// ``Catalogue/split(_:roundingPoint:)`` resolves one per line from the
/// catalogue's dictionaries; a ``CompiledCatalogue`` resolves one per item
/// once, when it is built. Both then split the line by
/// ``split(quantity:unitPrice:amount:approvalBit:presplit:rounding:exact:)`` —
/// the one implementation of the split rules.
struct LineRule: Sendable, Hashable {
  /// 收费项目等级 — class 甲/乙/丙.
  let itemClass: ItemClass
  /// 先行自付比例 — pay-first ratio (`selfpay_prop`).
  let payFirstRatio: Rate
  /// 定价上限金额 — price cap per unit, micro-yuan; `Int64.max` = none (no
  /// price is above it, so the over-cap test needs no separate flag).
  let capMicroYuan: Int64
  /// 限制使用 — restricted-use item.
  let restricted: Bool
  /// Whether a line is wholly self-paid (全自费), by its approval flag:
  /// bit 0 for none (or `0`), bit 1 for `1`, bit 2 for `2` — class 丙, or
  /// ``HospitalApproval/selfPaid(restricted:)``.
  let selfPaidBy: UInt8

  /// 定价上限金额, if any.
  var priceCap: UnitPrice? { capMicroYuan == .max ? nil : UnitPrice(microYuan: capMicroYuan) }

  /// A rule from its parts.
  init(itemClass: ItemClass, payFirstRatio: Rate, priceCap: UnitPrice?, restricted: Bool) {
    self.itemClass = itemClass; self.payFirstRatio = payFirstRatio
    capMicroYuan = priceCap?.microYuan ?? .max
    self.restricted = restricted
    var bits: UInt8 = 0
    for (bit, flag) in [(1, HospitalApproval.none), (2, .approved), (4, .selfPay)]
    where itemClass == .classC || flag.selfPaid(restricted: restricted) {
      bits |= UInt8(bit)
    }
    selfPaidBy = bits
  }

  /// The bit of ``selfPaidBy`` for approval flag `approval`.
  static func bit(of approval: HospitalApproval?) -> UInt8 {
    switch approval {
    case .approved?: 2
    case .selfPay?: 4
    case .none?, nil: 1
    }
  }

  /// Whether a line whose approval flag has bit `approvalBit`
  /// (``bit(of:)``) is wholly self-paid.
  @inline(__always)
  func isSelfPaid(approvalBit: UInt8) -> Bool { selfPaidBy & approvalBit != 0 }

  /// The rule of a line: for each attribute the line's own, else the
  /// entry's; the ratio then falls back to the class's, then 0.
  ///
  /// - Returns: `nil` when neither the line nor the entry gives a class
  ///   (an item the catalogue does not know).
  init?(line: ItemAttributes, entry: ItemAttributes?, classRatios: ClassRatios) {
    guard let cls = line.itemClass ?? entry?.itemClass else { return nil }
    self.init(
      itemClass: cls, payFirstRatio: line.payFirstRatio ?? entry?.payFirstRatio ?? classRatios[cls] ?? .zero,
      priceCap: line.priceCap ?? entry?.priceCap, restricted: line.restricted ?? entry?.restricted ?? false)
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
