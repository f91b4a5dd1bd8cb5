/// 年度累计 — a person's year-to-date accumulators, carried between claims.
///
/// Pass the same value (`inout`) to every claim of a person in date order;
/// the engine reads it and adds this claim's amounts. A fresh value (or one
/// from an earlier year) starts the year at zero. Counters per layer are
/// kept by the layer's position in the table; ``SettlementEngine`` converts
/// them to and from the JSON/`cuminfo` forms keyed by layer id.
///
/// | counter | `cum_type_code` family |
/// |---|---|
/// | ``admissions`` | `C0000_BIZ21…` 住院次数 |
/// | ``totalCost`` | `F0000` 总费用累计 |
/// | ``inPolicyCost`` | `S0000` 政策范围内费用累计 |
/// | ``basicDeductiblePaid`` | `Q0000` 累计起付线 |
/// | ``base(layer:)`` | `TS{fund}01` 合规费用累计 |
/// | ``paid(layer:kind:)`` | `D{fund}01` 基金支付累计 |
public struct YearToDate: Sendable, Equatable {
  /// The year these counters belong to (`0` = none yet).
  public var year: Int
  /// 住院次数 — inpatient admissions settled this year.
  public var admissions: Int
  /// 总费用累计 — total medical cost this year, fen.
  public var totalCost: Int64
  /// 政策范围内费用累计 — in-policy cost this year, fen.
  public var inPolicyCost: Int64
  /// 累计起付线 — basic deductible paid this year, fen.
  public var basicDeductiblePaid: Int64
  /// 累计基数 per layer (slot = layer index).
  @usableFromInline var layerBase: InlineArray<8, Int64>
  /// 累计支付 per layer and claim kind (slot = layer × 3 + kind index).
  @usableFromInline var layerPaid: InlineArray<24, Int64>

  /// Empty accumulators. Inlinable, so a caller making fresh accumulators
  /// per claim zeroes them in place instead of calling and copying.
  @inlinable
  public init() {
    year = 0; admissions = 0; totalCost = 0; inPolicyCost = 0; basicDeductiblePaid = 0
    layerBase = InlineArray(repeating: 0)
    layerPaid = InlineArray(repeating: 0)
  }

  /// Starts `year` at zero, in place.
  @inline(__always)
  mutating func start(year: Int) {
    self.year = year; admissions = 0; totalCost = 0; inPolicyCost = 0; basicDeductiblePaid = 0
    for i in 0..<8 { layerBase[i] = 0 }
    for i in 0..<24 { layerPaid[i] = 0 }
  }

  /// 累计基数 — the base accumulated by layer `layer` this year, fen.
  public func base(layer: Int) -> Int64 { layer >= 0 && layer < 8 ? layerBase[layer] : 0 }
  /// Sets the base accumulated by `layer`.
  public mutating func setBase(_ fen: Int64, layer: Int) { if layer >= 0 && layer < 8 { layerBase[layer] = fen } }
  /// 累计支付 — what layer `layer` paid this year for claims of `kind`, fen.
  public func paid(layer: Int, kind: ClaimKind) -> Int64 { layer >= 0 && layer < 8 ? layerPaid[layer &* 3 &+ kind.index] : 0 }
  /// Sets what `layer` paid this year for `kind`.
  public mutating func setPaid(_ fen: Int64, layer: Int, kind: ClaimKind) {
    if layer >= 0 && layer < 8 { layerPaid[layer * 3 + kind.index] = fen }
  }
  /// What `layer` paid this year for all kinds, fen.
  public func paid(layer: Int) -> Int64 { ClaimKind.allCases.reduce(0) { $0 + paid(layer: layer, kind: $1) } }

  public static func == (a: YearToDate, b: YearToDate) -> Bool {
    guard a.year == b.year, a.admissions == b.admissions, a.totalCost == b.totalCost,
      a.inPolicyCost == b.inPolicyCost, a.basicDeductiblePaid == b.basicDeductiblePaid
    else { return false }
    for i in 0..<8 where a.layerBase[i] != b.layerBase[i] { return false }
    for i in 0..<24 where a.layerPaid[i] != b.layerPaid[i] { return false }
    return true
  }
}
