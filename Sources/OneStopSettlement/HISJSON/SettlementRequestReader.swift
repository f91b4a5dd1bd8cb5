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
      if r.matches(key, "claim") {
        try Self.once(&seen, 1); claim = try r.claim()
      } else if r.matches(key, "yearToDate") {
        try Self.once(&seen, 2); ytd = try r.yearToDate()
      } else {
        throw JSONFallback()
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
      if r.matches(key, "id") {
        try Self.once(&seen, 1 << 0); id = try r.string()
      } else if r.matches(key, "kind") {
        try Self.once(&seen, 1 << 1); kind = try r.claimKind()
      } else if r.matches(key, "hospitalLevel") {
        try Self.once(&seen, 1 << 2); hospitalLevel = try r.string()
      } else if r.matches(key, "place") {
        try Self.once(&seen, 1 << 3); place = try r.place()
      } else if r.matches(key, "referred") {
        try Self.once(&seen, 1 << 4); referred = try r.bool()
      } else if r.matches(key, "admissionDate") {
        try Self.once(&seen, 1 << 5); admission = try r.date()
      } else if r.matches(key, "dischargeDate") {
        try Self.once(&seen, 1 << 6); discharge = try r.date()
      } else if r.matches(key, "diagnoses") {
        try Self.once(&seen, 1 << 7)
        try r.array { r throws(JSONFallback) in diagnoses.append(try r.string()) }
      } else if r.matches(key, "designatedHospital") {
        try Self.once(&seen, 1 << 8); designated = try r.bool()
      } else if r.matches(key, "amounts") {
        try Self.once(&seen, 1 << 9); amounts = try r.amounts()
      } else if r.matches(key, "person") {
        try Self.once(&seen, 1 << 10); person = try r.person()
      } else {
        throw JSONFallback()
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
    var parts: (total: Money?, own: Money?, over: Money?, first: Money?, policy: Money?) = (nil, nil, nil, nil, nil)
    var seen: UInt32 = 0
    try object { r, key throws(JSONFallback) in
      if r.matches(key, "medfee_sumamt") {
        try Self.once(&seen, 1 << 0); parts.total = try r.amount()
      } else if r.matches(key, "fulamt_ownpay_amt") {
        try Self.once(&seen, 1 << 1); parts.own = try r.amount()
      } else if r.matches(key, "overlmt_selfpay") {
        try Self.once(&seen, 1 << 2); parts.over = try r.amount()
      } else if r.matches(key, "preselfpay_amt") {
        try Self.once(&seen, 1 << 3); parts.first = try r.amount()
      } else if r.matches(key, "inscp_scp_amt") {
        try Self.once(&seen, 1 << 4); parts.policy = try r.amount()
      } else {
        throw JSONFallback()
      }
    }
    guard let total = parts.total else { throw JSONFallback() }
    let zero = Money(fen: 0)
    let (own, over, first) = (parts.own ?? zero, parts.over ?? zero, parts.first ?? zero)
    let derived = total.fen - own.fen - over.fen - first.fen
    let policy = parts.policy ?? Money(fen: max(derived, 0))
    guard own.fen + over.fen + first.fen + policy.fen == total.fen else { throw JSONFallback() }
    return ClaimAmounts(total: total, fullyOwnPay: own, overLimit: over, payFirst: first, inPolicy: policy)
  }

  /// ``Person``: scheme and `[{code, begin, end}]`.
  mutating func person() throws(JSONFallback) -> Person {
    var person = Person()
    var seen: UInt32 = 0
    try object { r, key throws(JSONFallback) in
      if r.matches(key, "scheme") {
        try Self.once(&seen, 1); person.scheme = try r.string()
      } else if r.matches(key, "identities") {
        try Self.once(&seen, 2)
        try r.array { r throws(JSONFallback) in person.identities.append(try r.identity()) }
      } else {
        throw JSONFallback()
      }
    }
    return person
  }

  /// ``IdentityRecord``: `code` required, `begin` and `end` optional.
  mutating func identity() throws(JSONFallback) -> IdentityRecord {
    var code: String?, begin: CivilDate?, end: CivilDate?
    var seen: UInt32 = 0
    try object { r, key throws(JSONFallback) in
      if r.matches(key, "code") {
        try Self.once(&seen, 1); code = try r.string()
      } else if r.matches(key, "begin") {
        try Self.once(&seen, 2); begin = try r.date()
      } else if r.matches(key, "end") {
        try Self.once(&seen, 4); end = try r.date()
      } else {
        throw JSONFallback()
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
      if r.matches(key, "year") {
        try Self.once(&seen, 1 << 0); y.year = try r.int()
      } else if r.matches(key, "admissions") {
        try Self.once(&seen, 1 << 1); y.admissions = try r.int()
        guard y.admissions < 10_000 else { throw JSONFallback() }
      } else if r.matches(key, "totalCost") {
        try Self.once(&seen, 1 << 2); y.totalCost = try r.amount()
      } else if r.matches(key, "inPolicyCost") {
        try Self.once(&seen, 1 << 3); y.inPolicyCost = try r.amount()
      } else if r.matches(key, "basicDeductiblePaid") {
        try Self.once(&seen, 1 << 4); y.basicDeductiblePaid = try r.amount()
      } else if r.matches(key, "layers") {
        try Self.once(&seen, 1 << 5)
        try r.object { r, id throws(JSONFallback) in
          let name = try r.text(id)
          guard y.layers[name] == nil else { throw JSONFallback() }
          y.layers[name] = try r.layerToDate()
        }
      } else {
        throw JSONFallback()
      }
    }
    return y
  }

  /// One layer's counters: `base` and `paid` by claim kind.
  mutating func layerToDate() throws(JSONFallback) -> YearToDateRecord.LayerToDate {
    var l = YearToDateRecord.LayerToDate(base: Money(fen: 0), paid: [:])
    var seen: UInt32 = 0
    try object { r, key throws(JSONFallback) in
      if r.matches(key, "base") {
        try Self.once(&seen, 1); l.base = try r.amount()
      } else if r.matches(key, "paid") {
        try Self.once(&seen, 2)
        var kinds: UInt32 = 0
        try r.object { r, k throws(JSONFallback) in
          guard let kind = ClaimKind.allCases.first(where: { r.matches(k, $0.staticName) }) else { throw JSONFallback() }
          try Self.once(&kinds, 1 << UInt32(kind.index))
          l.paid[kind.rawValue] = try r.amount()
        }
      } else {
        throw JSONFallback()
      }
    }
    return l
  }

  /// A claim kind by its exact raw value.
  mutating func claimKind() throws(JSONFallback) -> ClaimKind {
    let r = try plainString()
    guard let kind = ClaimKind.allCases.first(where: { matches(r, $0.staticName) }) else { throw JSONFallback() }
    return kind
  }

  /// A place by its exact raw value.
  mutating func place() throws(JSONFallback) -> Place {
    let r = try plainString()
    guard let place = Place.allCases.first(where: { matches(r, $0.staticName) }) else { throw JSONFallback() }
    return place
  }
}

extension ClaimKind {
  /// The raw value, for byte comparison.
  var staticName: StaticString {
    switch self {
    case .inpatient: "inpatient"
    case .outpatientChronic: "outpatientChronic"
    case .generalOutpatient: "generalOutpatient"
    }
  }
}

extension Place {
  /// The raw value, for byte comparison.
  var staticName: StaticString {
    switch self {
    case .inCounty: "inCounty"
    case .inCity: "inCity"
    case .inProvince: "inProvince"
    case .outOfProvince: "outOfProvince"
    }
  }
}
