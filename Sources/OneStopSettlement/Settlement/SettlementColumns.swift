/// 批量结算结果 — the amounts of a batch of settlements, column by column:
/// what each layer paid for each claim, the fund total and the patient
/// share, in fen.
///
/// Filled by ``SettlementEngine/settle(_:into:)`` and
/// ``SettlementEngine/settle(_:personStarts:into:)``. Reuse one value for
/// batch after batch: its storage is kept and only grows.
///
///     var out = SettlementColumns()
///     try engine.settle(claims, into: &out)
///     out.amount(layer: 1, claim: 0)   // 大病保险 paid for the first claim
///     out.fundTotal(claim: 0)          // 基金支付总额
///     out.patient(claim: 0)            // 个人负担
public struct SettlementColumns: Sendable, Equatable {
  /// The number of layers (the engine's).
  public private(set) var layerCount = 0
  /// The number of claims.
  public private(set) var count = 0
  /// Layer amounts (`layer × count + claim`), then fund totals, then patient
  /// shares.
  var storage: [Int64] = []

  /// Empty columns.
  public init() {}

  /// 基金支付 — what layer `layer` paid for claim `claim`, fen (`0` when the
  /// layer did not apply).
  public func amount(layer: Int, claim: Int) -> Int64 {
    layer >= 0 && layer < layerCount && claim >= 0 && claim < count ? storage[layer * count + claim] : 0
  }

  /// 基金支付总额 `fund_pay_sumamt` of claim `claim`, fen.
  public func fundTotal(claim: Int) -> Int64 { claim >= 0 && claim < count ? storage[layerCount * count + claim] : 0 }

  /// 个人负担总金额 `psn_part_amt` of claim `claim`, fen.
  public func patient(claim: Int) -> Int64 { claim >= 0 && claim < count ? storage[(layerCount + 1) * count + claim] : 0 }

  /// What layer `layer` paid for every claim, in claim order.
  public func amounts(layer: Int) -> ArraySlice<Int64> {
    layer >= 0 && layer < layerCount ? storage[layer * count..<(layer + 1) * count] : []
  }

  /// Every claim's fund total, in claim order.
  public var fundTotals: ArraySlice<Int64> { storage[layerCount * count..<(layerCount + 1) * count] }

  /// Every claim's patient share, in claim order.
  public var patients: ArraySlice<Int64> { storage[(layerCount + 1) * count..<(layerCount + 2) * count] }

  /// Makes room for `count` claims of `layerCount` layers: every layer
  /// amount zero (a layer that does not apply pays nothing, so the
  /// settlement writes only the layers that do), fund totals and patient
  /// shares unspecified.
  mutating func reset(layerCount: Int, count: Int) {
    self.layerCount = layerCount
    self.count = count
    let needed = (layerCount + 2) * count
    if storage.count < needed {
      storage = Array(repeating: 0, count: needed)
    } else {
      // One pass over the amounts (vectorised), not a store per claim and layer in the loop.
      storage.withUnsafeMutableBufferPointer { b in b.baseAddress?.update(repeating: 0, count: layerCount * count) }
    }
  }

  /// Runs `body` with a sink writing into these columns.
  mutating func withSink(_ body: (inout ColumnSink) throws(SettlementError) -> Void) throws(SettlementError) {
    let (layers, count) = (layerCount, self.count)
    var failure: SettlementError?
    storage.withUnsafeMutableBufferPointer { buffer in
      guard let p = buffer.baseAddress else { return }
      var sink = ColumnSink(amounts: p, funds: p + layers * count, patient: p + (layers + 1) * count, stride: count)
      do throws(SettlementError) { try body(&sink) } catch { failure = error }
    }
    if let failure { throw failure }
  }

  /// Equal when both hold the same layers and claims with the same amounts
  /// (spare storage kept from an earlier, longer batch is not compared).
  public static func == (a: SettlementColumns, b: SettlementColumns) -> Bool {
    let n = (a.layerCount + 2) * a.count
    return a.layerCount == b.layerCount && a.count == b.count && a.storage.prefix(n) == b.storage.prefix(n)
  }
}
