import Foundation
import OneStopSettlement
import Testing

/// The published contract (`docs/platform-contract.md`): the example
/// requests under `docs/examples/` decode, settle, and give the documented
/// responses; the key figures are derived by hand below.
@Suite struct PlatformContractTests {
  struct Example: Sendable, CustomTestStringConvertible {
    let name: String
    var testDescription: String { name }
  }

  static let examples = [Example(name: "inpatient"), Example(name: "outpatient-chronic")]

  @Test(arguments: examples)
  func exampleStaysValid(_ e: Example) throws {
    let engine = try PlatformFixtures.engine()
    let request = try PlatformRequest.decode(from: PlatformFixtures.data("\(e.name)-request.json"))
    let documented = try PlatformResult.decode(from: PlatformFixtures.data("\(e.name)-response.json"))
    let result = try engine.settle(request)
    #expect(result == documented)
    // The JSON route gives the same bytes as encoding the result.
    #expect(try engine.settleJSON(PlatformFixtures.data("\(e.name)-request.json")) == result.encoded())
    // Re-encoding the documented response reproduces it (stable field names and formats).
    let file = try PlatformFixtures.data("\(e.name)-response.json")
    #expect(String(decoding: documented.encoded(), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
      == String(decoding: file, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
  }

  /// Inpatient example, by hand (table and profile in docs/examples):
  /// lines 320 (甲) + 375 (甲) + 3000 (乙 10 %) + 2000 (乙 20 %, cap 800/unit)
  /// + 560.50 (丙) − 75 (refund of line 2) + 3 × 86.666667 = 260.000001 → 260.00:
  /// total 6440.50; 全自费 560.50; 超限价 2 × (1000 − 800) = 400;
  /// 先行自付 300 + (2000 − 400) × 0.2 = 620; in scope 320 + 375 + 2700 + 1280 − 75 + 260 = 4860.
  /// Basic, level 2: (4860 − 600) × 0.75 = 3195.00. 大病: year base 1450 + 1665 < 15000 → 0.
  /// 救助 低保 70 % of 4860 − 3195 = 1665 → 1165.50. Patient 6440.50 − 3195 − 1165.50 = 2080.00.
  @Test func inpatientByHand() throws {
    let r = try PlatformFixtures.engine().settle(
      try PlatformRequest.decode(from: PlatformFixtures.data("inpatient-request.json")))
    let s = r.setlinfo
    #expect([s.medfee_sumamt, s.fulamt_ownpay_amt, s.overlmt_selfpay, s.preselfpay_amt, s.inscp_scp_amt].map(\.description)
      == ["6440.50", "560.50", "400.00", "620.00", "4860.00"])
    #expect([s.act_pay_dedc, s.hifp_pay, s.hifmi_pay, s.maf_pay, s.fund_pay_sumamt, s.psn_part_amt, s.psn_cash_pay].map(\.description)
      == ["600.00", "3195.00", "0.00", "1165.50", "4360.50", "2080.00", "2080.00"])
    #expect(s.pool_prop_selfpay.description == "0.7500")
    // Cap room before: basic 150000 − 2550 = 147450; 救助 60000 − 1015 = 58985.
    #expect(r.setldetail.map { $0.crt_payb_lmt_amt?.description } == ["147450.00", nil, "58985.00"])
    // Deltas: one admission, fees, deductible 600, 大病 base 1665, funds.
    let d = r.deltaByCode
    #expect(d["C0000_BIZ21"] == 100 && d["F0000"] == 644_050 && d["S0000"] == 486_000 && d["Q0000"] == 60_000)
    #expect(d["TS390201"] == 166_500 && d["D390101_BIZ21"] == 319_500 && d["D610101_BIZ21"] == 116_550)
  }

  /// Outpatient chronic example, by hand: 乙 1500 (150 先行自付, 1350 in scope) + 甲 500:
  /// in scope 1850; basic 1850 × 0.60 = 1110. 大病 year base 20000 → 20740 above 15000:
  /// (20740 − 15000) × 0.6 − (20000 − 15000) × 0.6 = 3444 − 3000 = 444. Patient 2000 − 1554 = 446.
  @Test func outpatientChronicByHand() throws {
    let r = try PlatformFixtures.engine().settle(
      try PlatformRequest.decode(from: PlatformFixtures.data("outpatient-chronic-request.json")))
    #expect(r.infno == "2207")
    #expect([r.setlinfo.hifp_pay, r.setlinfo.hifmi_pay, r.setlinfo.maf_pay, r.setlinfo.psn_cash_pay].map(\.description)
      == ["1110.00", "444.00", "0.00", "446.00"])
    #expect(r.deltaByCode["D390201_BIZ14"] == 44_400 && r.deltaByCode["C0000_BIZ21"] == 0)
  }

  /// Ratios have four decimals; amounts two, also when an amount is negative.
  @Test func numberFormats() throws {
    #expect(PlatformRatio(Rate(micros: 655_000)).description == "0.6550")
    #expect(PlatformRatio(Rate(micros: 123_456)).description == "0.1235")
    #expect(Money(fen: -7_550).description == "-75.50")
    #expect(Quantity(tenThousandths: -60_000).description == "-6.0000")
    #expect(UnitPrice(microYuan: 86_666_667).description == "86.666667")
  }
}

// MARK: - Codes, account and the fund_pay_sumamt switch

extension PlatformContractTests {
  struct BadRequest: Sendable, CustomTestStringConvertible {
    let id: String
    let edit: @Sendable (inout [String: Any]) -> Void
    let code: SettlementError.Code
    let path: String
    var testDescription: String { id }
  }

  static func lines(_ edit: @escaping @Sendable (inout [[String: Any]]) -> Void) -> @Sendable (inout [String: Any]) -> Void {
    { json in
      var l = json["feedetail"] as? [[String: Any]] ?? []
      edit(&l)
      json["feedetail"] = l
    }
  }

  static let badRequests: [BadRequest] = [
    BadRequest(id: "unknown med_type", edit: { $0["med_type"] = "9903" }, code: .unknownCode, path: "med_type"),
    BadRequest(id: "unknown psn_type", edit: { $0["psn_type"] = "1102" }, code: .unknownCode, path: "psn_type"),
    BadRequest(id: "unknown dedc_hosp_lv", edit: { $0["dedc_hosp_lv"] = "402" }, code: .unknownCode, path: "dedc_hosp_lv"),
    BadRequest(id: "unknown insutype", edit: { $0["insutype"] = "310" }, code: .unknownCode, path: "insutype"),
    BadRequest(id: "unknown psn_idet_type", edit: { $0["idetinfo"] = [["psn_idet_type": "7202"]] },
      code: .unknownCode, path: "idetinfo[0].psn_idet_type"),
    BadRequest(id: "negative price", edit: lines { $0[1]["pric"] = "-12.5" }, code: .amountOutOfRange, path: "feedetail[1].pric"),
    BadRequest(id: "quantity 0 with amount", edit: lines { $0[2]["cnt"] = "0" }, code: .inconsistentAmounts, path: "feedetail[2].cnt"),
    BadRequest(id: "line total is not cnt × pric", edit: lines { $0[3]["det_item_fee_sumamt"] = "1999.99" },
      code: .inconsistentAmounts, path: "feedetail[3].det_item_fee_sumamt"),
    BadRequest(id: "unknown item code", edit: lines { $0[4]["med_list_codg"] = "NOT-IN-CATALOGUE" },
      code: .unknownCode, path: "feedetail[4].med_list_codg"),
    BadRequest(id: "unknown line key", edit: lines { $0[0]["pric_typo"] = "1" }, code: .unknownKey, path: "feedetail[0].pric_typo"),
    BadRequest(id: "bad class", edit: lines { $0[0]["chrgitm_lv"] = "04" }, code: .invalidValue, path: "feedetail[0].chrgitm_lv"),
    BadRequest(id: "pre-split parts do not add up", edit: lines { $0[0]["inscp_scp_amt"] = "300.00" },
      code: .inconsistentAmounts, path: "feedetail[0].det_item_fee_sumamt"),
    BadRequest(id: "medfee_sumamt differs from lines", edit: { $0["medfee_sumamt"] = "6440.49" },
      code: .inconsistentAmounts, path: "medfee_sumamt"),
    BadRequest(id: "missing endtime", edit: { $0["endtime"] = nil }, code: .missingField, path: "endtime"),
    BadRequest(id: "date outside the table", edit: { $0["endtime"] = "2025-01-02" }, code: .dateNotCovered, path: "endtime"),
    BadRequest(id: "bad admdvs", edit: { $0["insuplc_admdvs"] = "3209" }, code: .invalidValue, path: "insuplc_admdvs"),
    BadRequest(id: "account without balance", edit: { $0["acct_used_flag"] = "1" }, code: .missingField, path: "balc"),
    BadRequest(id: "settlement by quota", edit: { $0["psn_setlway"] = "02" }, code: .invalidValue, path: "psn_setlway"),
    BadRequest(id: "unmapped cum_type_code", edit: { $0["cuminfo"] = [["insutype": "390", "year": 2024, "cum_type_code": "X1", "cum": "1"]] },
      code: .invalidAccumulators, path: "cuminfo[0].cum_type_code"),
    BadRequest(id: "count that is not whole", edit: { $0["cuminfo"] = [["insutype": "390", "year": 2024, "cum_type_code": "C0000_BIZ21", "cum": "1.5"]] },
      code: .invalidAccumulators, path: "cuminfo[0].cum"),
  ]

  @Test(arguments: badRequests)
  func badRequest(_ c: BadRequest) throws {
    var json = try #require(JSONSerialization.jsonObject(with: PlatformFixtures.data("inpatient-request.json")) as? [String: Any])
    c.edit(&json)
    let data = try JSONSerialization.data(withJSONObject: json)
    let engine = try PlatformFixtures.engine()
    #expect {
      try engine.settleJSON(data)
    } throws: { e in
      let e = e as? SettlementError
      return e?.code == c.code && e?.jsonPath == c.path
    }
  }

  @Test func malformedJSON() throws {
    let engine = try PlatformFixtures.engine()
    #expect(throwsSettlementError(.malformedJSON) { _ = try engine.settleJSON(Data("{\"mdtrt_id\": ".utf8)) })
    #expect(throwsSettlementError(.malformedJSON) { _ = try PlatformProfile.decode(from: Data("[".utf8)) })
    #expect(throwsSettlementError(.malformedJSON) { _ = try ReversalRequest.decode(from: Data("{,}".utf8)) })
  }

  @Test func profileAndCatalogueRoundTrip() throws {
    let profile = try PlatformProfile.decode(from: PlatformFixtures.data("profile.json"))
    #expect(try PlatformProfile.decode(from: profile.encoded()) == profile)
    #expect(profile.catalogue.classes[.classB]?.value == Rate(micros: 100_000))
    #expect(profile.catalogue.provenance.illustrative && profile.provenance.illustrative)
    #expect(throwsSettlementError(.unsupportedSchema, at: "schemaVersion") {
      _ = try Catalogue.decode(from: Data(#"{"schemaVersion": 2, "id": "x", "rounding": "halfUp"}"#.utf8))
    })
    #expect(throwsSettlementError(.missingField, at: "default") {
      _ = try Catalogue.decode(from: Data(#"{"schemaVersion": 1, "id": "x", "rounding": "halfUp", "unknownItems": "useDefault"}"#.utf8))
    })
  }

  @Test func profileReferencesAreChecked() throws {
    let table = try PolicyTable.decode(from: PlatformFixtures.data("table.json"))
    var profile = try PlatformProfile.decode(from: PlatformFixtures.data("profile.json"))
    profile.psnIdetTypes["7202"] = "fanpin"
    #expect {
      try PlatformEngine(table: table, profile: profile)
    } throws: { ($0 as? SettlementError)?.jsonPath == "psnIdetTypes.7202" && ($0 as? SettlementError)?.code == .undefinedReference }
    profile.psnIdetTypes["7202"] = nil
    profile.cumTypes["C0000_BIZ2101"] = .admissions
    #expect {
      try PlatformEngine(table: table, profile: profile)
    } throws: { ($0 as? SettlementError)?.code == .duplicateDefinition }
  }

  /// Personal account: balance 500 of a 2080.00 share → acct_pay 500, cash 1580,
  /// balance after 0. fund_pay_sumamt is 4360.50 (funds only) or
  /// 4360.50 + 500 = 4860.50 where the region counts the account in it.
  @Test(arguments: [false, true])
  func accountAndFundTotalSwitch(_ includesAccount: Bool) throws {
    let table = try PolicyTable.decode(from: PlatformFixtures.data("table.json"))
    var profile = try PlatformProfile.decode(from: PlatformFixtures.data("profile.json"))
    profile.fundPaySumamtIncludesAcctPay = includesAccount
    var request = try PlatformRequest.decode(from: PlatformFixtures.data("inpatient-request.json"))
    request.accountUsed = true
    request.accountBalance = Money(fen: 50_000)
    let s = try PlatformEngine(table: table, profile: profile).settle(request).setlinfo
    #expect(s.acct_pay.fen == 50_000 && s.psn_cash_pay.fen == 158_000 && s.balc?.fen == 0 && s.psn_part_amt.fen == 208_000)
    #expect(s.fund_pay_sumamt.fen == (includesAccount ? 486_050 : 436_050))
  }

  /// The same code means different things by region: the profile decides.
  @Test func codesAreMappedByData() throws {
    let table = try PolicyTable.decode(from: PlatformFixtures.data("table.json"))
    var profile = try PlatformProfile.decode(from: PlatformFixtures.data("profile.json"))
    profile.medTypes = ["9903": .outpatientChronic]
    profile.psnIdetTypes = ["EuResctype-1": "dibao"]
    var request = try PlatformRequest.decode(from: PlatformFixtures.data("inpatient-request.json"))
    request.medicalType = "9903"
    request.identities = [.init(code: "EuResctype-1")]
    let r = try PlatformEngine(table: table, profile: profile).settle(request)
    // As chronic outpatient at level 2: (4860 − 0) × 0.60 = 2916.00; 救助 70 % of 1944 = 1360.80.
    #expect(r.infno == "2207" && r.setlinfo.hifp_pay.fen == 291_600 && r.setlinfo.maf_pay.fen == 136_080)
  }
}
