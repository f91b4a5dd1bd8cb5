import Foundation
import Testing
@testable import OneStopSettlement
#if canImport(FoundationXML)
  import FoundationXML
#endif

/// The report's three forms: the HTML page is well-formed, self-contained
/// and shows exactly the JSON's numbers; the Markdown shows them too.
@Suite struct SimulationReportTests {
  static func report() throws -> SimulationReport {
    let base = try Fixture.table("hand/table.json")
    let reform = try base.applying([JSONOverride(parsing: PolicySimulationTests.reformSet)])
    let sweep = try ParameterSweep(parsing: "layers.majorIllness.deductible=6000:12000:2000")
    return try Fixture.simulate(baseline: base, reform: reform, claims: Fixture.data("hand/claims.csv"), sweep: sweep)
  }

  /// Collects every element carrying `data-key`, with its value and text.
  final class Cells: NSObject, XMLParserDelegate {
    var cells: [(key: String, value: String, text: String)] = []
    var open: (key: String, value: String, text: String)? = nil
    var elements: [String: Int] = [:]
    var attributes: [String] = []

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes a: [String: String]) {
      elements[name, default: 0] += 1
      attributes += a.keys
      if let k = a["data-key"] { open = (k, a["data-value"] ?? "", "") }
    }
    func parser(_ parser: XMLParser, foundCharacters string: String) { open?.text += string }
    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
      if let o = open, name == "td" || name == "span" { cells.append(o); open = nil }
    }
  }

  /// The JSON value at a `data-key` path (`funds.layers.0.cost.reform`), as text.
  static func value(_ json: JSONValue, _ key: String) -> String? {
    var node: JSONValue? = json
    for part in key.split(separator: ".") {
      if let i = Int(part), case .array(let a)? = node { node = i < a.count ? a[i] : nil } else { node = node?.member(String(part)) }
    }
    switch node {
    case .string(let s)?: return s
    case .number(let n)?: return n
    case .bool(let b)?: return b ? "true" : "false"
    default: return nil
    }
  }

  @Test func htmlIsWellFormedSelfContainedAndMatchesTheJSON() throws {
    let r = try Self.report()
    let html = r.html()
    #expect(html.hasPrefix("<!DOCTYPE html>"))
    #expect(!html.contains("http://") && !html.contains("https://"))
    let parser = XMLParser(data: Data(html.utf8))
    let cells = Cells()
    parser.delegate = cells
    #expect(parser.parse(), "not well-formed: \(String(describing: parser.parserError))")
    // Nothing to fetch: no script, link, image or iframe; no src/href.
    for tag in ["script", "link", "img", "iframe", "object", "embed"] { #expect(cells.elements[tag] == nil, "<\(tag)>") }
    #expect(!cells.attributes.contains("src") && !cells.attributes.contains("href"))
    // Charts: fund cost, histogram, two sweep curves.
    #expect(cells.elements["svg"] == 4)

    let json = try JSONValue.parse(r.encoded())
    #expect(cells.cells.count > 80)
    for c in cells.cells {
      let want = try #require(Self.value(json, c.key), "no JSON value at \(c.key)")
      #expect(c.value == want, "\(c.key)")
      // The text shows that value: as is, signed, or as a percent of a rate.
      let shown = c.text.hasPrefix("+") ? String(c.text.dropFirst()) : c.text
      if shown.hasSuffix("%") {
        #expect(shown == ReportText.percent(try Rate(parsing: want)), "\(c.key)")
      } else {
        #expect(shown == want, "\(c.key)")
      }
    }
    let keys = Set(cells.cells.map(\.key))
    for k in ["funds.total.baseline", "funds.total.reform", "funds.total.difference", "identityClasses.0.outcome.reform.actualReimbursementRatio",
              "outOfPocket.baseline.p90", "outOfPocket.reform.overIncomeShare.share", "winnersAndLosers.winners.persons", "sweep.points.3.fundCost"] {
      #expect(keys.contains(k), "\(k) not shown")
    }
  }

  @Test func htmlEscapesTableText() throws {
    var r = try Self.report()
    r.reform.name = "<b>&\"x\"</b>"
    let html = r.html()
    #expect(html.contains("&lt;b&gt;&amp;&quot;x&quot;&lt;/b&gt;"))
    #expect(XMLParser(data: Data(html.utf8)).parse())
  }

  @Test func markdownShowsTheTotalsAndClasses() throws {
    let md = try Self.report().markdown()
    // Values derived in PolicySimulationTests.
    #expect(md.contains("| **Total** | **64790.00** | **67290.00** | **+2500.00** |"))
    #expect(md.contains("| 监测对象 (`jiance`) | 1 | 1 | 10500.00 → 8000.00 |"))
    #expect(md.contains("| Pay less (winners) | 1 | -2500.00 |"))
    #expect(md.contains("## Sweep of `layers.majorIllness.deductible`"))
  }

  @Test func percentTextRoundsHalfUpToAHundredthOfAPercent() {
    #expect(ReportText.percent(Rate("0.908438")) == "90.84%")
    #expect(ReportText.percent(Rate("0.666667")) == "66.67%")
    #expect(ReportText.percent(Rate("0.000050")) == "0.01%")
    #expect(ReportText.percent(Rate("0.000049")) == "0.00%")
    #expect(ReportText.percent(.one) == "100.00%")
  }
}
