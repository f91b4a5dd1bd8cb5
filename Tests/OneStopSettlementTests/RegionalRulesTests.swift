import Foundation
import OneStopSettlement
import Testing

/// 先诊疗后付费, 参保资助 and 家庭医生签约服务费 on the shipped seed tables
/// (expected values read off the seeds and the tables' numbers), plus the
/// error paths on small inline rules.
@Suite struct RegionalRulesTests {
  static func policy(_ region: String, _ date: String) throws -> RegionalPolicy {
    try ShippedTables.catalog.get().policy(region: region, on: CivilDate(parsing: date))
  }

  static func person(_ codes: String...) -> Person { Person(scheme: "390", identities: codes.map { IdentityRecord(code: $0) }) }

  static func claim(
    _ date: String, place: Place, referred: Bool = false, kind: ClaimKind = .inpatient, person: Person, admitted: String? = nil
  ) throws -> Claim {
    Claim(
      kind: kind, hospitalLevel: "1", place: place, referred: referred, admissionDate: try admitted.map { try CivilDate(parsing: $0) },
      dischargeDate: try CivilDate(parsing: date), amounts: ClaimAmounts(total: Money(fen: 100_000)), person: person)
  }
}

// MARK: - 先诊疗后付费

extension RegionalRulesTests {
  struct DepositCase: Sendable, CustomTestStringConvertible {
    var region: String
    var place: Place
    var referred: Bool
    var kind: ClaimKind
    var codes: [String]
    var required: Bool
    var reason: DepositDecision.Reason
    var grant: String?
    var testDescription: String { "\(region) \(codes) \(place) referred=\(referred) \(kind)" }
  }

  /// 湖北 (鄂卫通〔2023〕3号 一(三)): 农村低收入人口 in county; 特困/孤儿/低保/返贫致贫/监测对象
  /// in the city when referred. 西双版纳 (西卫健发〔2021〕143号 二(五)): 州级 with 县级转诊.
  /// 中卫 (seed 004 二(一)2): 低保/特困/易返贫致贫 in county. 宁夏 province: no rule.
  static let depositCases: [DepositCase] = [
    DepositCase(region: "hubei", place: .inCounty, referred: false, kind: .inpatient, codes: ["2303"], required: false, reason: .granted, grant: "inCounty"),
    DepositCase(region: "hubei", place: .inCity, referred: true, kind: .inpatient, codes: ["2303"], required: false, reason: .granted, grant: "inCityReferred"),
    DepositCase(region: "hubei", place: .inCity, referred: false, kind: .inpatient, codes: ["2303"], required: true, reason: .referralRequired, grant: "inCityReferred"),
    DepositCase(region: "hubei", place: .inCity, referred: true, kind: .inpatient, codes: ["7201"], required: true, reason: .placeNotCovered, grant: "inCounty"),
    DepositCase(region: "hubei", place: .inProvince, referred: true, kind: .inpatient, codes: ["2304"], required: true, reason: .placeNotCovered, grant: "inCounty"),
    DepositCase(region: "hubei", place: .inCounty, referred: false, kind: .inpatient, codes: [], required: true, reason: .noQualifyingIdentity, grant: "inCounty"),
    DepositCase(region: "hubei", place: .inCounty, referred: false, kind: .outpatientChronic, codes: ["2303"], required: true, reason: .claimKindNotCovered, grant: "inCounty"),
    DepositCase(region: "yunnan/xishuangbanna", place: .inCity, referred: true, kind: .inpatient, codes: ["7205"], required: false, reason: .granted, grant: "prefectureReferred"),
    DepositCase(region: "yunnan/xishuangbanna", place: .inCity, referred: true, kind: .inpatient, codes: ["2302"], required: true, reason: .placeNotCovered, grant: "inCounty"),
    DepositCase(region: "ningxia/zhongwei", place: .inCounty, referred: false, kind: .inpatient, codes: ["7203"], required: false, reason: .granted, grant: "inCounty"),
    DepositCase(region: "ningxia/zhongwei", place: .inCounty, referred: false, kind: .inpatient, codes: ["7202"], required: true, reason: .noQualifyingIdentity, grant: "inCounty"),
    DepositCase(region: "ningxia", place: .inCounty, referred: false, kind: .inpatient, codes: ["2303"], required: true, reason: .noRule, grant: nil),
  ]

  @Test(arguments: depositCases)
  func deposit(_ c: DepositCase) throws {
    let p = try Self.policy(c.region, "2024-05-01")
    let claim = try Self.claim("2024-05-01", place: c.place, referred: c.referred, kind: c.kind,
      person: Person(identities: c.codes.map { IdentityRecord(code: $0) }))
    let d = try p.rules.depositDecision(for: claim, table: p.table)
    #expect(d.depositRequired == c.required)
    #expect(d.reason == c.reason)
    #expect(d.grant == c.grant)
    #expect(!d.text.isEmpty)
  }

  @Test func identitiesAreTakenOnTheAdmissionDate() throws {
    let p = try Self.policy("hubei", "2024-05-01")
    let late = Person(identities: [IdentityRecord(code: "2303", begin: try CivilDate(parsing: "2024-04-28"))])
    // Admitted 04-20 before the 低保 identity began (04-28), discharged 05-01 with it.
    let claim = try Self.claim("2024-05-01", place: .inCounty, person: late, admitted: "2024-04-20")
    #expect(try p.rules.depositDecision(for: claim, table: p.table).reason == .noQualifyingIdentity)
  }

  @Test func theDecisionEncodesInPlatformWords() throws {
    let p = try Self.policy("hubei", "2024-05-01")
    let d = try p.rules.depositDecision(for: Self.claim("2024-05-01", place: .inCounty, person: Self.person("2304")), table: p.table)
    let json = String(decoding: try JSONEncoder().encode(d), as: UTF8.self)
    #expect(json.contains("\"deposit_required\":false") && json.contains("\"reason_code\":\"granted\""))
  }

  @Test func anUnknownCodeIsATypedError() throws {
    let p = try Self.policy("hubei", "2024-05-01")
    #expect {
      _ = try p.rules.depositDecision(for: Self.claim("2024-05-01", place: .inCounty, person: Self.person("9999")), table: p.table)
    } throws: { ($0 as? SettlementError)?.code == .unknownCode && ($0 as? SettlementError)?.jsonPath == "person.identities[0].code" }
  }
}

// MARK: - 参保资助

extension RegionalRulesTests {
  struct PremiumCase: Sendable, CustomTestStringConvertible {
    var region: String
    var date: String
    var codes: [String]
    var premium: String
    var subsidy: String
    var individual: String
    var testDescription: String { "\(region) \(date) \(codes)" }
  }

  /// 中卫 phases 脱贫人口 (seed 004 二(一)4; shares illustrative): 2022 50 % of 350.00
  /// = 175.00; 2023 20 % of 380.00 = 76.00; 2024 none. 特困 全额; 低保 定额 150.00.
  /// 湖北 (随州 2022): 低保 定额 320.00 of 320.00 (2021) and of 350.00 (2022) → 0.00 and 30.00.
  static let premiumCases: [PremiumCase] = [
    PremiumCase(region: "ningxia/zhongwei", date: "2022-03-01", codes: ["2302"], premium: "350.00", subsidy: "175.00", individual: "175.00"),
    PremiumCase(region: "ningxia/zhongwei", date: "2023-06-01", codes: ["2302"], premium: "380.00", subsidy: "76.00", individual: "304.00"),
    PremiumCase(region: "ningxia/zhongwei", date: "2024-06-01", codes: ["2302"], premium: "400.00", subsidy: "0.00", individual: "400.00"),
    PremiumCase(region: "ningxia/zhongwei", date: "2024-06-01", codes: ["2304"], premium: "400.00", subsidy: "400.00", individual: "0.00"),
    PremiumCase(region: "ningxia/zhongwei", date: "2024-06-01", codes: ["2303"], premium: "400.00", subsidy: "150.00", individual: "250.00"),
    PremiumCase(region: "ningxia/zhongwei", date: "2024-06-01", codes: ["2303", "2304"], premium: "400.00", subsidy: "400.00", individual: "0.00"),
    PremiumCase(region: "ningxia/zhongwei", date: "2024-06-01", codes: [], premium: "400.00", subsidy: "0.00", individual: "400.00"),
    PremiumCase(region: "hubei", date: "2021-06-01", codes: ["2303"], premium: "320.00", subsidy: "320.00", individual: "0.00"),
    PremiumCase(region: "hubei", date: "2022-06-01", codes: ["2303"], premium: "350.00", subsidy: "320.00", individual: "30.00"),
    PremiumCase(region: "hubei", date: "2022-06-01", codes: ["7204"], premium: "350.00", subsidy: "175.00", individual: "175.00"),
    PremiumCase(region: "jiangsu/huaian-hongze", date: "2019-06-01", codes: ["2302"], premium: "250.00", subsidy: "250.00", individual: "0.00"),
  ]

  @Test(arguments: premiumCases)
  func premium(_ c: PremiumCase) throws {
    let p = try Self.policy(c.region, c.date)
    let rule = try #require(p.rules.premiumSubsidy)
    let s = try rule.split(for: Person(identities: c.codes.map { IdentityRecord(code: $0) }), on: CivilDate(parsing: c.date), table: p.table)
    #expect(s.premium.description == c.premium)
    #expect(s.subsidy.description == c.subsidy)
    #expect(s.individual.description == c.individual)
    #expect(s.subsidy.fen + s.individual.fen == s.premium.fen)
  }

  /// A minimal table with identities `a` and `b` (regional rules refer to them).
  static func inlineTable() throws(SettlementError) -> PolicyTable {
    PolicyTable(
      id: "t", name: "t", validFrom: try CivilDate(parsing: "2024-01-01"), validTo: try CivilDate(parsing: "2024-12-31"),
      rounding: .halfUp, hospitalLevels: [HospitalLevel(id: "1", name: "一级")],
      identities: [IdentityClass(id: "a", name: "A"), IdentityClass(id: "b", name: "B")],
      layers: [Layer(id: "x", name: "x", fundCode: "390100", fundName: "x", rule: .topUp(TopUpRule(targetRatio: Sourced(.zero))))])
  }

  static func rule(_ json: String) throws(SettlementError) -> RegionalRules {
    try RegionalRules.decode(from: Data(json.utf8), for: inlineTable())
  }

  @Test func aFixedAmountNeverExceedsThePremiumAndSharesRoundOnce() throws {
    let r = try #require(try Self.rule(#"""
      { "premiumSubsidy": { "premiums": { "2024": "100.00" }, "classes": [
          { "id": "a", "identities": ["a"], "amount": "500.00" },
          { "id": "b", "identities": ["b"], "share": "0.333335" } ] } }
      """#).premiumSubsidy)
    let day = try CivilDate(parsing: "2024-03-01")
    let table = try Self.inlineTable()
    #expect(try r.split(for: Self.person("a"), on: day, table: table).subsidy.description == "100.00")
    // 100.00 × 0.333335 = 33.3335 → half-up 33.33.
    #expect(try r.split(for: Self.person("b"), on: day, table: table).subsidy.description == "33.33")
    #expect {
      _ = try r.split(for: Self.person("a"), on: CivilDate(parsing: "2025-03-01"), table: table)
    } throws: { ($0 as? SettlementError)?.code == .dateNotCovered }
  }

  @Test func aClassHasExactlyOneForm() {
    #expect {
      _ = try Self.rule(#"{ "premiumSubsidy": { "premiums": {}, "classes": [{ "id": "a", "identities": ["a"], "full": true, "amount": "1" }] } }"#)
    } throws: { ($0 as? SettlementError)?.code == .invalidValue }
    #expect {
      _ = try Self.rule(#"{ "premiumSubsidy": { "premiums": { "24": "1" }, "classes": [] } }"#)
    } throws: { ($0 as? SettlementError)?.jsonPath == "premiumSubsidy.premiums.24" }
    #expect {
      _ = try Self.rule(#"{ "premiumSubsidy": { "premiums": {}, "classes": [{ "id": "a", "identities": ["zz"], "full": true }] } }"#)
    } throws: { ($0 as? SettlementError)?.code == .undefinedReference }
  }
}

// MARK: - 家庭医生签约服务费

extension RegionalRulesTests {
  /// 西卫健发〔2021〕143号 二(四): 36 = 12 个人 + 12 医保基金 + 12 基本公卫; for 农村低收入人口
  /// and for 脱贫人口 in a key group the individual 12 is borne by 州县财政.
  @Test func xishuangbannaSplitsThirtySixIntoThreeTwelves() throws {
    let p = try Self.policy("yunnan/xishuangbanna", "2022-03-01")
    let fee = try #require(p.rules.familyDoctor)
    let day = try CivilDate(parsing: "2022-03-01")
    let ordinary = try fee.split(for: Person(), on: day, table: p.table)
    #expect(ordinary.fee.description == "36.00")
    #expect(ordinary.lines.map { "\($0.payer.rawValue) \($0.amount)" } == ["individual 12.00", "insuranceFund 12.00", "publicHealth 12.00"])
    #expect(ordinary.individual.description == "12.00" && ordinary.coveredAs == nil)

    let dibao = try fee.split(for: Self.person("2303"), on: day, table: p.table)
    #expect(dibao.individual.description == "0.00")
    #expect(dibao.lines[0].payer == .government && dibao.lines[0].amount.description == "12.00")
    #expect(dibao.lines.reduce(0) { $0 + $1.amount.fen } == 3_600)

    #expect(try fee.split(for: Self.person("2302"), on: day, table: p.table).individual.description == "12.00")
    #expect(try fee.split(for: Self.person("2302"), on: day, keyGroup: true, table: p.table).individual.description == "0.00")

    let expired = Person(identities: [IdentityRecord(code: "2303", end: try CivilDate(parsing: "2021-12-31"))])
    #expect(try fee.split(for: expired, on: day, table: p.table).individual.description == "12.00")
  }

  @Test func regionsWithoutAFeeTableSaySo() throws {
    #expect(try Self.policy("hubei", "2024-01-01").rules.familyDoctor == nil)
  }

  @Test func sharesMustAddUpToTheFee() {
    #expect {
      _ = try Self.rule(#"""
        { "familyDoctor": { "fee": "36.00", "shares": [
            { "id": "i", "payer": "individual", "amount": "12.00" }, { "id": "f", "payer": "insuranceFund", "amount": "12.00" } ] } }
        """#)
    } throws: { ($0 as? SettlementError)?.code == .inconsistentAmounts && ($0 as? SettlementError)?.jsonPath == "familyDoctor.shares" }
  }
}
