import Foundation
import OneStopSettlement
import Testing

/// The JSON path a hospital calls: request in, platform vocabulary out.
@Suite struct SettlementRecordTests {
  static func engine() throws -> SettlementEngine {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/year-path/table.json")
    return try SettlementEngine(table: PolicyTable.decode(from: Data(contentsOf: url)))
  }

  @Test func referenceWorkedRowAsJSON() throws {
    let engine = try Self.engine()
    // shared/reference README worked row: claim 0 (poor), total 8,009.85, eligible 7,301.03.
    let request = #"""
      {"claim":{"id":"0","kind":"inpatient","hospitalLevel":"1","place":"inCounty","referred":true,
        "dischargeDate":"2024-03-31","amounts":{"medfee_sumamt":"8009.85","inscp_scp_amt":"7301.03","fulamt_ownpay_amt":"708.82"},
        "person":{"identities":[{"code":"1","begin":"2024-01-01"}]}}}
      """#
    let out = try engine.settleJSON(Data(request.utf8))
    let record = try JSONDecoder().decode(SettlementRecord.self, from: out)
    // basic round(6,501.03 × 0.70) = 4,550.72; major 0; assistance round(2,750.31 × 0.70) = 1,925.22;
    // patient 8,009.85 − 4,550.72 − 1,925.22 = 1,533.91.
    #expect(record.setlinfo.hifp_pay.description == "4550.72")
    #expect(record.setlinfo.hifmi_pay.description == "0.00")
    #expect(record.setlinfo.maf_pay.description == "1925.22")
    #expect(record.setlinfo.psn_part_amt.description == "1533.91")
    #expect(record.setlinfo.fund_pay_sumamt.description == "6475.94")
    #expect(record.setlinfo.act_pay_dedc.description == "800.00")
    #expect(record.setlinfo.pool_prop_selfpay.description == "0.7000")
    #expect(record.setldetail.map(\.fund_pay_type) == ["390100", "390200", "610100"])
    #expect(record.setldetail[0].setl_proc_info.contains("6501.03 × 0.7000 = 4550.72"))
    #expect(record.yearToDate.admissions == 1)
    #expect(record.yearToDate.layers["majorIllness"]?.base.description == "2750.31")
    // Raw JSON uses yuan strings with two decimals.
    let text = String(decoding: out, as: UTF8.self)
    #expect(text.contains(#""psn_part_amt" : "1533.91""#))
  }

  @Test func accumulatorsRoundTripThroughJSON() throws {
    let engine = try Self.engine()
    let claim = #"{"kind":"inpatient","hospitalLevel":"1","place":"inCounty","dischargeDate":"2024-05-01","amounts":{"medfee_sumamt":"30000.00"}}"#
    // Two claims through JSON with the returned yearToDate fed back equal two claims in memory.
    let first = try JSONDecoder().decode(SettlementRecord.self, from: engine.settleJSON(Data("{\"claim\":\(claim)}".utf8)))
    let ytdJSON = String(decoding: try JSONEncoder().encode(first.yearToDate), as: UTF8.self)
    let second = try JSONDecoder().decode(SettlementRecord.self, from: engine.settleJSON(Data("{\"claim\":\(claim),\"yearToDate\":\(ytdJSON)}".utf8)))
    var ytd = YearToDate()
    let c = PreparedClaim(total: 3_000_000, inPolicy: 3_000_000, kind: .inpatient, level: 0, place: .inCounty, year: 2024)
    _ = try engine.settle(c, yearToDate: &ytd)
    let s2 = try engine.settle(c, yearToDate: &ytd)
    #expect(second.setlinfo.hifmi_pay.fen == s2.layer(1).amount)
    #expect(second.setlinfo.psn_part_amt.fen == s2.patient)
    #expect(try engine.yearToDate(from: second.yearToDate) == ytd)
    // Basic (30,000 − 800) × 0.70 = 20,440 per claim, leaving 9,560: the first claim's
    // major-illness base 9,560 < 15,000 → 0; the second's cumulative 19,120 →
    // (19,120 − 15,000) × 0.60 = 2,472.00.
    #expect(first.setlinfo.hifmi_pay.fen == 0)
    #expect(s2.layer(1).amount == 247_200)
  }

  @Test func explanationNamesEveryStep() throws {
    let engine = try Self.engine()
    var ytd = YearToDate()
    var trace = StepTrace()
    let c = PreparedClaim(total: 10_000_000, inPolicy: 10_000_000, kind: .inpatient, level: 0, place: .inCounty, year: 2024)
    let s = try engine.settle(c, yearToDate: &ytd, trace: &trace)
    let zh = engine.explain(s, trace: trace.steps, language: .chinese)
    let en = engine.explain(s, trace: trace.steps, language: .english)
    // basic: (100,000 − 800) × 0.70 = 69,440.00; major base 30,560 → (30,560 − 15,000) × 0.60 = 9,336.00.
    #expect(zh.contains("99200.00 × 0.7000 = 69440.00"))
    #expect(zh.contains("S(后) − S(前) = 9336.00 − 0.00 = 9336.00"))
    #expect(zh.contains("医疗救助: 不适用（无适用身份）"))
    #expect(en.contains("patient pays \(Money(fen: s.patient))"))
    // Same amounts with and without the trace.
    var ytd2 = YearToDate()
    let plain = try engine.settle(c, yearToDate: &ytd2)
    #expect(plain.layers == s.layers && plain.patient == s.patient && ytd == ytd2)
  }
}
