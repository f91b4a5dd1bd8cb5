public import OneStopSettlement

/// 费用明细 — a seeded drug/service catalogue and visits of fee lines against
/// it, for the `fee-lines` benchmark.
///
/// Illustrative throughout: 2,000 items, about 55 % 甲类, 35 % 乙类 (先行自付
/// 10 % by class, some items 5 % or 20 %, one in ten with a price cap the
/// hospital sometimes exceeds) and 10 % 丙类; prices in whole fen so every
/// line amount is exactly `cnt × pric`.
///
///     var g = FeeLineGenerator(seed: 1)
///     let split = try g.catalogue.split(g.visit(lines: 50))
public struct FeeLineGenerator: Sendable {
  /// Number of catalogue items.
  public static let itemCount = 2_000
  /// The catalogue the lines refer to.
  public let catalogue: Catalogue
  /// Each item's code and usual unit price, fen.
  let prices: [(code: String, fen: Int64, cap: Int64?)]
  /// The random source.
  public var rng: SplitMix64

  /// Creates the catalogue from `seed` and a generator of visits.
  public init(seed: UInt64) {
    rng = SplitMix64(seed: seed)
    var items: [String: CatalogueItem] = [:]
    var prices: [(code: String, fen: Int64, cap: Int64?)] = []
    let illustrative = Provenance(illustrative: true, note: "benchmark catalogue")
    for i in 0..<Self.itemCount {
      let code = "BM\(1_000_000 + i)"
      let fen = 50 + Int64(rng.next() % 200_000)  // 0.50 … 2,000.49
      let roll = rng.next() % 100
      var item = CatalogueItem(itemClass: roll < 55 ? .classA : roll < 90 ? .classB : .classC)
      var cap: Int64? = nil
      if item.itemClass == .classB {
        switch rng.next() % 10 {
        case 0: item.payFirstRatio = Sourced(Rate(micros: 50_000), illustrative)
        case 1: item.payFirstRatio = Sourced(Rate(micros: 200_000), illustrative)
        case 2:
          cap = fen - fen / 10
          item.priceCap = Sourced(UnitPrice(microYuan: (fen - fen / 10) * 10_000), illustrative)
        default: break
        }
      }
      items[code] = item
      prices.append((code, fen, cap))
    }
    self.prices = prices
    catalogue = Catalogue(
      id: "benchmark/catalogue", name: "基准目录（示意）", provenance: illustrative, rounding: .halfUp,
      classes: [.classB: Sourced(Rate(micros: 100_000), illustrative)], items: items)
  }

  /// One visit: `lines` charged lines, serials `1…lines`, 1–10 units each.
  public mutating func visit(lines: Int) -> [FeeLine] {
    (0..<lines).map { i in
      let item = prices[Int(rng.next() % UInt64(prices.count))]
      let units = 1 + Int64(rng.next() % 10)
      // Capped items are charged at the usual price (above the cap) half the time.
      let fen = item.cap.map { rng.next() % 2 == 0 ? $0 : item.fen } ?? item.fen
      return FeeLine(
        serial: "\(i + 1)", itemCode: item.code, quantity: Quantity(tenThousandths: units * Quantity.scale),
        unitPrice: UnitPrice(microYuan: fen * 10_000), amount: Money(fen: units * fen))
    }
  }
}
