public import Foundation

/// 结算结果 (接口) — the response to a platform request: `setlinfo`,
/// `setldetail[]`, the per-line split, and the accumulators to post.
///
///     { "transaction": "settle", "infno": "2304", "setl_id": "OSS…",
///       "setlinfo": { … }, "setldetail": [ … ], "feedetail": [ … ],
///       "cuminfo": [ … deltas … ], "cuminfo_after": [ … ] }
///
/// A result is also the input of a reversal (``PlatformEngine/reverse(_:currentAccumulators:later:)``),
/// so it carries everything needed to negate it exactly.
public struct PlatformResult: Sendable, Hashable, Codable {
  /// The transaction that produced it.
  public var transaction: TransactionKind
  /// The national transaction number it corresponds to (`2304`, `2207` …).
  public var infno: String
  /// 结算ID of this result.
  public var settlementId: String
  /// 原结算ID — for a reversal or a re-settlement, the settlement it replaces.
  public var originalSettlementId: String?
  /// The policy table's id.
  public var table: String
  /// The region profile's id.
  public var profile: String
  /// The catalogue's id.
  public var catalogue: String
  /// 出院 / 结算日期 of the request (`endtime`): the accumulation year.
  public var dischargeDate: CivilDate
  /// 结算信息 (`setlinfo`).
  public var setlinfo: PlatformSetlInfo
  /// 基金分项 (`setldetail[]`), one line per layer that applied.
  public var setldetail: [SettlementRecord.SetlDetail]
  /// 明细分割 (2301 output shape), one per line settled now.
  public var lines: [FeeLineSplit]
  /// Where sub-fen line parts were rounded.
  public var roundingPoint: RoundingPoint
  /// `setlinfo` four-way totals minus the sum of ``lines``; present only
  /// when they differ (rounding on totals, or an interim part).
  public var lineDrift: LineParts?
  /// 累计信息 to post: this settlement's change of every mapped accumulator.
  public var accumulatorDeltas: [CumInfo]
  /// 累计信息 after this settlement (of its year).
  public var accumulatorsAfter: [CumInfo]

  enum CodingKeys: String, CodingKey, CaseIterable {
    case transaction, infno, settlementId = "setl_id", originalSettlementId = "init_setl_id", table, profile, catalogue
    case dischargeDate = "endtime"
    case setlinfo, setldetail, lines = "feedetail", roundingPoint = "rounding_point", lineDrift = "line_drift"
    case accumulatorDeltas = "cuminfo", accumulatorsAfter = "cuminfo_after"
  }

  /// Decodes a result (e.g. a prior result to reverse).
  ///
  /// - Throws: ``SettlementError`` naming the JSON path.
  public static func decode(from data: Data) throws(SettlementError) -> PlatformResult {
    try JSONInput.decode(PlatformResult.self, from: data)
  }

  /// The result as pretty JSON with sorted keys.
  public func encoded() -> Data { JSONOutput.encode(self) }
}
