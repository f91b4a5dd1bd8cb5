internal import Foundation

/// The fast reader of a ``SettlementRequest`` (`{claim, yearToDate}`) from
/// JSON bytes, for the hospital path ``SettlementEngine/settleJSON(_:)``.
///
/// It reads what a HIS sends — any key order, optional fields, escapes,
/// UTF-8 text — straight into the request, without `Codable`. It reads only
/// what it is sure `JSONDecoder` and the types' `init(from:)` accept with the
/// same value: on anything else (malformed JSON, an unknown or repeated key,
/// a wrong type, `null`, a missing field, an amount out of range, amounts
/// that do not add up, dates out of order, a bare claim …) it returns `nil`
/// and ``SettlementRequest/decode(from:)`` decodes the same bytes the
/// `Codable` way, which gives the value or the ``SettlementError`` (code,
/// JSON path, expectation) it always gave.
enum SettlementRequestReader {
  /// The request, or `nil` to decode with `JSONDecoder` instead.
  static func read(_ data: Data) -> SettlementRequest? {
    data.withUnsafeBytes { raw -> SettlementRequest? in
      var r = JSONByteReader(raw.bindMemory(to: UInt8.self))
      do {
        let request = try r.request()
        try r.finish()
        return request
      } catch {
        return nil
      }
    }
  }
}

extension JSONByteReader {
  /// `{"claim": {…}, "yearToDate": {…}}`.
  mutating func request() throws(JSONFallback) -> SettlementRequest {
    var claim: Claim?
    var ytd: YearToDateRecord?
    var seen: UInt32 = 0
    try object { r, key throws(JSONFallback) in
      switch try r.field(key, of: Keys.request, &seen) {
      case 0: claim = try r.claim()
      default: ytd = try r.yearToDate()
      }
    }
    guard let claim else { throw JSONFallback() }
    return SettlementRequest(claim: claim, yearToDate: ytd)
  }

  /// A ``Claim`` with the defaults of `Claim.init(from:)`.
  mutating func claim() throws(JSONFallback) -> Claim {
    var id = "", hospitalLevel: String?, kind: ClaimKind?, place: Place?, referred = false, designated = false
    var admission: CivilDate?, discharge: CivilDate?, diagnoses: [String] = [], amounts: ClaimAmounts?, person = Person()
    var seen: UInt32 = 0
    try object { r, key throws(JSONFallback) in
      switch try r.field(key, of: Keys.claim, &seen) {
      case 0: id = try r.string()
      case 1: kind = try r.claimKind()
      case 2: hospitalLevel = try r.string()
      case 3: place = try r.place()
      case 4: referred = try r.bool()
      case 5: admission = try r.date()
      case 6: discharge = try r.date()
      case 7: try r.array { r throws(JSONFallback) in diagnoses.append(try r.string()) }
      case 8: designated = try r.bool()
      case 9: amounts = try r.amounts()
      default: person = try r.person()
      }
    }
    guard let kind, let hospitalLevel, let place, let discharge, let amounts else { throw JSONFallback() }
    if let admission, discharge < admission { throw JSONFallback() }
    return Claim(
      id: id, kind: kind, hospitalLevel: hospitalLevel, place: place, referred: referred, admissionDate: admission,
      dischargeDate: discharge, diagnoses: diagnoses, designatedHospital: designated, amounts: amounts, person: person)
  }

  /// ``ClaimAmounts``: each part in range, the in-policy part derived as
  /// `ClaimAmounts.init(from:)` derives it, the split adding up.
  mutating func amounts() throws(JSONFallback) -> ClaimAmounts {
    var parts: InlineArray<5, Money?> = [nil, nil, nil, nil, nil]  // in `Keys.amounts` order
    var seen: UInt32 = 0
    try object { r, key throws(JSONFallback) in
      parts[try r.field(key, of: Keys.amounts, &seen)] = try r.amount()
    }
    guard let total = parts[0] else { throw JSONFallback() }
    let zero = Money(fen: 0)
    let (own, over, first) = (parts[1] ?? zero, parts[2] ?? zero, parts[3] ?? zero)
    let derived = total.fen - own.fen - over.fen - first.fen
    let policy = parts[4] ?? Money(fen: max(derived, 0))
    guard own.fen + over.fen + first.fen + policy.fen == total.fen else { throw JSONFallback() }
    return ClaimAmounts(total: total, fullyOwnPay: own, overLimit: over, payFirst: first, inPolicy: policy)
  }

  /// ``Person``: scheme and `[{code, begin, end}]`.
  mutating func person() throws(JSONFallback) -> Person {
    var person = Person()
    var seen: UInt32 = 0
    try object { r, key throws(JSONFallback) in
      switch try r.field(key, of: Keys.person, &seen) {
      case 0: person.scheme = try r.string()
      default: try r.array { r throws(JSONFallback) in person.identities.append(try r.identity()) }
      }
    }
    return person
  }

  /// ``IdentityRecord``: `code` required, `begin` and `end` optional.
  mutating func identity() throws(JSONFallback) -> IdentityRecord {
    var code: String?, begin: CivilDate?, end: CivilDate?
    var seen: UInt32 = 0
    try object { r, key throws(JSONFallback) in
      switch try r.field(key, of: Keys.identity, &seen) {
      case 0: code = try r.string()
      case 1: begin = try r.date()
      default: end = try r.date()
      }
    }
    guard let code else { throw JSONFallback() }
    return IdentityRecord(code: code, begin: begin, end: end)
  }

  /// ``YearToDateRecord`` with the defaults and checks of its `init(from:)`.
  mutating func yearToDate() throws(JSONFallback) -> YearToDateRecord {
    let zero = Money(fen: 0)
    var y = YearToDateRecord(year: 0, admissions: 0, totalCost: zero, inPolicyCost: zero, basicDeductiblePaid: zero, layers: [:])
    var seen: UInt32 = 0
    try object { r, key throws(JSONFallback) in
      switch try r.field(key, of: Keys.yearToDate, &seen) {
      case 0: y.year = try r.int()
      case 1:
        y.admissions = try r.int()
        guard y.admissions < 10_000 else { throw JSONFallback() }
      case 2: y.totalCost = try r.amount()
      case 3: y.inPolicyCost = try r.amount()
      case 4: y.basicDeductiblePaid = try r.amount()
      default:
        try r.object { r, id throws(JSONFallback) in
          let name = try r.text(id)
          guard y.layers[name] == nil else { throw JSONFallback() }
          y.layers[name] = try r.layerToDate()
        }
      }
    }
    return y
  }

  /// One layer's counters: `base` and `paid` by claim kind.
  mutating func layerToDate() throws(JSONFallback) -> YearToDateRecord.LayerToDate {
    var l = YearToDateRecord.LayerToDate(base: Money(fen: 0), paid: [:])
    var seen: UInt32 = 0
    try object { r, key throws(JSONFallback) in
      switch try r.field(key, of: Keys.layerToDate, &seen) {
      case 0: l.base = try r.amount()
      default:
        var kinds: UInt32 = 0
        try r.object { r, k throws(JSONFallback) in
          let kind = ClaimKind.allCases[try r.field(k, of: Keys.claimKinds, &kinds)]
          l.paid[kind.rawValue] = try r.amount()
        }
      }
    }
    return l
  }

  /// A claim kind by its exact raw value.
  mutating func claimKind() throws(JSONFallback) -> ClaimKind {
    var seen: UInt32 = 0
    return ClaimKind.allCases[try field(try plainString(), of: Keys.claimKinds, &seen)]
  }

  /// A place by its exact raw value.
  mutating func place() throws(JSONFallback) -> Place {
    var seen: UInt32 = 0
    return Place.allCases[try field(try plainString(), of: Keys.places, &seen)]
  }

  /// The index of `key` in `names`, marked in `seen`; an unknown or
  /// repeated key gives up.
  @inline(__always)
  func field(_ key: ByteRange, of names: [StaticString], _ seen: inout UInt32) throws(JSONFallback) -> Int {
    for (i, name) in names.enumerated() where matches(key, name) {
      try Self.once(&seen, 1 << UInt32(i))
      return i
    }
    throw JSONFallback()
  }
}

/// The keys (and enum raw values) the reader knows, in the order its
/// `switch`es number them.
private enum Keys {
  static let request: [StaticString] = ["claim", "yearToDate"]
  static let claim: [StaticString] = [
    "id", "kind", "hospitalLevel", "place", "referred", "admissionDate", "dischargeDate", "diagnoses", "designatedHospital",
    "amounts", "person",
  ]
  static let amounts: [StaticString] = ["medfee_sumamt", "fulamt_ownpay_amt", "overlmt_selfpay", "preselfpay_amt", "inscp_scp_amt"]
  static let person: [StaticString] = ["scheme", "identities"]
  static let identity: [StaticString] = ["code", "begin", "end"]
  static let yearToDate: [StaticString] = ["year", "admissions", "totalCost", "inPolicyCost", "basicDeductiblePaid", "layers"]
  static let layerToDate: [StaticString] = ["base", "paid"]
  /// `ClaimKind.allCases` order.
  static let claimKinds: [StaticString] = ["inpatient", "outpatientChronic", "generalOutpatient"]
  /// `Place.allCases` order.
  static let places: [StaticString] = ["inCounty", "inCity", "inProvince", "outOfProvince"]
}
