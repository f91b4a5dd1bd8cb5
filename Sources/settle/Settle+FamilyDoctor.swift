import Foundation
import OneStopSettlement

/// `settle family-doctor` — who pays the family-doctor contract fee.
struct FamilyDoctorCommand: SettleCommand {
  static let name = "family-doctor"
  static let abstract = "Split the family-doctor contract fee between its payers (家庭医生签约服务费)"
  static let help = """
    USAGE: settle family-doctor --region ID --date yyyy-MM-dd [--identity CODE]… [--key-group] [--tables DIR] [--json]

    Picks the region's table for the date and splits the yearly contract fee
    (西双版纳: 36 = 12 个人 + 12 医保基金 + 12 基本公卫). For identities whose
    individual share a public payer bears, that share moves to the payer.

    OPTIONS:
      --region ID       region under PolicyTables (e.g. yunnan/xishuangbanna)
      --date DATE       the day the identities are taken on
      --identity CODE   an identity code or id the person holds (repeatable)
      --key-group       the person is in a key group (65岁以上, 0–6岁, 孕产妇, 残疾人, 4 种慢病)
      --tables DIR      the tables directory
      --json            machine-readable output
    """

  var options: RegionOptions
  var keyGroup: Bool
  var json: Bool

  init(parsing p: inout ArgumentParser) throws {
    options = try RegionOptions(parsing: &p)
    keyGroup = p.flag("--key-group")
    json = p.flag("--json")
  }

  func run() throws {
    let policy = try options.policy()
    guard let fee = policy.rules.familyDoctor else {
      throw ValidationError("\(policy.id) has no 家庭医生签约服务费 (familyDoctor) table")
    }
    let split = try fee.split(for: options.person, on: options.date, keyGroup: keyGroup, table: policy.table)
    if json {
      Files.write(JSONText.encode(split))
      return
    }
    let name = try CatalogLoader.load(options.tables).region(options.region).name
    var t = TextTable()
    t.rows = split.lines.map { [$0.name, $0.amount.description] }
    t.rows.append(["个人实付" + (split.coveredAs.map { "（\($0)，个人部分由财政承担）" } ?? ""), split.individual.description])
    let head = RegionOptions.header(policy, name: name) + "\n  家庭医生签约服务费 \(split.fee)/人/年\(split.feeProvenance.label)\n"
    Files.write(Data((head + t.rendered(indent: "  ")).utf8))
  }
}
