import Foundation
import OneStopSettlement
import Testing

/// Every number in every shipped table carries `source`, or
/// `illustrative: true` with a `note` — checked on the merged tables and
/// regional rules of every period, so an inherited number is checked too.
@Suite struct ShippedTablesTests {
  @Test func catalogBuilds() throws {
    let catalog = try ShippedTables.catalog.get()
    #expect(catalog.regions.map(\.id) == [
      "hubei", "jiangsu", "jiangsu/huaian-hongze", "jiangsu/yancheng",
      "ningxia", "ningxia/zhongwei", "yunnan", "yunnan/xishuangbanna",
    ])
    #expect(try catalog.region("jiangsu/yancheng").parent == "jiangsu")
    #expect(try catalog.region("ningxia/zhongwei").parent == "ningxia")
    #expect(try catalog.region("hubei").parent == nil)
  }

  @Test func everyNumberCarriesItsProvenance() throws {
    var problems: [String] = []
    var checked = 0
    for region in try ShippedTables.catalog.get().regions {
      for period in region.periods {
        Self.walk(period.table, path: "\(period.id) table", problems: &problems, checked: &checked)
        Self.walk(period.rules, path: "\(period.id) regional", problems: &problems, checked: &checked)
      }
    }
    // 23 periods, each with dozens of numbers: the walk must reach them.
    #expect(checked > 23 * 20, "only \(checked) numbers reached")
    #expect(problems.isEmpty, "\(problems.count) numbers without source or illustrative+note, e.g. \(problems.prefix(5))")
  }

  /// Finds every ``Sourced`` value by reflection and checks its provenance.
  static func walk(_ value: Any, path: String, problems: inout [String], checked: inout Int) {
    if let s = value as? any ProvenanceCarrying {
      checked += 1
      let p = s.carriedProvenance
      let sourced = !(p.source ?? "").isEmpty
      let flagged = p.illustrative && !(p.note ?? "").isEmpty
      if !(sourced && !p.illustrative) && !flagged { problems.append(path) }
      return
    }
    for child in Mirror(reflecting: value).children {
      walk(child.value, path: path + "." + (child.label ?? "?"), problems: &problems, checked: &checked)
    }
  }

  @Test func theCheckFindsABareNumber() throws {
    let bare = Sourced(Money(fen: 80_000))
    var problems: [String] = []
    var checked = 0
    Self.walk(["deductible": bare], path: "t", problems: &problems, checked: &checked)
    #expect(problems.count == 1 && checked == 1)
  }
}

/// A value with provenance (``Sourced``).
protocol ProvenanceCarrying { var carriedProvenance: Provenance { get } }
extension Sourced: ProvenanceCarrying { var carriedProvenance: Provenance { provenance } }
