/// 编译目录 — a ``Catalogue`` compiled once for splitting many visits: each
/// item code hashed into a dense index, each item's rule (class, 先行自付
/// ratio, price cap, restricted use) resolved into a flat array.
///
/// ``totals(of:roundingPoint:)`` looks every line of a ``PreparedFeeLines``
/// up by item code and returns, to the fen, the totals
/// ``Catalogue/split(_:roundingPoint:)`` returns — same split rules (one
/// implementation, shared), same rounding points, refunds and errors — with
/// no strings, dictionaries, existentials or allocation per line. The
/// per-line detail (2301 `result[]`, memos) stays with
/// ``Catalogue/split(_:roundingPoint:)``.
///
///     let compiled = try CompiledCatalogue(catalogue)      // once per catalogue download
///     let visit = try PreparedFeeLines(lines)              // once per visit's lines
///     let totals = try compiled.totals(of: visit)          // per settlement
///
/// **Limits.** Item codes are packed as ``ItemCode`` (at most 32 ASCII
/// characters): a longer catalogue code is an error when compiling, a longer
/// line code when preparing. Compiling also checks what
/// ``Catalogue/decode(from:)`` checks (ratios 0…1 with four decimals, caps
/// and tolerance in range), so a catalogue built in code gets the same errors.
public struct CompiledCatalogue: Sendable {
  /// The catalogue compiled; the explained path splits by it.
  public let catalogue: Catalogue
  /// The listed items by code, with their rules.
  let table: ItemCodeTable
  /// Each listed item's attributes by dense index, then those of codes not
  /// listed (the ``Catalogue/defaultItem``'s when ``Catalogue/unknownItems``
  /// is `useDefault`, else none) — for the unusual line.
  let entries: [ItemAttributes?]
  /// The catalogue's 先行自付 ratio per class.
  let classRatios: ClassRatios

  /// The number of listed items.
  public var itemCount: Int { table.count }

  /// Compiles `catalogue`.
  ///
  /// - Throws: ``SettlementError`` naming the catalogue path: `.invalidValue`
  ///   for an item code that is not at most 32 ASCII characters
  ///   (`items.<code>`), and the range checks of ``Catalogue/decode(from:)``
  ///   (`items.<code>.selfpayProp`, `.priceCap`, `classes.<class>.selfpayProp`,
  ///   `default…`, `lineAmountTolerance`).
  public init(_ catalogue: Catalogue) throws(SettlementError) {
    try Self.check(catalogue)
    let ratios = ClassRatios(catalogue.classes)
    var items: [(code: ItemCode, rule: LineRule)] = []
    var entries: [ItemAttributes?] = []
    items.reserveCapacity(catalogue.items.count)
    for (text, item) in catalogue.items.sorted(by: { $0.key < $1.key }) {
      let code = try ItemCode(text, at: "items.\(text)")
      let entry = ItemAttributes(item)
      // An entry always has a class, so it always has a rule.
      guard let rule = LineRule(line: ItemAttributes(), entry: entry, classRatios: ratios) else { continue }
      items.append((code, rule))
      entries.append(entry)
    }
    let fallback = catalogue.unknownItems == .useDefault ? catalogue.defaultItem.map(ItemAttributes.init) : nil
    entries.append(fallback)
    do {
      table = try ItemCodeTable(items)
    } catch {
      // Unreachable in practice: distinct strings pack to distinct codes, which
      // some seed spreads unless two of them have the same 64-bit hash.
      switch error {
      case .duplicate(let i):
        throw SettlementError(.duplicateDefinition, at: "items", expected: "distinct item codes", found: items[i].code.description)
      case .noLayout:
        throw SettlementError(.invalidValue, at: "items", expected: "item codes a hash table can spread")
      }
    }
    self.catalogue = catalogue
    self.entries = entries
    classRatios = ratios
  }

  /// The dense index of `code` (its rank among the listed codes in string
  /// order), or `nil` when the catalogue does not list it.
  public func index(of code: ItemCode) -> Int? {
    table.slot(of: code).map { Int($0.pointee.index) }
  }

  /// Checks the numbers ``Catalogue/decode(from:)`` checks.
  static func check(_ c: Catalogue) throws(SettlementError) {
    func checkCap(_ cap: UnitPrice?, at path: String) throws(SettlementError) {
      if let cap, cap.microYuan < 0 || cap.microYuan > FeeLine.maximumPrice {
        throw SettlementError(.amountOutOfRange, at: path, expected: "a price cap from 0 to 10000000000", found: cap.description)
      }
    }
    func checkItem(_ item: CatalogueItem, at path: String) throws(SettlementError) {
      try item.payFirstRatio?.value.checkPayFirstRatio(at: path + ".selfpayProp")
      try checkCap(item.priceCap?.value, at: path + ".priceCap")
    }
    guard c.lineAmountTolerance.fen >= 0, c.lineAmountTolerance.fen <= Money.maximumFen else {
      throw SettlementError(.amountOutOfRange, at: "lineAmountTolerance",
        expected: "an amount between 0 and 10000000000.00 yuan", found: c.lineAmountTolerance.description)
    }
    for (cls, ratio) in c.classes.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
      try ratio.value.checkPayFirstRatio(at: "classes.\(cls.chineseName).selfpayProp")
    }
    if let d = c.defaultItem { try checkItem(d, at: "default") }
    for (code, item) in c.items.sorted(by: { $0.key < $1.key }) { try checkItem(item, at: "items.\(code)") }
  }
}
