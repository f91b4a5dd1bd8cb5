public import Foundation

/// 结算请求 — a claim with the person's accumulators, as JSON.
///
///     { "claim": { … }, "yearToDate": { … } }
public struct SettlementRequest: Sendable, Hashable, Codable {
  /// The claim.
  public var claim: Claim
  /// Accumulators before this claim (absent = start of year).
  public var yearToDate: YearToDateRecord?

  /// Creates a request.
  public init(claim: Claim, yearToDate: YearToDateRecord? = nil) { self.claim = claim; self.yearToDate = yearToDate }

  private enum CodingKeys: String, CodingKey, CaseIterable { case claim, yearToDate }

  /// Decodes a request, rejecting unknown keys.
  public init(from decoder: any Decoder) throws {
    try decoder.rejectUnknownKeys(CodingKeys.names)
    let c = try decoder.container(keyedBy: CodingKeys.self)
    claim = try c.decode(Claim.self, forKey: .claim)
    yearToDate = try c.decodeIfPresent(YearToDateRecord.self, forKey: .yearToDate)
  }

  /// Decodes a request from JSON, or a bare claim.
  ///
  /// Well-formed requests are read by ``SettlementRequestReader``; anything
  /// it does not read (including every invalid input) is decoded with
  /// `JSONDecoder`, which gives the value or the error.
  ///
  /// - Throws: ``SettlementError`` naming the JSON path.
  public static func decode(from data: Data) throws(SettlementError) -> SettlementRequest {
    if let request = SettlementRequestReader.read(data) { return request }
    return try decodeWithCodable(from: data)
  }

  /// Decodes a request (or a bare claim) with `JSONDecoder` and the types'
  /// `init(from:)`: the reference behaviour, and every error's source.
  static func decodeWithCodable(from data: Data) throws(SettlementError) -> SettlementRequest {
    do {
      return try JSONInput.decode(SettlementRequest.self, from: data)
    } catch where error.code == .missingField && error.jsonPath == "claim" {
      return SettlementRequest(claim: try JSONInput.decode(Claim.self, from: data))
    }
  }
}

extension Claim {
  /// Decodes a claim from JSON.
  public static func decode(from data: Data) throws(SettlementError) -> Claim {
    try JSONInput.decode(Claim.self, from: data)
  }
}

extension SettlementEngine {
  /// Settles a JSON request and returns the JSON ``SettlementRecord``.
  ///
  /// The whole hospital path in one call: decode, resolve codes, settle,
  /// render with `setl_proc_info`. Nothing is returned on error.
  ///
  /// - Throws: ``SettlementError`` naming the JSON path of bad input.
  public func settleJSON(_ data: Data) throws(SettlementError) -> Data {
    let request = try SettlementRequest.decode(from: data)
    return SettlementRecordWriter.encode(try settle(request).record)
  }

  /// Settles a decoded request, with trace, returning the record and the
  /// engine-form settlement.
  public func settle(_ request: SettlementRequest) throws(SettlementError) -> (record: SettlementRecord, settlement: Settlement, trace: [TraceStep]) {
    let prepared: PreparedClaim
    do { prepared = try prepare(request.claim) } catch { throw error.located(under: "claim") }
    var ytd = YearToDate()
    if let r = request.yearToDate { ytd = try yearToDate(from: r) }
    var trace = StepTrace()
    let s = try settle(prepared, yearToDate: &ytd, trace: &trace)
    return (record(of: s, claimId: request.claim.id, trace: trace.steps, yearToDate: ytd), s, trace.steps)
  }
}

extension SettlementRecord {
  /// The record as pretty JSON with sorted keys.
  public func encoded() -> Data { SettlementRecordWriter.encode(self) }
}
