/// Range checks shared by the table's decoders; each names the JSON path.
enum Check {
  /// A rate in 0…1.
  static func rate(_ r: Sourced<Rate>, at path: String) throws {
    guard r.value.micros >= 0, r.value.micros <= Rate.scale else {
      throw SettlementError(.rateOutOfRange, at: path, expected: "a rate between 0 and 1", found: r.value.description)
    }
  }
  /// An amount in 0…``Money/maximumFen``.
  static func amount(_ m: Sourced<Money>, at path: String) throws {
    try amount(m.value, at: path)
  }
  /// An amount in 0…``Money/maximumFen``.
  static func amount(_ m: Money, at path: String) throws {
    guard m.fen >= 0, m.fen <= Money.maximumFen else {
      throw SettlementError(.amountOutOfRange, at: path, expected: "an amount between 0 and 10000000000.00 yuan", found: m.description)
    }
  }
  /// A change of rate within −100…+100 points.
  static func points(_ p: Sourced<Points>, at path: String) throws {
    guard abs(p.value.micros) <= Rate.scale else {
      throw SettlementError(.rateOutOfRange, at: path, expected: "between -100 and 100 points")
    }
  }
}

extension KeyedDecodingContainer {
  /// Decodes a rate in 0…1.
  func rate(_ key: Key) throws -> Sourced<Rate> {
    let r = try decode(Sourced<Rate>.self, forKey: key)
    try Check.rate(r, at: pathDescription(codingPath + [key]))
    return r
  }
  /// Decodes an optional rate in 0…1.
  func rateIfPresent(_ key: Key) throws -> Sourced<Rate>? {
    guard contains(key) else { return nil }
    return try rate(key)
  }
  /// Decodes a non-negative amount.
  func amount(_ key: Key) throws -> Sourced<Money> {
    let m = try decode(Sourced<Money>.self, forKey: key)
    try Check.amount(m, at: pathDescription(codingPath + [key]))
    return m
  }
  /// Decodes an optional non-negative amount.
  func amountIfPresent(_ key: Key) throws -> Sourced<Money>? {
    guard contains(key) else { return nil }
    return try amount(key)
  }
  /// Decodes optional points in −100…100.
  func pointsIfPresent(_ key: Key) throws -> Sourced<Points>? {
    guard contains(key) else { return nil }
    let p = try decode(Sourced<Points>.self, forKey: key)
    try Check.points(p, at: pathDescription(codingPath + [key]))
    return p
  }
}
