/// Where the settlement loop writes what it decides, claim by claim and
/// layer by layer. The loop is generic over its sink, so each caller gets a
/// specialised loop that computes only what its sink keeps: a full
/// ``Settlement`` for one claim, or amount columns for a batch.
protocol SettlementSink {
  /// Whether the sink keeps something for layers out of a claim's scope
  /// (a full record does: the base and "not applied"). When neither the
  /// sink nor the trace does, the loop visits only the layers that can pay,
  /// so such a sink must read every other layer of every claim as paying 0
  /// from the start (``ColumnSink``: its columns are zeroed per batch).
  static var reportsEveryLayer: Bool { get }
  /// Layer `layer` does not apply to claim `claim`, whose base there is `base`.
  mutating func notApplied(_ claim: Int, layer: Int, base: Int64)
  /// Layer `layer` applied to claim `claim` with `outcome`.
  mutating func applied(_ claim: Int, layer: Int, _ outcome: LayerOutcome)
  /// Claim `claim` is settled.
  mutating func finish(_ claim: Int, basicDeductible: Int64, funds: Int64, patient: Int64)
}

/// Writes one claim's full ``Settlement``.
struct SettlementRecordSink: SettlementSink {
  /// The settlement being filled in (fresh from ``Settlement/init(claim:)``).
  let settlement: UnsafeMutablePointer<Settlement>

  static var reportsEveryLayer: Bool { true }

  @inline(__always)
  func notApplied(_ claim: Int, layer: Int, base: Int64) { settlement.pointee.setNotApplied(layer, base: base) }

  @inline(__always)
  func applied(_ claim: Int, layer: Int, _ outcome: LayerOutcome) { settlement.pointee.outcomes[unchecked: layer] = outcome }

  @inline(__always)
  func finish(_ claim: Int, basicDeductible: Int64, funds: Int64, patient: Int64) {
    settlement.pointee.basicDeductible = basicDeductible
    settlement.pointee.fundTotal = funds
    settlement.pointee.patient = patient
  }
}

/// Writes each claim's layer amounts, fund total and patient share into
/// the columns of a ``SettlementColumns``.
struct ColumnSink: SettlementSink {
  /// Layer amounts, `layer × stride + claim`.
  let amounts: UnsafeMutablePointer<Int64>
  /// Fund totals and patient shares, by claim.
  let funds: UnsafeMutablePointer<Int64>, patient: UnsafeMutablePointer<Int64>
  /// Claims per layer row of ``amounts``.
  let stride: Int

  static var reportsEveryLayer: Bool { false }

  /// Nothing to do: ``SettlementColumns/reset(layerCount:count:)`` zeroed
  /// the amounts of the whole batch.
  @inline(__always)
  func notApplied(_ claim: Int, layer: Int, base: Int64) {}

  @inline(__always)
  func applied(_ claim: Int, layer: Int, _ outcome: LayerOutcome) { amounts[layer &* stride &+ claim] = outcome.amount }

  @inline(__always)
  func finish(_ claim: Int, basicDeductible: Int64, funds: Int64, patient: Int64) {
    self.funds[claim] = funds
    self.patient[claim] = patient
  }
}
