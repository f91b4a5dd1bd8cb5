import OneStopSettlement
import Testing

/// Published cases from `shared/domain/worked-examples.md`, each with a
/// table built from the stated parameters only. Expectations are the
/// published numbers.
@Suite struct WorkedExampleTests {
  @Test func ex4Guangzhou2022() throws {
    // total 100,000; 全自费 100; 乙类先自付 100; 起付 500; basic 70 %;
    // 大病 起付 18,000 at 60 %, base includes the basic deductible, not 先行自付.
    let layers = #"""
      {"kind":"basic","id":"basic","fundCode":"390100","benefits":[{"claimKinds":["inpatient"],"deductible":{"1":500,"2":500,"3":500},"ratio":{"1":"0.7","2":"0.7","3":"0.7"}}]},
      {"kind":"majorIllness","id":"major","fundCode":"390200","deductible":"18000","breakpoints":"relativeToDeductible",
       "baseIncludesBasicDeductible":true,"baseIncludesPayFirst":false,"segments":[{"rate":"0.60"}]}
      """#
    let engine = try TestTables.engine(layers: layers)
    var y = YearToDate()
    let s = try engine.settle(.inpatient(total: 10_000_000, inPolicy: 9_980_000, payFirst: 10_000, level: 2), yearToDate: &y)
    #expect(s.layer(0).amount == 6_951_000)  // 99,300 × 70 % = 69,510
    #expect(s.layer(1).base == 3_029_000)  // 99,300 × 30 % + 500 = 30,290
    #expect(s.layer(1).amount == 737_400)  // (30,290 − 18,000) × 60 % = 7,374
    #expect(s.fundTotal == 7_688_400)  // 76,884
    #expect(s.patient == 2_311_600)  // 23,116
  }

  @Test func ex6RelativeSegments() throws {
    // Covered in MajorIllnessTests.relativeBreakpointsEx6 with its full table; here
    // the same schedule alone, base given directly as a 大病-only table.
    let layer = #"""
      {"kind":"majorIllness","id":"major","fundCode":"390200","deductible":"20000","breakpoints":"relativeToDeductible",
       "segments":[{"upTo":"20000","rate":"0.30"},{"upTo":"50000","rate":"0.40"},{"rate":"0.50"}]}
      """#
    let engine = try TestTables.engine(layers: layer)
    var y = YearToDate()
    // 个人 PIP 50,000 (basic already paid elsewhere): 20,000 × 30 % + 10,000 × 40 % = 10,000.
    let s = try engine.settle(.inpatient(total: 5_000_000), yearToDate: &y)
    #expect(s.layer(0).amount == 1_000_000)
  }

  @Test func ex8HeilongjiangPayFirst() throws {
    // 诊疗 2,000 + 甲类 3,000 + 乙类 5,000 (先行自付 10 % = 500); 起付 1,300; 80 %.
    let layer = #"{"kind":"basic","id":"basic","fundCode":"310100","benefits":[{"claimKinds":["inpatient"],"deductible":{"1":1300,"2":1300,"3":1300},"ratio":{"1":"0.8","2":"0.8","3":"0.8"}}]}"#
    let engine = try TestTables.engine(layers: layer)
    var y = YearToDate()
    let s = try engine.settle(.inpatient(total: 1_000_000, inPolicy: 950_000, payFirst: 50_000), yearToDate: &y)
    #expect(s.layer(0).amount == 656_000)  // (3000 + 4500 + 2000 − 1300) × 80 % = 6,560
    #expect(s.patient == 344_000)  // 1300 + 500 + 1640 = 3,440
  }

  @Test func ex10SingleTier() throws {
    // (50,000 − 1,300) × 60 % = 29,220; (100,000 − 650) × 70 % = 69,545.
    let a = #"{"kind":"basic","id":"basic","fundCode":"390100","benefits":[{"claimKinds":["inpatient"],"deductible":{"1":1300,"2":1300,"3":1300},"ratio":{"1":"0.6","2":"0.6","3":"0.6"}}]}"#
    let b = #"{"kind":"basic","id":"basic","fundCode":"390100","benefits":[{"claimKinds":["inpatient"],"deductible":{"1":650,"2":650,"3":650},"ratio":{"1":"0.7","2":"0.7","3":"0.7"}}]}"#
    var y = YearToDate()
    #expect(try TestTables.engine(layers: a).settle(.inpatient(total: 5_000_000), yearToDate: &y).layer(0).amount == 2_922_000)
    y = YearToDate()
    #expect(try TestTables.engine(layers: b).settle(.inpatient(total: 10_000_000), yearToDate: &y).layer(0).amount == 6_954_500)
  }
}
