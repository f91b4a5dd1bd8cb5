public import Foundation

/// 撤销结果 — the reversal of a settlement and, when later settlements used
/// its accumulators, their reversals and re-settlements.
///
///     { "reversal": { …negated prior… },
///       "resettled": [ { "reversal": { … }, "settlement": { … } } ],
///       "cuminfo": [ …net change to post… ] }
public struct PlatformReversal: Sendable, Hashable, Codable {
  /// The exact negation of the prior settlement.
  public var reversal: PlatformResult
  /// Each later settlement, reversed and settled again, oldest first.
  public var resettled: [Resettlement]
  /// 累计信息 to post: the net change of every accumulator.
  public var accumulatorDeltas: [CumInfo]

  /// One later settlement redone.
  public struct Resettlement: Sendable, Hashable, Codable {
    /// The negation of the later settlement as it was.
    public var reversal: PlatformResult
    /// The same request settled on the corrected accumulators.
    public var settlement: PlatformResult
  }

  enum CodingKeys: String, CodingKey, CaseIterable { case reversal, resettled, accumulatorDeltas = "cuminfo" }

  /// The reversal as pretty JSON with sorted keys.
  public func encoded() -> Data { JSONOutput.encode(self) }
}
