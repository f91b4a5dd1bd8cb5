public import Foundation

/// 撤销请求 — a settlement to reverse, with what is needed to check (and,
/// if need be, redo) the settlements that came after it.
///
///     { "prior": { …result… },
///       "cuminfo": [ …the person's accumulators now… ],
///       "later": [ { "request": { … }, "result": { … } } ] }
///
/// A bare result is also accepted (``decode(from:)``): it is reversed on the
/// assumption that it is the person's latest settlement of its year.
public struct ReversalRequest: Sendable, Hashable, Codable {
  /// The settlement to reverse.
  public var prior: PlatformResult
  /// The person's accumulators now (5206); `nil` = those after ``prior``.
  public var currentAccumulators: [CumInfo]?
  /// The settlements after ``prior`` in the same year, oldest first, with
  /// their requests, to be re-settled.
  public var later: [LaterSettlement]

  /// A settlement made after the one being reversed.
  public struct LaterSettlement: Sendable, Hashable, Codable {
    /// Its request.
    public var request: PlatformRequest
    /// Its result.
    public var result: PlatformResult

    /// Creates an entry.
    public init(request: PlatformRequest, result: PlatformResult) { self.request = request; self.result = result }
  }

  /// Creates a request.
  public init(prior: PlatformResult, currentAccumulators: [CumInfo]? = nil, later: [LaterSettlement] = []) {
    self.prior = prior; self.currentAccumulators = currentAccumulators; self.later = later
  }

  enum CodingKeys: String, CodingKey, CaseIterable { case prior, currentAccumulators = "cuminfo", later }

  /// Decodes a request, rejecting unknown keys.
  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    guard c.contains(.prior) else {
      throw SettlementError(.missingField, at: decoder.path(CodingKeys.prior.rawValue), expected: "the prior result to reverse")
    }
    try decoder.rejectUnknownKeys(CodingKeys.names)
    prior = try c.decode(PlatformResult.self, forKey: .prior)
    currentAccumulators = try c.decodeIfPresent([CumInfo].self, forKey: .currentAccumulators)
    later = try c.decodeIfPresent([LaterSettlement].self, forKey: .later) ?? []
  }

  /// Decodes a reversal request, or a bare prior result.
  ///
  /// - Throws: ``SettlementError`` naming the JSON path.
  public static func decode(from data: Data) throws(SettlementError) -> ReversalRequest {
    do {
      return try JSONInput.decode(ReversalRequest.self, from: data)
    } catch where error.code == .missingField && error.jsonPath == "prior" {
      return ReversalRequest(prior: try PlatformResult.decode(from: data))
    }
  }
}
