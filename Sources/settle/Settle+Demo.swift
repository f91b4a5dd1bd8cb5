import Foundation
import OneStopSettlement

/// `settle demo` — typical claims settled in every shipped region.
struct DemoCommand: SettleCommand {
  static let name = "demo"
  static let abstract = "Settle typical claims in every shipped region (per-layer table)"
  static let help = """
    USAGE: settle demo [--tables DIR] [--date yyyy-MM-dd] [--json]

    Settles four typical inpatient claims — an ordinary resident, a 低保
    对象 referred to a city hospital, a 特困人员 in county, and a 脱贫人口
    (建档立卡) with lung cancer referred within the province to a designated
    hospital — in every region under PolicyTables/, and prints one table per
    region: the fund each layer pays, the patient's share and whether an
    admission deposit is due (先诊疗后付费). Yuan, two decimals.

    The day is --date, or 2024-06-30, moved into the region's last table
    period when the region has none then. Tables marked 示例 contain
    illustrative numbers (see each number's note in the JSON).

    OPTIONS:
      --tables DIR   the tables directory (default: ./PolicyTables, or the nearest parent's)
      --date DATE    the discharge date of the demo claims
      --json         machine-readable output (settlement records in the platform vocabulary)
    """

  var tables: String?
  var date: CivilDate
  var json: Bool

  init(parsing p: inout ArgumentParser) throws {
    tables = try p.option("--tables")
    date = try CivilDate(parsing: try p.option("--date") ?? "2024-06-30")
    json = p.flag("--json")
  }

  /// One typical claim.
  struct Scenario {
    var id: String
    var title: String
    var claim: Claim
  }

  /// The typical claims, discharged on `day`.
  static func scenarios(on day: CivilDate) throws -> [Scenario] {
    let admitted = try day.adding(days: -9)
    func claim(_ id: String, level: String, place: Place, referred: Bool, total: String, ownPay: String, payFirst: String,
               identity: String?, diagnoses: [String] = [], designated: Bool = false) throws -> Claim {
      Claim(
        id: id, kind: .inpatient, hospitalLevel: level, place: place, referred: referred,
        admissionDate: admitted, dischargeDate: day, diagnoses: diagnoses, designatedHospital: designated,
        amounts: ClaimAmounts(total: try Money(parsing: total), fullyOwnPay: try Money(parsing: ownPay), payFirst: try Money(parsing: payFirst)),
        person: Person(scheme: "390", identities: identity.map { [IdentityRecord(code: $0)] } ?? []))
    }
    return [
      Scenario(id: "A", title: "普通参保人员 · 二级 · 县域内",
        claim: try claim("demo-A", level: "2", place: .inCounty, referred: false, total: "12000.00", ownPay: "500.00", payFirst: "300.00", identity: nil)),
      Scenario(id: "B", title: "低保对象（2303）· 三级 · 市域内经转诊",
        claim: try claim("demo-B", level: "3", place: .inCity, referred: true, total: "60000.00", ownPay: "2000.00", payFirst: "1500.00", identity: "2303")),
      Scenario(id: "C", title: "特困人员（2304）· 一级 · 县域内",
        claim: try claim("demo-C", level: "1", place: .inCounty, referred: false, total: "8000.00", ownPay: "200.00", payFirst: "0", identity: "2304")),
      Scenario(id: "D", title: "脱贫人口/建档立卡（2302）· 三级 · 省内经转诊 · 肺癌 C34.1 · 定点救治医院",
        claim: try claim("demo-D", level: "3", place: .inProvince, referred: true, total: "150000.00", ownPay: "6000.00", payFirst: "4000.00",
          identity: "2302", diagnoses: ["C34.1"], designated: true)),
    ]
  }

  /// One scenario's outcome in one region.
  struct Outcome: Encodable {
    var scenario: String
    var title: String
    var record: SettlementRecord?
    var deposit: DepositDecision?
    var error: String?
  }

  /// One region's outcomes.
  struct RegionDemo: Encodable {
    var region: String
    var name: String
    var table: String
    var date: String
    var illustrative: Bool
    var outcomes: [Outcome]
  }

  func run() throws {
    let catalog = try CatalogLoader.load(tables)
    var demos: [(demo: RegionDemo, layers: [Layer])] = []
    for region in catalog.regions {
      guard let last = region.periods.last, let first = region.periods.first else { continue }
      let day = region.period(on: date) != nil ? date : (date > last.validTo ? last.validTo : first.validFrom)
      let policy = try catalog.policy(region: region.id, on: day)
      var outcomes: [Outcome] = []
      for s in try Self.scenarios(on: day) { outcomes.append(Self.outcome(of: s, under: policy)) }
      demos.append((RegionDemo(
        region: region.id, name: region.name, table: policy.id, date: day.description,
        illustrative: policy.table.provenance.illustrative || policy.versions.contains { $0.provenance.illustrative },
        outcomes: outcomes), policy.table.layers))
    }
    if json {
      Files.write(JSONText.encode(demos.map(\.demo)))
      return
    }
    var out = "一站式结算 示例（住院，金额单位：元）\n\n"
    for s in try Self.scenarios(on: date) {
      let a = s.claim.amounts
      out += "  \(s.id)  \(s.title)；医疗费总额 \(a.total)（全自费 \(a.fullyOwnPay)，先行自付 \(a.payFirst)）\n"
    }
    for (demo, layers) in demos {
      out += "\n\(demo.name)  \(demo.region)  表 \(demo.table)  出院日期 \(demo.date)\(demo.illustrative ? "  （含示例参数）" : "")\n"
      out += Self.table(demo, layers: layers).rendered(indent: "  ")
      for o in demo.outcomes where o.error != nil { out += "  \(o.scenario): \(o.error ?? "")\n" }
    }
    Files.write(Data(out.utf8))
  }

  /// Settles one scenario; an error becomes part of the outcome.
  static func outcome(of s: Scenario, under policy: RegionalPolicy) -> Outcome {
    do throws(SettlementError) {
      let result = try policy.engine.settle(SettlementRequest(claim: s.claim))
      let deposit = try policy.rules.depositDecision(for: s.claim, table: policy.table)
      return Outcome(scenario: s.id, title: s.title, record: result.record, deposit: deposit)
    } catch {
      return Outcome(scenario: s.id, title: s.title, error: error.description)
    }
  }

  /// Rows: amounts, each layer, totals and the deposit; a column per scenario.
  static func table(_ demo: RegionDemo, layers: [Layer]) -> TextTable {
    var t = TextTable()
    t.rows.append(["项目"] + demo.outcomes.map(\.scenario))
    func row(_ label: String, _ value: (SettlementRecord) -> String) {
      t.rows.append([label] + demo.outcomes.map { $0.record.map(value) ?? "—" })
    }
    row("医疗费总额") { $0.setlinfo.medfee_sumamt.description }
    row("政策范围内") { $0.setlinfo.inscp_scp_amt.description }
    row("起付线") { $0.setlinfo.act_pay_dedc.description }
    for layer in layers {
      row(layer.name) { r in
        guard let l = r.layers.first(where: { $0.id == layer.id }) else { return "—" }
        return l.applied ? l.amount.description : "不适用"
      }
    }
    row("基金支付合计") { $0.setlinfo.fund_pay_sumamt.description }
    row("个人负担") { $0.setlinfo.psn_part_amt.description }
    t.rows.append(["入院押金"] + demo.outcomes.map { $0.deposit.map { $0.depositRequired ? "须缴" : "免缴" } ?? "—" })
    return t
  }
}
