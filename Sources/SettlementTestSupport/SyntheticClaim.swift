public import OneStopSettlement

/// 合成申请 — one synthetic claim against a table (by default
/// ``BenchmarkTable``), in a form that renders both as the engine's
/// ``PreparedClaim`` and as the JSON-side ``Claim`` a hospital would send.
public struct SyntheticClaim: Sendable, Hashable {
  /// Kind of claim.
  public var kind: ClaimKind
  /// Index into the table's hospital levels.
  public var level: Int
  /// Place of treatment.
  public var place: Place
  /// Referred admission.
  public var referred: Bool
  /// Bit `i` set when the person holds the table's identity `i`.
  public var identities: UInt64
  /// Discharge year, month (1…12) and day (1…28).
  public var year: Int, month: Int, day: Int
  /// 医疗费总额, 全自费, 超限价自费, 先行自付, 政策范围内 — fen.
  public var total: Int64, fullyOwnPay: Int64, overLimit: Int64, payFirst: Int64, inPolicy: Int64

  /// The claim as the engine settles it.
  public var prepared: PreparedClaim {
    PreparedClaim(
      total: total, fullyOwnPay: fullyOwnPay, overLimit: overLimit, payFirst: payFirst, inPolicy: inPolicy,
      kind: kind, level: level, place: place, referred: referred, identities: identities, year: year)
  }

  /// The claim as a hospital sends it to `table` (level and identity ids,
  /// dates, yuan amounts).
  public func claim(id: String, table: PolicyTable) throws(SettlementError) -> Claim {
    let records = table.identities.indices
      .filter { identities & (1 << UInt64($0)) != 0 }
      .map { IdentityRecord(code: table.identities[$0].id) }
    return Claim(
      id: id, kind: kind, hospitalLevel: table.hospitalLevels[level].id, place: place, referred: referred,
      dischargeDate: try CivilDate(year: year, month: month, day: day),
      amounts: ClaimAmounts(
        total: Money(fen: total), fullyOwnPay: Money(fen: fullyOwnPay), overLimit: Money(fen: overLimit),
        payFirst: Money(fen: payFirst), inPolicy: Money(fen: inPolicy)),
      person: Person(identities: records))
  }
}
