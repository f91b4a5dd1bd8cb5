import Foundation
import SettlementTestSupport
import Testing

@testable import OneStopSettlement

/// The hospital JSON path's hand-written reader and writer against the
/// `Codable` path they replace (``SettlementRequest/decodeWithCodable(from:)``,
/// ``JSONOutput/encode(_:)``): same values, same bytes, same errors, over
/// seeded random requests and malformed inputs.
@Suite struct HISJSONFastPathTests {
  // MARK: - Random requests, written in many JSON styles

  /// Text that exercises escaping: quotes, backslash, slash, control
  /// characters, DEL, CJK, combining marks, emoji, U+2028.
  static let alphabet: [String] = [
    "A", "z", "0", "9", "-", "_", " ", "\"", "\\", "/", "\n", "\t", "\r", "\u{8}", "\u{c}", "\u{1}", "\u{1f}", "\u{7f}",
    "é", "e\u{301}", "中", "医保", "😀", "\u{2028}", "ß",
  ]

  static func text(_ rng: inout SplitMix64, maxLength: Int = 8) -> String {
    (0..<Int(rng.next() % UInt64(maxLength + 1))).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] }.joined()
  }

  /// A JSON writer that varies key order, whitespace, number style and escapes.
  struct Styler {
    var rng: SplitMix64

    mutating func chance(_ percent: UInt64) -> Bool { rng.next() % 100 < percent }

    mutating func space() -> String {
      switch rng.next() % 6 {
      case 0: return " "
      case 1: return "\n  "
      case 2: return "\t"
      case 3: return "\r\n"
      default: return ""
      }
    }

    mutating func object(_ members: [(String, String)]) -> String {
      var m = members
      if chance(50) { m.shuffle(using: &rng) }
      return "{" + space() + m.map { "\"\($0.0)\"" + space() + ":" + space() + $0.1 }.joined(separator: space() + "," + space()) + space() + "}"
    }

    mutating func array(_ items: [String]) -> String { "[" + space() + items.joined(separator: "," + space()) + space() + "]" }

    /// A JSON string, some characters written as `\uXXXX` or `\/`.
    mutating func string(_ s: String) -> String {
      var out = "\""
      for u in s.unicodeScalars {
        switch u {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += chance(50) ? "\\n" : "\\u000a"
        case "\t": out += "\\t"
        case "\r": out += "\\r"
        case "\u{8}": out += "\\b"
        case "\u{c}": out += "\\f"
        case "/" where chance(50): out += "\\/"
        case _ where u.value < 0x20 || (u.value < 0xD800 && chance(5)):
          out += "\\u" + String(repeating: "0", count: 4 - String(u.value, radix: 16).count) + String(u.value, radix: 16, uppercase: chance(50))
        default: out.unicodeScalars.append(u)
        }
      }
      return out + "\""
    }

    /// An amount as a string or a number, with optional trailing zeros.
    mutating func money(_ m: Money) -> String {
      var t = m.description
      if chance(30), t.hasSuffix(".00") { t.removeLast(3) }
      if chance(20), t.contains(".") { t += "0" }
      return chance(50) ? "\"\(t)\"" : t
    }

    mutating func date(_ d: CivilDate) -> String { "\"\(d)\"" }

    mutating func request(_ r: SettlementRequest) -> String {
      var members = [("claim", claim(r.claim))]
      if let y = r.yearToDate { members.append(("yearToDate", yearToDate(y))) }
      return space() + object(members) + space()
    }

    mutating func claim(_ c: Claim) -> String {
      var m: [(String, String)] = [
        ("kind", "\"\(c.kind.rawValue)\""), ("hospitalLevel", string(c.hospitalLevel)), ("place", "\"\(c.place.rawValue)\""),
        ("dischargeDate", date(c.dischargeDate)), ("amounts", amounts(c.amounts)),
      ]
      if !c.id.isEmpty || chance(50) { m.append(("id", string(c.id))) }
      if c.referred || chance(50) { m.append(("referred", "\(c.referred)")) }
      if c.designatedHospital || chance(50) { m.append(("designatedHospital", "\(c.designatedHospital)")) }
      if let a = c.admissionDate { m.append(("admissionDate", date(a))) }
      if !c.diagnoses.isEmpty || chance(50) { m.append(("diagnoses", array(c.diagnoses.map { string($0) }))) }
      if c.person != Person() || chance(50) { m.append(("person", person(c.person))) }
      return object(m)
    }

    mutating func amounts(_ a: ClaimAmounts) -> String {
      var m = [("medfee_sumamt", money(a.total))]
      for (k, v) in [("fulamt_ownpay_amt", a.fullyOwnPay), ("overlmt_selfpay", a.overLimit), ("preselfpay_amt", a.payFirst)]
      where v.fen != 0 || chance(50) {
        m.append((k, money(v)))
      }
      // The in-policy part may be left to be derived.
      if chance(70) { m.append(("inscp_scp_amt", money(a.inPolicy))) }
      return object(m)
    }

    mutating func person(_ p: Person) -> String {
      var m: [(String, String)] = []
      if let s = p.scheme { m.append(("scheme", string(s))) }
      if !p.identities.isEmpty || chance(50) {
        m.append(("identities", array(p.identities.map { i in
          var f = [("code", string(i.code))]
          if let b = i.begin { f.append(("begin", date(b))) }
          if let e = i.end { f.append(("end", date(e))) }
          return object(f)
        })))
      }
      return object(m)
    }

    mutating func yearToDate(_ y: YearToDateRecord) -> String {
      var m: [(String, String)] = [("year", "\(y.year)"), ("admissions", "\(y.admissions)")]
      for (k, v) in [("totalCost", y.totalCost), ("inPolicyCost", y.inPolicyCost), ("basicDeductiblePaid", y.basicDeductiblePaid)]
      where v.fen != 0 || chance(50) {
        m.append((k, money(v)))
      }
      if !y.layers.isEmpty || chance(50) {
        m.append(("layers", object(y.layers.map { id, l in
          (id, object([("base", money(l.base)), ("paid", object(l.paid.map { ($0.key, money($0.value)) }))]))
        })))
      }
      return object(m)
    }
  }

  /// A random request a hospital could send for `engine`'s table, with its
  /// accumulators from settling an earlier claim of the same person.
  static func request(_ g: inout ClaimGenerator, _ rng: inout SplitMix64, engine: SettlementEngine) throws -> SettlementRequest {
    let synthetic = g.claims(1)[0]
    var claim = try synthetic.claim(id: text(&rng), table: engine.table)
    claim.diagnoses = (0..<Int(rng.next() % 3)).map { _ in ["C34.9", "N18.5", "I63.9", text(&rng, maxLength: 4)][Int(rng.next() % 4)] }
    if rng.next() % 3 == 0 { claim.person.scheme = ["390", "310", text(&rng)][Int(rng.next() % 3)] }
    if rng.next() % 3 == 0 { claim.admissionDate = try CivilDate(year: claim.dischargeDate.year, month: 1, day: 1 + Int(rng.next() % 28)) }
    claim.admissionDate = claim.admissionDate.map { min($0, claim.dischargeDate) }
    claim.designatedHospital = rng.next() % 5 == 0
    for i in claim.person.identities.indices where rng.next() % 2 == 0 {
      claim.person.identities[i].begin = try CivilDate(year: 2024, month: 1, day: 1)
      if rng.next() % 2 == 0 { claim.person.identities[i].end = try CivilDate(year: 2024, month: 12, day: 31) }
    }
    var request = SettlementRequest(claim: claim)
    if rng.next() % 2 == 0 {
      var earlier = try g.claims(1)[0].claim(id: "", table: engine.table)
      earlier.dischargeDate = claim.dischargeDate
      earlier.kind = .inpatient
      request.yearToDate = try engine.settle(SettlementRequest(claim: earlier)).record.yearToDate
    }
    return request
  }

  static func result(_ body: () throws(SettlementError) -> SettlementRequest) -> Result<SettlementRequest, SettlementError> {
    do throws(SettlementError) { return .success(try body()) } catch { return .failure(error) }
  }

  /// The response through the old path: `Codable` decoding and encoding.
  static func oldResponse(_ engine: SettlementEngine, _ data: Data) -> Result<Data, SettlementError> {
    do throws(SettlementError) {
      return .success(JSONOutput.encode(try engine.settle(SettlementRequest.decodeWithCodable(from: data)).record))
    } catch { return .failure(error) }
  }

  static func newResponse(_ engine: SettlementEngine, _ data: Data) -> Result<Data, SettlementError> {
    do throws(SettlementError) { return .success(try engine.settleJSON(data)) } catch { return .failure(error) }
  }

  @Test func randomRequestsDecodeAndRenderAsBefore() throws {
    for (seed, engine) in [(UInt64(11), try BenchmarkTable.engine()), (UInt64(12), try SettlementRecordTests.engine())] {
      var g = ClaimGenerator(seed: seed, table: engine.table, year: engine.table.validFrom.year)
      var rng = SplitMix64(seed: seed &* 31)
      var styler = Styler(rng: SplitMix64(seed: seed &* 17))
      var fast = 0
      for _ in 0..<1_500 {
        let request = try Self.request(&g, &rng, engine: engine)
        let data = Data(styler.request(request).utf8)
        let old = try SettlementRequest.decodeWithCodable(from: data)
        #expect(old == request)
        let read = SettlementRequestReader.read(data)
        #expect(read == old, "\(String(decoding: data, as: UTF8.self))")
        if read != nil { fast += 1 }
        // Same claim id bytes (no normalisation), same response bytes.
        #expect(read.map { Array($0.claim.id.utf8) } == Array(old.claim.id.utf8))
        #expect(Self.newResponse(engine, data) == Self.oldResponse(engine, data))
      }
      // Every well-formed request takes the fast path.
      #expect(fast == 1_500)
    }
  }

  /// Records with awkward text and numbers render to the same bytes.
  @Test func randomRecordsRenderAsJSONEncoderDoes() throws {
    var rng = SplitMix64(seed: 77)
    func money() -> Money { Money(fen: Int64(bitPattern: rng.next()) % 100_000_000_000_000) }
    func maybe<T>(_ v: T) -> T? { rng.next() % 2 == 0 ? v : nil }
    for _ in 0..<500 {
      let info = SettlementRecord.SetlInfo(
        medfee_sumamt: money(), fulamt_ownpay_amt: money(), overlmt_selfpay: money(), preselfpay_amt: money(),
        inscp_scp_amt: money(), act_pay_dedc: money(), hifp_pay: money(),
        pool_prop_selfpay: Rate(micros: Int64(bitPattern: rng.next()) % 3_000_000), cvlserv_pay: money(),
        hifes_pay: money(), hifmi_pay: money(), hifob_pay: money(), maf_pay: money(), oth_pay: money(),
        fund_pay_sumamt: money(), psn_part_amt: money())
      let details = (0..<Int(rng.next() % 4)).map { _ in
        SettlementRecord.SetlDetail(
          fund_pay_type: Self.text(&rng), fund_pay_type_name: Self.text(&rng), inscp_scp_amt: money(),
          crt_payb_lmt_amt: maybe(money()), fund_payamt: money(), setl_proc_info: Self.text(&rng, maxLength: 40))
      }
      let layers = (0..<Int(rng.next() % 4)).map { _ in
        SettlementRecord.LayerRecord(
          id: Self.text(&rng), name: Self.text(&rng), kind: LayerKind.allCases[Int(rng.next() % 6)], applied: rng.next() % 2 == 0,
          base: money(), deductible: money(), rate: Rate(micros: Int64(rng.next() % 1_000_001)), capRoom: maybe(money()),
          amount: money(), appliedAs: maybe(Self.text(&rng)))
      }
      var ytdLayers: [String: YearToDateRecord.LayerToDate] = [:]
      for _ in 0..<Int(rng.next() % 5) {
        var paid: [String: Money] = [:]
        for _ in 0..<Int(rng.next() % 4) { paid[Self.text(&rng, maxLength: 3)] = money() }
        ytdLayers[Self.text(&rng, maxLength: 4)] = .init(base: money(), paid: paid)
      }
      let ytd = YearToDateRecord(
        year: Int(Int64(bitPattern: rng.next()) % 10_000), admissions: Int(rng.next() % 10_000), totalCost: money(),
        inPolicyCost: money(), basicDeductiblePaid: money(), layers: ytdLayers)
      let record = SettlementRecord(
        claimId: Self.text(&rng), table: Self.text(&rng), setlinfo: info, setldetail: details, layers: layers, yearToDate: ytd)
      #expect(SettlementRecordWriter.encode(record) == JSONOutput.encode(record))
      #expect(record.encoded() == JSONOutput.encode(record))
    }
  }

  // MARK: - Malformed and unusual input

  /// A valid request and variations of it that are malformed, mistyped,
  /// unusual or invalid; each gives what the `Codable` path gives.
  static func variations() -> [[UInt8]] {
    let claim = #"{"id":"HIS-1","kind":"inpatient","hospitalLevel":"2","place":"inCounty","referred":true,"admissionDate":"2024-05-01","dischargeDate":"2024-05-09","diagnoses":["C34.9"],"amounts":{"medfee_sumamt":"8009.85","inscp_scp_amt":"7301.03","fulamt_ownpay_amt":"708.82"},"person":{"scheme":"390","identities":[{"code":"minimumLiving","begin":"2024-01-01"}]}}"#
    let ytd = #"{"year":2024,"admissions":1,"totalCost":"100.00","inPolicyCost":"90.00","basicDeductiblePaid":"0","layers":{"majorIllness":{"base":"10","paid":{"inpatient":"0.00"}}}}"#
    let valid = #"{"claim":\#(claim),"yearToDate":\#(ytd)}"#
    var out = [valid, "", " ", "null", "[]", "{}", "\u{feff}" + valid, valid + " x", valid + "{}", claim, #"{"yearToDate":\#(ytd)}"#,
      String(repeating: "[", count: 5_000), #"{"claim":"# + String(repeating: "{\"a\":", count: 3_000)]
    // Every truncation.
    for n in stride(from: 0, to: valid.utf8.count, by: 1) { out.append(String(decoding: valid.utf8.prefix(n), as: UTF8.self)) }
    // Values replaced: wrong types, null, out of range, unusual numbers and text.
    let replacements: [(String, [String])] = [
      (#""inpatient""#, [#""Inpatient""#, "1", "null", #""inpatient ""#, #""in\u0070atient""#]),
      (#""8009.85""#, ["8009.85", "8009.850", "8.00985e3", "-8009.85", #""-8009.85""#, #""+8009.85""#, #"" 8009.85""#, "1e400",
        "123456789012345678901234567890", #""8009.851""#, "8009.851", "null", "true", #""""#, #"".5""#, #""8009.""#, "08009.85",
        #""8009,85""#, "10000000000.01", #""100000000000000000000""#, "[]"]),
      (#""7301.03""#, ["7301.03", "null", #""7301.04""#]),
      ("true", ["1", "\"true\"", "null", "tru", "True"]),
      (#""2024-05-09""#, [#""2024-5-09""#, #""2024-02-30""#, #""2024-04-30""#, #""2024-+5-09""#, "20240509", #""2024-05-09T00:00""#]),
      (#""HIS-1""#, [#""HIS\u00e9""#, #""\ud800""#, #""\ud83d\ude00""#, #""a\x""#, "\"a\u{1}\"", "\"a\u{7f}\"", "7", "null"]),
      (#""C34.9""#, ["1", "null", #""\u0000""#]),
      (#""year":2024"#, [#""year":2024.0"#, #""year":-1"#, #""year":99999999999999999999"#, #""year":"2024""#, #""year":1e3"#]),
      (#""admissions":1"#, [#""admissions":10000"#, #""admissions":-1"#, #""admissions":null"#, #""admissions":1.5"#]),
      (#""majorIllness""#, [#""noSuchLayer""#, #""major\u0049llness""#]),
      (#""inpatient":"0.00""#, [#""surgery":"0.00""#, #""inpatient":"-1""#, #""inpatient":"0.00","inpatient":"1.00""#]),
      (#""code":"minimumLiving""#, [#""code":"nobody""#, #""code":7"#, #""code":null"#]),
      (#""hospitalLevel":"2""#, [#""hospitalLevel":"9""#, #""hospitalLevel":2"#]),
      (#"{"claim":"#, [#"{"extra":1,"claim":"#, #"{"claim":{},"claim":"#, #"{"Claim":"#]),
      (#""referred":true,"#, [#""referred":true,"referred":false,"#, #""unknown":true,"#, #""referred" :true ,"#]),
      (#""amounts":{"#, [#""amounts":{"x":1,"#, #""amounts":{"medfee_sumamt":"1","#]),
      (#""person":{"#, [#""person":{"name":"x","#, #""person":{"identities":null,"#]),
      (#""admissionDate":"2024-05-01""#, [#""admissionDate":"2024-05-10""#, #""admissionDate":null"#]),
    ]
    for (original, alternatives) in replacements {
      for a in alternatives {
        if let r = valid.range(of: original) { out.append(valid.replacingCharacters(in: r, with: a)) }
      }
    }
    // Seeded byte flips.
    var rng = SplitMix64(seed: 5)
    let bytes = Array(valid.utf8)
    var flipped: [[UInt8]] = []
    let noise: [UInt8] = Array(#"{}[]",:0129.-e\ "#.utf8) + [0, 0x1f, 0x80, 0xC3, 0xFF]
    for _ in 0..<600 {
      var b = bytes
      for _ in 0..<1 + Int(rng.next() % 2) { b[Int(rng.next() % UInt64(b.count))] = noise[Int(rng.next() % UInt64(noise.count))] }
      flipped.append(b)
    }
    return out.map { Array($0.utf8) } + flipped
  }

  @Test func malformedAndUnusualInputGivesTheSameErrorOrValue() throws {
    let engine = try BenchmarkTable.engine()
    var fast = 0, failures = 0
    for bytes in Self.variations() {
      let data = Data(bytes)
      let text = String(decoding: bytes, as: UTF8.self)
      let new = Self.result { () throws(SettlementError) in try SettlementRequest.decode(from: data) }
      let old = Self.result { () throws(SettlementError) in try SettlementRequest.decodeWithCodable(from: data) }
      #expect(new == old, "\(text)")
      #expect(Self.newResponse(engine, data) == Self.oldResponse(engine, data), "\(text)")
      if SettlementRequestReader.read(data) != nil { fast += 1 }
      if case .failure = old { failures += 1 }
    }
    // Both kinds occur: inputs read fast (the valid one first) and inputs that fail with an error.
    #expect(SettlementRequestReader.read(Data(Self.variations()[0])) != nil)
    #expect(fast > 20 && failures > 500, "\(fast) fast, \(failures) failures")
  }

  /// Raw invalid UTF-8 and lone surrogates never take the fast path.
  @Test func invalidTextFallsBack() throws {
    for bytes: [UInt8] in [
      Array(#"{"claim":{"id":""#.utf8) + [0xC3] + Array(#""}}"#.utf8),
      Array(#"{"claim":{"id":""#.utf8) + [0xED, 0xA0, 0x80] + Array(#""}}"#.utf8),
      Array(#"{"claim":{"id":"\udc00"}}"#.utf8),
    ] {
      #expect(SettlementRequestReader.read(Data(bytes)) == nil)
      #expect(throws: SettlementError.self) { try SettlementRequest.decode(from: Data(bytes)) }
    }
  }

  // MARK: - Numbers

  /// The byte parser returns what the string parser returns, or `nil`.
  @Test func asciiDecimalsParseAsDecimalText() {
    var rng = SplitMix64(seed: 3)
    let symbols = Array("0123456789.0123456789+- e")
    var parsed = 0
    for _ in 0..<20_000 {
      let text = String((0..<Int(rng.next() % 24)).map { _ in symbols[Int(rng.next() % UInt64(symbols.count))] })
      for decimals in [0, 2, 4, 6] {
        let fast = Array(text.utf8).withUnsafeBufferPointer { DecimalText.scaled(ascii: $0, decimals: decimals) }
        let reference = try? DecimalText.scaled(text, decimals: decimals)
        if let fast {
          #expect(fast == reference, "\(text) at \(decimals)")
          parsed += 1
        }
      }
    }
    #expect(parsed > 1_000)
    // Plain decimals are always read: 7301.03 → 730,103 fen; 12.500 → 1,250; 0 → 0.
    for (text, fen) in [("7301.03", Int64(730_103)), ("12.500", 1_250), ("0", 0), ("007.5", 750), ("10000000000.00", 1_000_000_000_000)] {
      #expect(Array(text.utf8).withUnsafeBufferPointer { DecimalText.scaled(ascii: $0, decimals: 2) } == fen)
    }
  }

  /// The string renderer `DecimalText.render` had before it wrote bytes:
  /// the reference for the byte renderer.
  static func referenceRender(_ value: Int64, decimals: Int, minimumDecimals: Int) -> String {
    var scale: UInt64 = 1
    for _ in 0..<decimals { scale *= 10 }
    let mag = value.magnitude
    let whole = mag / scale
    guard decimals > 0 else { return value < 0 ? "-\(whole)" : "\(whole)" }
    var frac = String(mag % scale)
    frac = String(repeating: "0", count: max(decimals - frac.count, 0)) + frac
    while frac.count > minimumDecimals, frac.last == "0" { frac.removeLast() }
    let sign = value < 0 ? "-" : ""
    return frac.isEmpty ? "\(sign)\(whole)" : "\(sign)\(whole).\(frac)"
  }

  /// Scaled integers render as before, as strings and as bytes.
  @Test func scaledIntegersRenderAsBefore() {
    var rng = SplitMix64(seed: 4)
    for i in 0..<20_000 {
      let value = i < 4 ? [Int64.min, Int64.max, 0, -1][i] : Int64(bitPattern: rng.next()) >> (rng.next() % 63)
      let decimals = Int(rng.next() % 20)
      let minimum = Int(rng.next() % UInt64(decimals + 2))
      let expected = Self.referenceRender(value, decimals: decimals, minimumDecimals: minimum)
      var w = ByteWriter(capacity: 64)
      w.scaled(value, decimals: decimals, minimumDecimals: minimum)
      #expect(String(decoding: w.bytes, as: UTF8.self) == expected)
      #expect(DecimalText.render(value, decimals: decimals, minimumDecimals: minimum) == expected)
    }
    // By hand: 730,103 fen → "7301.03"; 655,000 micros → "0.6550"; −5 fen → "-0.05"; 123,456 micros → "0.123456".
    #expect(Money(fen: 730_103).description == "7301.03" && Rate(micros: 655_000).description == "0.6550")
    #expect(Money(fen: -5).description == "-0.05" && Rate(micros: 123_456).description == "0.123456")
  }
}
