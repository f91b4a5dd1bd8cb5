import Foundation
import OneStopSettlement

/// `settle premium` — the individual and subsidised parts of a premium.
struct PremiumCommand: SettleCommand {
  static let name = "premium"
  static let abstract = "Split a person's annual premium into subsidy and individual part (参保资助)"
  static let help = """
    USAGE: settle premium --region ID --date yyyy-MM-dd [--identity CODE]… [--tables DIR] [--json]

    Picks the region's table for the date, takes the contribution year's
    individual premium and applies the 参保资助 class of the person's
    highest-precedence identity (全额 / 定额 / 按比例). Prints the premium,
    the subsidy and what the person pays, with the source of each number.

    OPTIONS:
      --region ID       region under PolicyTables (e.g. ningxia/zhongwei)
      --date DATE       the day (its year is the contribution year)
      --identity CODE   an identity code or id the person holds (repeatable)
      --tables DIR      the tables directory
      --json            machine-readable output
    """

  var options: RegionOptions
  var json: Bool

  init(parsing p: inout ArgumentParser) throws {
    options = try RegionOptions(parsing: &p)
    json = p.flag("--json")
  }

  func run() throws {
    let policy = try options.policy()
    guard let rule = policy.rules.premiumSubsidy else {
      throw ValidationError("\(policy.id) has no 参保资助 (premiumSubsidy) rule")
    }
    let split = try rule.split(for: options.person, on: options.date, table: policy.table)
    if json {
      Files.write(JSONText.encode(split))
      return
    }
    let name = try CatalogLoader.load(options.tables).region(options.region).name
    var t = TextTable()
    t.rows = [
      ["个人缴费标准", split.premium.description],
      ["资助金额", split.subsidy.description],
      ["个人实缴", split.individual.description],
    ]
    var out = RegionOptions.header(policy, name: name) + "  \(split.year) 年度城乡居民医保个人缴费\n" + t.rendered(indent: "  ")
    out += "  资助类别：" + (split.subsidyClass.map { "\($0)（按\(split.identity ?? "")）" } ?? "无") + "\n"
    out += "  缴费标准出处：\(split.premiumProvenance.label)\n"
    if split.subsidyClass != nil { out += "  资助出处：\(split.subsidyProvenance.label)\n" }
    Files.write(Data(out.utf8))
  }
}
