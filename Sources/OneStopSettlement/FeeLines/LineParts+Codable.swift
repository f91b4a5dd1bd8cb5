extension LineParts: Codable {
  private enum CodingKeys: String, CodingKey, CaseIterable {
    case fullyOwnPay = "fulamt_ownpay_amt", overLimit = "overlmt_amt", payFirst = "preselfpay_amt", inPolicy = "inscp_scp_amt"
  }

  /// Decodes the four parts as yuan (absent = 0).
  public init(from decoder: any Decoder) throws {
    try decoder.rejectUnknownKeys(CodingKeys.names)
    let c = try decoder.container(keyedBy: CodingKeys.self)
    func part(_ k: CodingKeys) throws -> Int64 { try c.decodeIfPresent(Money.self, forKey: k)?.fen ?? 0 }
    self.init(fullyOwnPay: try part(.fullyOwnPay), overLimit: try part(.overLimit), payFirst: try part(.payFirst), inPolicy: try part(.inPolicy))
  }

  /// Encodes the four parts as yuan with two decimals.
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(Money(fen: fullyOwnPay), forKey: .fullyOwnPay)
    try c.encode(Money(fen: overLimit), forKey: .overLimit)
    try c.encode(Money(fen: payFirst), forKey: .payFirst)
    try c.encode(Money(fen: inPolicy), forKey: .inPolicy)
  }
}
