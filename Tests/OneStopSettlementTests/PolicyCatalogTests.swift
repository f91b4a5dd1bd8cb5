import Foundation
import OneStopSettlement
import Testing

/// Inheritance, versioning and dating of the catalog, on small in-memory
/// trees; and every error path with its typed code.
@Suite struct PolicyCatalogTests {
  /// A province table: one level (起付 500, 80 %), 低保 assistance 70 %.
  static let provinceTable = """
    { "rounding": "halfUp",
      "hospitalLevels": [{ "id": "1", "name": "一级" }],
      "identities": [{ "id": "dibao", "name": "低保对象", "codes": ["2303"] }],
      "layers": [
        { "kind": "basic", "id": "basic", "name": "基本医保", "fundCode": "390100",
          "benefits": [{ "claimKinds": ["inpatient"], "deductible": { "1": "500.00" }, "ratio": { "1": "0.80" } }] },
        { "kind": "assistance", "id": "assistance", "name": "医疗救助", "fundCode": "610100",
          "classes": [{ "identities": ["dibao"], "ratio": "0.70" }] } ] }
    """

  static func region(_ name: String, continuous: Bool = true) -> Data {
    Data(#"{ "schemaVersion": 1, "name": "\#(name)", "continuous": \#(continuous) }"#.utf8)
  }

  static func version(_ label: String, _ from: String, _ to: String, table: String = "{}", regional: String = "{}") -> Data {
    Data("""
      { "schemaVersion": 1, "version": "\(label)", "validFrom": "\(from)", "validTo": "\(to)",
        "name": "v\(label)", "table": \(table), "regional": \(regional) }
      """.utf8)
  }

  /// p: 2020–2022 (80 %), 2023–2025 (ratio 85 %);
  /// p/c: 2021–2025, 起付 300 and a 倾斜 layer.
  static var tree: [String: Data] {
    [
      "p/region.json": region("省"),
      "p/2020.json": version("2020", "2020-01-01", "2022-12-31", table: provinceTable),
      "p/2023.json": version("2023", "2023-01-01", "2025-12-31",
        table: #"{ "layers": [{ "id": "basic", "benefits": [{ "claimKinds": ["inpatient"], "deductible": { "1": "500.00" }, "ratio": { "1": "0.85" } }] }] }"#),
      "p/c/region.json": region("市"),
      "p/c/2021.json": version("2021", "2021-01-01", "2025-12-31",
        table: #"""
          { "layers": [
              { "id": "basic", "benefits": [{ "claimKinds": ["inpatient"], "deductible": { "1": "300.00" }, "ratio": { "1": "0.80" } }] },
              { "kind": "tilt", "id": "tilt", "name": "倾斜救助", "fundCode": "610102",
                "classes": [{ "identities": ["dibao"], "deductible": "1000.00", "ratio": "0.50" }] } ] }
          """#,
        regional: #"{ "payAfterTreatment": { "grants": [{ "id": "c", "identities": ["dibao"], "places": ["inCounty"] }] } }"#),
      "p/c/cases/ignored.json": Data("not even JSON".utf8),
    ]
  }

  static func day(_ s: String) throws -> CivilDate { try CivilDate(parsing: s) }

  static func claim(on date: String, inPolicy: String, identity: String? = nil) throws -> PreparedClaim {
    let m = try Money(parsing: inPolicy).fen
    return PreparedClaim(total: m, inPolicy: m, kind: .inpatient, level: 0, place: .inCounty, identities: identity == nil ? 0 : 1, year: try day(date).year)
  }

  // MARK: - Inheritance and dating

  @Test func childOverridesByKeyAndFollowsTheParentsVersions() throws {
    let catalog = try PolicyCatalog(files: Self.tree)
    let c = try catalog.region("p/c")
    #expect(c.parent == "p")
    #expect(c.periods.map(\.id) == ["p/c@2021-01-01", "p/c@2023-01-01"])
    #expect(c.periods.map(\.validTo.description) == ["2022-12-31", "2025-12-31"])
    #expect(c.periods[1].files == ["p/2020.json", "p/2023.json", "p/c/2021.json"])

    // 2022: the child's 起付 300 at the parent's 80 %: (10000 − 300) × 0.80 = 7760.00.
    let e2022 = try catalog.policy(region: "p/c", on: Self.day("2022-06-01")).engine
    var ytd = YearToDate()
    #expect(try e2022.settle(Self.claim(on: "2022-06-01", inPolicy: "10000.00"), yearToDate: &ytd).layer(0).amount == 776_000)
    // 2024: the child still wins on the benefit block it restates (80 %): the
    // parent's 85 % arrives only where the child does not override. 7760.00 again.
    let e2024 = try catalog.policy(region: "p/c", on: Self.day("2024-06-01")).engine
    ytd = YearToDate()
    #expect(try e2024.settle(Self.claim(on: "2024-06-01", inPolicy: "10000.00"), yearToDate: &ytd).layer(0).amount == 776_000)
    // The province itself: (10000 − 500) × 0.85 = 8075.00 in 2024, × 0.80 = 7600.00 in 2022.
    let p2024 = try catalog.policy(region: "p", on: Self.day("2024-06-01")).engine
    ytd = YearToDate()
    #expect(try p2024.settle(Self.claim(on: "2024-06-01", inPolicy: "10000.00"), yearToDate: &ytd).layer(0).amount == 807_500)
    let p2022 = try catalog.policy(region: "p", on: Self.day("2022-06-01")).engine
    ytd = YearToDate()
    #expect(try p2022.settle(Self.claim(on: "2022-06-01", inPolicy: "10000.00"), yearToDate: &ytd).layer(0).amount == 760_000)

    // The child adds a layer after the inherited ones; ids and order kept.
    #expect(try catalog.table(region: "p/c", on: Self.day("2024-06-01")).layers.map(\.id) == ["basic", "assistance", "tilt"])
    // Regional rules are merged too; the province has none.
    #expect(try catalog.policy(region: "p/c", on: Self.day("2024-06-01")).rules.payAfterTreatment?.grants.map(\.id) == ["c"])
    #expect(try catalog.policy(region: "p", on: Self.day("2024-06-01")).rules.payAfterTreatment == nil)
  }

  @Test func aParentChangeReachesKeysTheChildDoesNotSet() throws {
    var files = Self.tree
    // The child overrides only the 救助 ratio; the province's 2023 basic change reaches it.
    files["p/c/2021.json"] = Self.version("2021", "2021-01-01", "2025-12-31",
      table: #"{ "layers": [{ "id": "assistance", "classes": [{ "identities": ["dibao"], "ratio": "0.90" }] }] }"#)
    let catalog = try PolicyCatalog(files: files)
    let e = try catalog.policy(region: "p/c", on: Self.day("2024-06-01")).engine
    var ytd = YearToDate()
    // basic (10000 − 500) × 0.85 = 8075.00; 救助 (10000 − 8075) × 0.90 = 1732.50.
    let s = try e.settle(Self.claim(on: "2024-06-01", inPolicy: "10000.00", identity: "dibao"), yearToDate: &ytd)
    #expect(s.layer(0).amount == 807_500)
    #expect(s.layer(1).amount == 173_250)
  }

  @Test func versionsBuildOnThePreviousVersion() throws {
    var files = Self.tree
    files["p/2023.json"] = Self.version("2023", "2023-01-01", "2025-12-31",
      table: #"{ "identities": [{ "id": "tekun", "name": "特困人员" }], "layers": [{ "id": "assistance", "$delete": true }] }"#)
    let catalog = try PolicyCatalog(files: files)
    let t = try catalog.table(region: "p", on: Self.day("2023-01-01"))
    #expect(t.identities.map(\.id) == ["dibao", "tekun"])
    #expect(t.layers.map(\.id) == ["basic"])
    #expect(try catalog.table(region: "p", on: Self.day("2022-12-31")).layers.map(\.id) == ["basic", "assistance"])
    let start = try Self.day("2023-01-01")
    #expect(t.id == "p@2023-01-01" && t.name == "v2023" && t.validFrom == start)
  }

  @Test func aChildStartsWhenItsOwnFirstVersionStarts() throws {
    let catalog = try PolicyCatalog(files: Self.tree)
    #expect(throws: SettlementError.self) { _ = try catalog.policy(region: "p/c", on: Self.day("2020-06-01")) }
    #expect(try catalog.policy(region: "p", on: Self.day("2020-06-01")).id == "p@2020-01-01")
  }

  // MARK: - Errors

  static func error(_ files: [String: Data]) -> SettlementError? {
    do throws(SettlementError) { _ = try PolicyCatalog(files: files); return nil } catch { return error }
  }

  @Test func overlappingVersionsAreAnError() {
    var files = Self.tree
    files["p/2023.json"] = Self.version("2023", "2022-06-01", "2025-12-31")
    let e = Self.error(files)
    #expect(e?.code == .overlappingVersions)
    #expect(e?.jsonPath == "p/2023.json")
  }

  @Test func aGapIsAnErrorOnlyWhereTheRegionIsContinuous() throws {
    var files = Self.tree
    files["p/2023.json"] = Self.version("2023", "2023-02-01", "2025-12-31")
    #expect(Self.error(files)?.code == .versionGap)
    files["p/region.json"] = Self.region("省", continuous: false)
    // The child is continuous and its span now meets the province's gap.
    let e = Self.error(files)
    #expect(e?.code == .versionGap)
    #expect(e?.jsonPath == "p/c")
    files["p/c/region.json"] = Self.region("市", continuous: false)
    let catalog = try PolicyCatalog(files: files)
    #expect {
      _ = try catalog.policy(region: "p/c", on: Self.day("2023-01-15"))
    } throws: { ($0 as? SettlementError)?.code == .dateNotCovered }
    #expect(try catalog.region("p/c").periods.map(\.id) == ["p/c@2021-01-01", "p/c@2023-02-01"])
  }

  @Test func unknownRegionAndUncoveredDateAreTypedErrors() throws {
    let catalog = try PolicyCatalog(files: Self.tree)
    #expect {
      _ = try catalog.table(region: "p/x", on: Self.day("2024-01-01"))
    } throws: { ($0 as? SettlementError)?.code == .unknownRegion && ($0 as? SettlementError)?.found == "p/x" }
    #expect {
      _ = try catalog.table(region: "p", on: Self.day("2026-01-01"))
    } throws: { ($0 as? SettlementError)?.code == .dateNotCovered }
  }

  @Test func aVersionOutsideARegionIsAnError() {
    var files = Self.tree
    files["q/2020.json"] = Self.version("2020", "2020-01-01", "2020-12-31", table: Self.provinceTable)
    #expect(Self.error(files)?.code == .undefinedReference)
  }

  @Test func aRegionWithoutVersionsIsAnError() {
    var files = Self.tree
    files["q/region.json"] = Self.region("空")
    #expect(Self.error(files)?.code == .missingField)
  }

  @Test func theCatalogSetsIdsAndDates() {
    var files = Self.tree
    files["p/c/2021.json"] = Self.version("2021", "2021-01-01", "2025-12-31", table: #"{ "validFrom": "2021-01-01" }"#)
    let e = Self.error(files)
    #expect(e?.code == .unknownKey)
    #expect(e?.jsonPath == "p/c/2021.json: table.validFrom")
  }

  @Test func aBadMergedTableNamesThePeriodAndFiles() {
    var files = Self.tree
    files["p/c/2021.json"] = Self.version("2021", "2021-01-01", "2025-12-31",
      table: #"{ "layers": [{ "id": "assistance", "appliesTo": { "identities": ["nobody"] } }] }"#)
    let e = Self.error(files)
    #expect(e?.code == .undefinedReference)
    #expect(e?.jsonPath == "p/c@2021-01-01: table.layers[1].appliesTo.identities")
    #expect(e?.expectation.contains("p/2020.json + p/c/2021.json") == true)
  }

  @Test func badRegionalRulesAreErrors() {
    var files = Self.tree
    files["p/c/2021.json"] = Self.version("2021", "2021-01-01", "2025-12-31",
      regional: #"{ "payAfterTreatment": { "grants": [{ "id": "c", "identities": ["nobody"] }] } }"#)
    let e = Self.error(files)
    #expect(e?.code == .undefinedReference)
    #expect(e?.jsonPath == "p/c@2021-01-01: regional.payAfterTreatment.grants[0].identities")

    files["p/c/2021.json"] = Self.version("2021", "2021-01-01", "2025-12-31",
      regional: #"{ "familyDoctor": { "fee": "36.00", "shares": [{ "id": "a", "payer": "individual", "amount": "12.00" }] } }"#)
    #expect(Self.error(files)?.code == .inconsistentAmounts)
  }

  @Test func malformedFilesNameTheFile() {
    var files = Self.tree
    files["p/c/2021.json"] = Data(#"{ "schemaVersion": 1, "version": "x", "validFrom": "2021-01-01", "validTo": "2020-01-01", "name": "n" }"#.utf8)
    #expect(Self.error(files)?.jsonPath == "p/c/2021.json: validTo")
    files["p/c/2021.json"] = Data("{ \"schemaVersion\": 1,\n  oops }".utf8)
    let e = Self.error(files)
    #expect(e?.code == .malformedJSON)
    #expect(e?.jsonPath.hasPrefix("p/c/2021.json") == true)
  }

  // MARK: - Days

  @Test func dayNumbersRoundTrip() throws {
    for text in ["1970-01-01", "2000-02-29", "2023-12-31", "2024-03-01", "1900-01-01", "2999-12-31"] {
      let d = try CivilDate(parsing: text)
      #expect(try CivilDate(dayNumber: d.dayNumber) == d)
    }
    #expect(try CivilDate(parsing: "2023-12-31").adding(days: 1) == (try CivilDate(parsing: "2024-01-01")))
    #expect(try CivilDate(parsing: "2024-03-01").adding(days: -1) == (try CivilDate(parsing: "2024-02-29")))
  }
}
