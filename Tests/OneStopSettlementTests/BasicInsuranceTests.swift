import OneStopSettlement
import Testing

/// Basic insurance (基本医保): every switch with hand-derived amounts (fen).
@Suite struct BasicInsuranceTests {
  @Test func deductibleAndRatioByLevel() throws {
    let engine = try TestTables.engine(layers: TestTables.basic())
    // 一级: (10,000.00 − 200.00) × 0.90 = 8,820.00
    // 二级: (10,000.00 − 400.00) × 0.80 = 7,680.00
    // 三级: (10,000.00 − 800.00) × 0.70 = 6,440.00
    for (level, want) in [(0, Int64(882_000)), (1, 768_000), (2, 644_000)] {
      var ytd = YearToDate()
      let s = try engine.settle(.inpatient(total: 1_000_000, level: level), yearToDate: &ytd)
      #expect(s.layer(0).amount == want)
      #expect(s.patient == 1_000_000 - want)
      #expect(s.basicDeductible == [20_000, 40_000, 80_000][level])
    }
  }

  @Test func deductibleLargerThanInPolicy() throws {
    let engine = try TestTables.engine(layers: TestTables.basic())
    var ytd = YearToDate()
    // 三级 deductible 800.00 > in-policy 500.00: act_pay_dedc = 500.00, fund pays 0.
    let s = try engine.settle(.inpatient(total: 50_000, level: 2), yearToDate: &ytd)
    #expect(s.basicDeductible == 50_000)
    #expect(s.layer(0).amount == 0)
    #expect(s.patient == 50_000)
  }

  @Test func repeatAdmissionHalvedAtUpperLevelsOnly() throws {
    // Wuhan style: from the 2nd admission, 二/三级 deductible × 0.5; 一级 unchanged.
    let engine = try TestTables.engine(layers: TestTables.basic(
      extraBenefit: #","repeatAdmission":{"fromAdmission":2,"factor":"0.5","levels":["2","3"]}"#))
    var ytd = YearToDate()
    let first = try engine.settle(.inpatient(total: 1_000_000, level: 2), yearToDate: &ytd)
    let second = try engine.settle(.inpatient(total: 1_000_000, level: 2), yearToDate: &ytd)
    let third = try engine.settle(.inpatient(total: 1_000_000, level: 0), yearToDate: &ytd)
    #expect(first.basicDeductible == 80_000)  // 800.00
    #expect(second.basicDeductible == 40_000)  // 800.00 × 0.5
    #expect(second.layer(0).amount == 672_000)  // (10000 − 400) × 0.70 = 6,720.00
    #expect(third.basicDeductible == 20_000)  // 一级 not reduced: 200.00
    #expect(ytd.admissions == 3)
    #expect(ytd.basicDeductiblePaid == 140_000)
  }

  @Test func repeatAdmissionSeventyPercentWithYearlyCap() throws {
    // Ningxia style 70 % from the 2nd, plus a yearly deductible total of 1,000.00.
    let engine = try TestTables.engine(layers: TestTables.basic(
      extraBenefit: #","repeatAdmission":{"factor":"0.7","yearlyDeductibleCap":"1000.00"}"#))
    var ytd = YearToDate()
    let a = try engine.settle(.inpatient(total: 500_000, level: 2), yearToDate: &ytd)  // 800.00
    let b = try engine.settle(.inpatient(total: 500_000, level: 2), yearToDate: &ytd)  // min(560.00, 1000 − 800 = 200.00)
    let c = try engine.settle(.inpatient(total: 500_000, level: 2), yearToDate: &ytd)  // cap reached: 0
    #expect([a.basicDeductible, b.basicDeductible, c.basicDeductible] == [80_000, 20_000, 0])
    // c: 5,000.00 × 0.70 = 3,500.00
    #expect(c.layer(0).amount == 350_000)
  }

  /// A batch of independent claims reads each claim's deductible as
  /// resolved when compiling for a person's first claim of the year: the
  /// yearly deductible cap below the standard deductible applies to that
  /// first claim (the repeat rule does not yet), in the batch as one by one.
  @Test func firstClaimOfTheYearResolvedWithYearlyDeductibleCap() throws {
    let engine = try TestTables.engine(layers: TestTables.basic(
      extraBenefit: #","repeatAdmission":{"factor":"0.5","yearlyDeductibleCap":"300.00"}"#))
    let claims: [PreparedClaim] = [
      .inpatient(total: 1_000_000, level: 2),  // min(800.00, 300.00) = 300.00; (10,000 − 300) × 0.70 = 6,790.00
      .inpatient(total: 1_000_000, level: 0),  // min(200.00, 300.00) = 200.00; (10,000 − 200) × 0.90 = 8,820.00
      .inpatient(total: 20_000, level: 2),  // 200.00, below the deductible 300.00: nothing paid, 200.00 of it applied
    ]
    var out = SettlementColumns()
    try engine.settle(claims, into: &out)
    #expect((0..<3).map { out.amount(layer: 0, claim: $0) } == [679_000, 882_000, 0])
    for (i, c) in claims.enumerated() {
      var ytd = YearToDate()
      let s = try engine.settle(c, yearToDate: &ytd)
      #expect(s.layer(0).amount == out.amount(layer: 0, claim: i))
      #expect(s.basicDeductible == [30_000, 20_000, 20_000][i])
    }
  }

  @Test func deductibleWaivedAndRatioPointsForIdentity() throws {
    let engine = try TestTables.engine(layers: TestTables.basic(
      extraLayer: #""identityOverrides":{"tekun":{"deductibleWaived":true},"dibao":{"deductibleWaived":true,"ratioPoints":2}},"#))
    var ytd = YearToDate()
    // 特困: 10,000.00 × 0.70 = 7,000.00 (三级, no deductible)
    let t = try engine.settle(.inpatient(total: 1_000_000, level: 2, identities: Bit.tekun), yearToDate: &ytd)
    #expect(t.layer(0).amount == 700_000)
    #expect(t.basicDeductible == 0)
    ytd = YearToDate()
    // 低保: 10,000.00 × 0.72 = 7,200.00
    let d = try engine.settle(.inpatient(total: 1_000_000, level: 2, identities: Bit.dibao), yearToDate: &ytd)
    #expect(d.layer(0).amount == 720_000)
    ytd = YearToDate()
    // Both identities: 特困 comes first in precedence → 7,000.00, not stacked.
    let both = try engine.settle(.inpatient(total: 1_000_000, level: 2, identities: Bit.tekun | Bit.dibao), yearToDate: &ytd)
    #expect(both.layer(0).amount == 700_000)
  }

  @Test func placeAndReferralPoints() throws {
    let engine = try TestTables.engine(layers: TestTables.basic(
      extraBenefit: #","placePoints":{"inProvince":-5,"outOfProvince":-10},"noReferralPoints":-15"#))
    func pay(_ place: Place, referred: Bool) throws -> Int64 {
      var ytd = YearToDate()
      return try engine.settle(.inpatient(total: 1_000_000, level: 2, place: place, referred: referred), yearToDate: &ytd).layer(0).amount
    }
    // base 9,200.00 at 三级.
    #expect(try pay(.inCounty, referred: false) == 644_000)  // 0.70, no referral needed in county
    #expect(try pay(.inCity, referred: false) == 506_000)  // 0.70 − 0.15 = 0.55
    #expect(try pay(.inProvince, referred: true) == 598_000)  // 0.70 − 0.05 = 0.65
    #expect(try pay(.outOfProvince, referred: true) == 552_000)  // 0.60
    #expect(try pay(.outOfProvince, referred: false) == 414_000)  // 0.45
  }

  @Test func perClaimKindParametersAndSharedCap() throws {
    // 门诊慢特病 has its own block; one yearly cap of 10,000.00 shared by both kinds.
    let layer = #"""
      {"kind":"basic","id":"basic","fundCode":"390100","annualCaps":[{"amount":"10000.00"}],
       "benefits":[
        {"claimKinds":["inpatient"],"deductible":{"1":0,"2":0,"3":0},"ratio":{"1":"0.5","2":"0.5","3":"0.5"}},
        {"claimKinds":["outpatientChronic"],"deductible":{"1":100,"2":100,"3":100},"ratio":{"1":"0.6","2":"0.6","3":"0.6"}}]}
      """#
    let engine = try TestTables.engine(layers: layer)
    var ytd = YearToDate()
    // Chronic: (5,100.00 − 100.00) × 0.6 = 3,000.00
    let a = try engine.settle(.inpatient(total: 510_000, kind: .outpatientChronic), yearToDate: &ytd)
    #expect(a.layer(0).amount == 300_000)
    #expect(ytd.admissions == 0)
    // Inpatient: 20,000.00 × 0.5 = 10,000.00, cap room 10,000 − 3,000 = 7,000.00
    let b = try engine.settle(.inpatient(total: 2_000_000), yearToDate: &ytd)
    #expect(b.layer(0).capRoom == 700_000)
    #expect(b.layer(0).amount == 700_000)
    // General outpatient has no block and the table no other layer: a typed error.
    let before = ytd
    do {
      _ = try engine.settle(.inpatient(total: 10_000, kind: .generalOutpatient), yearToDate: &ytd)
      Issue.record("no error for a claim no layer covers")
    } catch {
      #expect(error.code == .noApplicableLayer)
    }
    #expect(ytd == before)
  }

  @Test func roundingModesAtTheLayer() throws {
    // in-policy 7 fen × 0.50 = 3.5 fen: halfUp 4, halfEven 4, towardZero 3.
    // in-policy 5 fen × 0.50 = 2.5 fen: halfUp 3, halfEven 2, towardZero 2.
    let layer = #"{"kind":"basic","id":"basic","fundCode":"390100","benefits":[{"claimKinds":["inpatient"],"deductible":{"1":0,"2":0,"3":0},"ratio":{"1":"0.5","2":"0.5","3":"0.5"}}]}"#
    for (rule, want7, want5) in [("halfUp", Int64(4), Int64(3)), ("halfEven", 4, 2), ("towardZero", 3, 2)] {
      let engine = try TestTables.engine(layers: layer, rounding: rule)
      var y = YearToDate()
      #expect(try engine.settle(.inpatient(total: 7), yearToDate: &y).layer(0).amount == want7, "\(rule)")
      y = YearToDate()
      #expect(try engine.settle(.inpatient(total: 5), yearToDate: &y).layer(0).amount == want5, "\(rule)")
    }
  }
}
