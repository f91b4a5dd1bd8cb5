/// 已解析申请 — a claim with every code resolved against one engine's table.
///
/// Produced by ``SettlementEngine/prepare(_:)``; all fields are plain
/// integers, so settling it allocates nothing and touches no strings. Batch
/// callers that already hold indices can build one directly.
public struct PreparedClaim: Sendable, Hashable {
  /// 医疗费总额, fen.
  public var total: Int64
  /// 全自费, fen.
  public var fullyOwnPay: Int64
  /// 超限价自费, fen.
  public var overLimit: Int64
  /// 先行自付, fen.
  public var payFirst: Int64
  /// 政策范围内, fen.
  public var inPolicy: Int64
  // (Word-sized fields first, then the one-byte ones: 80 bytes a claim, not 104.)
  /// Index into the table's `hospitalLevels`.
  public var level: Int
  /// Bit `i` set when the person holds the table's identity `i` (precedence order).
  public var identities: UInt64
  /// Accumulation year (of the discharge date).
  public var year: Int
  /// Bit `i` set when a diagnosis is on the table's disease list `i`.
  public var diseaseLists: UInt64
  /// Kind of claim.
  public var kind: ClaimKind { didSet { derive() } }
  /// Place of treatment.
  public var place: Place { didSet { derive() } }
  /// Referred admission.
  public var referred: Bool { didSet { derive() } }
  /// Treated at a designated hospital.
  public var designatedHospital: Bool { didSet { derive() } }
  /// Kind, place, referral and designated hospital as the engine indexes
  /// them, kept with the fields they come from (in the struct's padding):
  /// the claim's shape, `(kind × 4 + place) × 4 + referred × 2 + designated`
  /// (below 48), and the level-free part of its ``ClaimKey``,
  /// `(place × 2 + choice) × 4 + kind` (below 32; `choice`: 0 when referred
  /// or in county, else 1).
  private(set) var shape: UInt8 = 0, keyInLevel: UInt8 = 0

  /// Creates a prepared claim; ``SettlementEngine/settle(_:yearToDate:)``
  /// re-checks amounts and indices, so a bad one gets a typed error.
  public init(
    total: Int64, fullyOwnPay: Int64 = 0, overLimit: Int64 = 0, payFirst: Int64 = 0, inPolicy: Int64,
    kind: ClaimKind, level: Int, place: Place, referred: Bool = false, identities: UInt64 = 0, year: Int,
    diseaseLists: UInt64 = 0, designatedHospital: Bool = false
  ) {
    self.total = total; self.fullyOwnPay = fullyOwnPay; self.overLimit = overLimit
    self.payFirst = payFirst; self.inPolicy = inPolicy; self.kind = kind; self.level = level
    self.place = place; self.referred = referred; self.identities = identities; self.year = year
    self.diseaseLists = diseaseLists; self.designatedHospital = designatedHospital
    derive()
  }

  /// Sets ``shape`` and ``keyInLevel`` from the fields they come from.
  private mutating func derive() {
    let (k, p) = (UInt8(kind.index), UInt8(place.index))
    shape = (k &* 4 &+ p) &* 4 &+ (referred ? 2 : 0) &+ (designatedHospital ? 1 : 0)
    keyInLevel = ClaimKey.inLevel(kind: kind, place: place, referred: referred)
  }
}
