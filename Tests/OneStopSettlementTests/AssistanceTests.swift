import OneStopSettlement
import Testing

/// Medical assistance (医疗救助) and tilt assistance (倾斜救助): classes,
/// precedence, deductible basis, shared caps and scope, hand-derived (fen).
@Suite struct AssistanceTests {
  static let basicHalf = MajorIllnessTests.basicHalf

  /// 宿迁 2024 (rules.md §1.1): 特困 0 / 100 %; 低保 0 / 80 %; 低保边缘 3,000 / 70 %;
  /// yearly 100,000 of which general outpatient 10,000 and chronic + inpatient share 90,000.
  static let suqian = #"""
    {"kind":"assistance","id":"assistance","name":"医疗救助","fundCode":"610100","basis":"perYear",
     "classes":[
      {"name":"一类","identities":["tekun"],"ratio":"1.0","annualCaps":[{"amount":"100000"},{"amount":"10000","claimKinds":["generalOutpatient"]},{"amount":"90000","claimKinds":["inpatient","outpatientChronic"]}]},
      {"name":"二类","identities":["dibao"],"ratio":"0.8","annualCaps":[{"amount":"100000"},{"amount":"10000","claimKinds":["generalOutpatient"]},{"amount":"90000","claimKinds":["inpatient","outpatientChronic"]}]},
      {"name":"三类","identities":["bianyuan"],"deductible":"3000","ratio":"0.7","annualCaps":[{"amount":"100000"}]}]}
    """#

  @Test func classesByIdentity() throws {
    let engine = try TestTables.engine(layers: Self.basicHalf + "," + Self.suqian)
    func pay(_ ids: UInt64) throws -> Int64 {
      var y = YearToDate()
      return try engine.settle(.inpatient(total: 2_000_000, identities: ids), yearToDate: &y).layer(1).amount
    }
    // in-policy 20,000; basic 10,000; left 10,000.
    #expect(try pay(Bit.tekun) == 1_000_000)  // 10,000 × 1.0
    #expect(try pay(Bit.dibao) == 800_000)  // 10,000 × 0.8
    #expect(try pay(Bit.bianyuan) == 490_000)  // (10,000 − 3,000) × 0.7
    #expect(try pay(Bit.jiance) == 0)  // no class: layer does not apply
    // 就高不重复: 特困 + 低保 → 特困's class only, never stacked.
    #expect(try pay(Bit.tekun | Bit.dibao) == 1_000_000)
    #expect(try pay(Bit.dibao | Bit.bianyuan) == 800_000)
  }

  @Test func perYearDeductibleMetOnce() throws {
    let engine = try TestTables.engine(layers: Self.basicHalf + "," + Self.suqian)
    var y = YearToDate()
    // 低保边缘, two claims each leaving 2,000: first under the 3,000 deductible → 0;
    // second: cumulative 4,000 → (4000 − 3000) × 0.7 = 700.
    let a = try engine.settle(.inpatient(total: 400_000, identities: Bit.bianyuan), yearToDate: &y)
    let b = try engine.settle(.inpatient(total: 400_000, identities: Bit.bianyuan), yearToDate: &y)
    #expect(a.layer(1).amount == 0)
    #expect(b.layer(1).amount == 70_000)
  }

  @Test func perClaimDeductibleEachTime() throws {
    let layer = Self.suqian.replacingOccurrences(of: #""basis":"perYear""#, with: #""basis":"perClaim""#)
    let engine = try TestTables.engine(layers: Self.basicHalf + "," + layer)
    var y = YearToDate()
    // Each claim leaves 4,000: (4000 − 3000) × 0.7 = 700 each time.
    let a = try engine.settle(.inpatient(total: 800_000, identities: Bit.bianyuan), yearToDate: &y)
    let b = try engine.settle(.inpatient(total: 800_000, identities: Bit.bianyuan), yearToDate: &y)
    #expect(a.layer(1).amount == 70_000)
    #expect(b.layer(1).amount == 70_000)
  }

  @Test func capSharedBetweenKinds() throws {
    let engine = try TestTables.engine(layers: Self.basicHalf + "," + Self.suqian)
    var y = YearToDate()
    // 特困 chronic claim, in-policy 160,000.
    let chronic = PreparedClaim.inpatient(total: 16_000_000, identities: Bit.tekun, kind: .outpatientChronic)
    // Chronic has no basic block in basicHalf → basic does not apply; assistance base 160,000 → capped at 90,000.
    let a = try engine.settle(chronic, yearToDate: &y)
    #expect(a.layer(0).applied == false)
    #expect(a.layer(1).amount == 9_000_000)
    // Inpatient now: the shared 90,000 cap is used up.
    let b = try engine.settle(.inpatient(total: 2_000_000, identities: Bit.tekun), yearToDate: &y)
    #expect(b.layer(1).capRoom == 0)
    #expect(b.layer(1).amount == 0)
    // General outpatient: its own 10,000 cap and 100,000 − 90,000 = 10,000 overall → 500.
    let c = try engine.settle(.inpatient(total: 50_000, identities: Bit.tekun, kind: .generalOutpatient), yearToDate: &y)
    #expect(c.layer(1).capRoom == 1_000_000)
    #expect(c.layer(1).amount == 50_000)
  }

  @Test func payFirstInBase() throws {
    let layer = #"{"kind":"assistance","id":"a","fundCode":"610100","baseIncludesPayFirst":true,"classes":[{"identities":["dibao"],"ratio":"0.5"}]}"#
    let engine = try TestTables.engine(layers: Self.basicHalf + "," + layer)
    var y = YearToDate()
    // in-policy 10,000, pay-first 2,000: basic 5,000; base 5,000 + 2,000 = 7,000 → 3,500.
    let s = try engine.settle(.inpatient(total: 1_200_000, inPolicy: 1_000_000, payFirst: 200_000, identities: Bit.dibao), yearToDate: &y)
    #expect(s.layer(1).base == 700_000)
    #expect(s.layer(1).amount == 350_000)
    #expect(s.patient == 1_200_000 - 500_000 - 350_000)
  }

  /// 宜昌 倾斜救助 (rules.md §1.2): 规范转诊 + 省内; 特困 5,000 / 100 %,
  /// 低保/返贫致贫 5,000 / 90 %, 监测对象 5,000 / 70 %, cap 50,000 a year.
  static let yichangTilt = #"""
    {"kind":"tilt","id":"tilt","name":"倾斜救助","fundCode":"610102","basis":"perYear",
     "appliesTo":{"requiresReferral":true,"places":["inCounty","inCity","inProvince"]},
     "classes":[{"identities":["tekun"],"deductible":"5000","ratio":"1.0","annualCaps":[{"amount":"50000"}]},
                {"identities":["dibao","fanpin"],"deductible":"5000","ratio":"0.9","annualCaps":[{"amount":"50000"}]},
                {"identities":["jiance"],"deductible":"5000","ratio":"0.7","annualCaps":[{"amount":"50000"}]}]}
    """#

  @Test func tiltScopeAndClasses() throws {
    let assistance = #"{"kind":"assistance","id":"a","fundCode":"610100","classes":[{"identities":["dibao","jiance"],"ratio":"0.5"}]}"#
    let engine = try TestTables.engine(layers: Self.basicHalf + "," + assistance + "," + Self.yichangTilt)
    func settle(_ ids: UInt64, place: Place = .inProvince, referred: Bool = true) throws -> Settlement {
      var y = YearToDate()
      return try engine.settle(.inpatient(total: 4_000_000, place: place, referred: referred, identities: ids), yearToDate: &y)
    }
    // in-policy 40,000; basic 20,000; assistance 10,000 (低保 50 %); left 10,000;
    // tilt (10,000 − 5,000) × 0.9 = 4,500.
    let d = try settle(Bit.dibao)
    #expect(d.layer(1).amount == 1_000_000)
    #expect(d.layer(2).amount == 450_000)
    #expect(d.patient == 4_000_000 - 2_000_000 - 1_000_000 - 450_000)
    // 监测对象 70 %: (10,000 − 5,000) × 0.7 = 3,500.
    #expect(try settle(Bit.jiance).layer(2).amount == 350_000)
    // Not referred, or out of province: no tilt.
    #expect(try settle(Bit.dibao, referred: false).layer(2).applied == false)
    #expect(try settle(Bit.dibao, place: .outOfProvince).layer(2).applied == false)
  }
}
