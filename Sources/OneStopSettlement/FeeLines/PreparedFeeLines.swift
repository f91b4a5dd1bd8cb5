/// 已准备明细 — a visit's fee lines prepared once for
/// ``CompiledCatalogue/totals(of:roundingPoint:)``, as ``PreparedClaim`` is
/// prepared from a ``Claim``.
///
/// Preparing packs each line (``PackedFeeLine``) and checks what depends on
/// the lines alone — each line's fields (``FeeLine/validate(at:)``), unique
/// serials, and that every refund names an earlier line of the same code and
/// price without exceeding its quantity — and notes what the split can
/// skip for each line: whether its amount is exactly `cnt × pric` (then it
/// passes the amount check under every rule and tolerance) and the sum of
/// the amounts. Nothing here depends on a catalogue: the look-up by item
/// code and the split happen per settlement.
///
/// A visit whose lines fail those checks is still prepared (``isChecked`` is
/// `false`): totalling it reports the first error exactly as
/// ``Catalogue/split(_:roundingPoint:)`` does, with its JSON path.
public struct PreparedFeeLines: Sendable {
  /// Everything, behind one reference (one retain per copy).
  let storage: Storage

  /// The lines as given, in order (for the explained path and its errors).
  public var lines: [FeeLine] { storage.lines }
  /// The lines packed, in the same order.
  public var packed: [PackedFeeLine] { storage.packed }
  /// Each line's 数量 (`cnt`), in the same order, beside the packed lines.
  var quantities: [Quantity] { storage.quantities }
  /// Whether the lines passed their own checks, so the compiled path may
  /// total them without re-checking.
  public var isChecked: Bool { storage.isChecked }

  /// The prepared lines, immutable.
  final class Storage: Sendable {
    let lines: [FeeLine]
    let packed: [PackedFeeLine]
    let quantities: [Quantity]
    /// The attributes lines state themselves, indexed by ``PackedFeeLine``.
    let overrides: [LineOverrides]
    let isChecked: Bool
    /// Σ `det_item_fee_sumamt`, fen (meaningful when ``isChecked``: each
    /// amount is then within ±10¹² fen and there are at most
    /// ``maximumFastLines`` lines, so the sum fits).
    let amountSum: Int64

    init(
      lines: [FeeLine], packed: [PackedFeeLine], quantities: [Quantity], overrides: [LineOverrides], isChecked: Bool,
      amountSum: Int64
    ) {
      self.lines = lines; self.packed = packed; self.quantities = quantities; self.overrides = overrides
      self.isChecked = isChecked
      self.amountSum = amountSum
    }
  }

  /// The most lines the compiled path totals with unchecked sums: each part
  /// of a checked line is below 3 × 10¹² fen, so a million lines stay far
  /// inside 64-bit fen. Longer visits take the explained path.
  static let maximumFastLines = 1_000_000

  /// Packs and checks `lines`.
  ///
  /// - Throws: ``SettlementError/Code/invalidValue`` at
  ///   `feedetail[i].med_list_codg` for an item code that is not at most
  ///   ``ItemCode/capacity`` ASCII characters. Every other problem is
  ///   reported when the lines are totalled.
  public init(_ lines: [FeeLine]) throws(SettlementError) {
    var packed: [PackedFeeLine] = []
    var overrides: [LineOverrides] = []
    packed.reserveCapacity(lines.count)
    var valid = lines.count <= Self.maximumFastLines
    var amountSum: Int64 = 0
    for (i, line) in lines.enumerated() {
      let code = try ItemCode(line.itemCode, at: "feedetail[\(i)].\(FeeLine.CodingKeys.itemCode.rawValue)")
      let stated = ItemAttributes(line)
      var index: Int32 = -1
      if !stated.isEmpty || line.presplit != nil {
        index = Int32(overrides.count)
        overrides.append(LineOverrides(attributes: stated, presplit: line.presplit))
      }
      do throws(SettlementError) { try line.validate(at: "") } catch { valid = false }
      amountSum &+= line.amount.fen
      let exact = LineRule.isExactProduct(quantity: line.quantity, unitPrice: line.unitPrice, amount: line.amount.fen)
      packed.append(PackedFeeLine(
        itemCode: code, codeHash: code.mixedHash, unitPrice: line.unitPrice, amount: line.amount,
        approvalBit: LineRule.bit(of: line.approval),
        unusual: index < 0 && exact ? 0 : 1, overrides: index))
    }
    if valid {
      do throws(SettlementError) { try Catalogue.checkRefunds(lines) { _ in "" } } catch { valid = false }
    }
    storage = Storage(
      lines: lines, packed: packed, quantities: lines.map(\.quantity), overrides: overrides, isChecked: valid,
      amountSum: amountSum)
  }
}
