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

extension FeeLineGenerator {
  /// 混合明细 — a visit exercising every rule of the split, for tests that
  /// compare two implementations of it: quantities with four decimals and
  /// prices with six whose amounts are `cnt × pric` rounded by `rounding`;
  /// prices above their caps; lines stating their own class, 先行自付 ratio,
  /// cap, restricted flag or approval; lines pre-split by the centre; codes
  /// the catalogue does not list; refunds of earlier lines, partial and full.
  ///
  /// With `faults`, a few lines are also wrong the ways a HIS gets them
  /// wrong: an unlisted code without a class, an amount one fen off
  /// `cnt × pric`, a refund of more than was charged, a refund split as a
  /// different class than its line. Quantities and prices stay small enough
  /// that `cnt × pric` fits 64 bits.
  public mutating func mixedVisit(lines count: Int, rounding: RoundingRule, faults: Bool) -> [FeeLine] {
    var lines: [FeeLine] = []
    var refundable: [Int: Int64] = [:]  // line index → quantity not yet refunded
    while lines.count < count {
      let serial = "\(lines.count + 1)"
      if let (o, left) = refundable.sorted(by: { $0.key < $1.key }).dropFirst(Int(next(100)) % max(refundable.count, 1)).first,
        next(100) < 15, left > 0
      {
        let original = lines[o]
        var units = 1 + Int64(next(UInt64(left)))
        if next(100) < 50 { units = left }  // the rest of the line
        if faults && next(100) < 3 { units = left + 1 }
        var refund = original
        refund.serial = serial
        refund.originalSerial = original.serial
        refund.quantity = Quantity(tenThousandths: -units)
        refund.amount = Money(fen: rounding.divide(-units * original.unitPrice.microYuan, by: 100_000_000))
        if faults && next(100) < 3 { refund.itemClass = .classC }
        refundable[o] = left - units
        lines.append(refund)
        continue
      }
      let item = prices[Int(next(UInt64(prices.count)))]
      let unlisted = next(100) < 4
      let units = next(100) < 70 ? (1 + Int64(next(10))) * Quantity.scale : 1 + Int64(next(200_000))
      var micro = (item.cap.map { next(2) == 0 ? $0 : item.fen } ?? item.fen) * 10_000
      if next(100) < 30 { micro += Int64(next(10_000)) - 5_000 }
      var amount = rounding.divide(units * micro, by: 100_000_000)
      if faults && next(100) < 1 { amount += 1 }
      var line = FeeLine(
        serial: serial, itemCode: unlisted ? "UNLISTED\(next(50))" : item.code, quantity: Quantity(tenThousandths: units),
        unitPrice: UnitPrice(microYuan: micro), amount: Money(fen: amount))
      if next(100) < 8 || unlisted && (!faults || next(100) < 85) { line.itemClass = ItemClass.allCases[Int(next(3))] }
      if next(100) < 5 { line.payFirstRatio = Rate(micros: Int64(next(10_001)) * 100) }
      if next(100) < 5 { line.priceCap = UnitPrice(microYuan: micro - Int64(next(UInt64(micro)))) }
      if next(100) < 5 { line.restricted = next(2) == 0 }
      if next(100) < 15 { line.approval = HospitalApproval.allCases[Int(next(3))] }
      if next(100) < 3 {
        let full = Int64(next(UInt64(amount) + 1)), over = Int64(next(UInt64(amount - full) + 1))
        let first = Int64(next(UInt64(amount - full - over) + 1))
        line.presplit = LineParts(fullyOwnPay: full, overLimit: over, payFirst: first, inPolicy: amount - full - over - first)
      } else {
        refundable[lines.count] = units
      }
      lines.append(line)
    }
    return lines
  }

  /// A random number below `bound` (at least 1).
  private mutating func next(_ bound: UInt64) -> UInt64 { rng.next() % max(bound, 1) }
}
