extension SimulationReport {
  /// The report as one self-contained HTML page: tables and inline SVG
  /// charts (fund cost per layer, out-of-pocket histogram, sweep curve),
  /// no script and no external resource, well-formed XML.
  ///
  /// Every number cell carries `data-key` (its path in the JSON report,
  /// indices as segments: `funds.layers.0.cost.reform`) and `data-value`
  /// (the JSON value), so the page can be checked against the JSON.
  public func html() -> String {
    typealias T = ReportText
    let h = HTMLTable()
    let title = "政策模拟 Policy simulation: \(reform.name) vs \(baseline.name)"
    var s = """
      <!DOCTYPE html>
      <html lang="zh">
      <head>
      <meta charset="utf-8"/>
      <title>\(T.escape(title))</title>
      <style>
      body { font-family: -apple-system, "Segoe UI", "PingFang SC", "Microsoft YaHei", sans-serif; margin: 2em auto; max-width: 1000px; color: #222; }
      table { border-collapse: collapse; margin: 0.5em 0 1.5em; }
      th, td { border: 1px solid #ccc; padding: 0.25em 0.6em; }
      td.n { text-align: right; font-variant-numeric: tabular-nums; }
      th { background: #f4f4f4; }
      .chart { display: block; margin: 0.5em 0 1.5em; }
      .chart-title { font-size: 14px; font-weight: bold; }
      .tick { font-size: 11px; fill: #444; }
      .grid { stroke: #e4e4e4; stroke-width: 1; }
      .note { color: #666; font-size: 0.9em; }
      </style>
      </head>
      <body>
      <h1>\(T.escape(title))</h1>

      """
    s += "<ul>"
    s += "<li>Baseline 基线: \(T.escape(baseline.name)) (<code>\(T.escape(baseline.id))</code>)</li>"
    s += "<li>Reform 改革: \(T.escape(reform.name)) (<code>\(T.escape(reform.id))</code>)</li>"
    if !overrides.isEmpty { s += "<li>Overrides: " + overrides.map { "<code>\(T.escape($0))</code>" }.joined(separator: ", ") + "</li>" }
    s += "<li>Claims \(h.span("claims", "\(claims)")), persons \(h.span("persons", "\(persons)")), rejected rows \(h.span("rejectedRows", "\(rejectedRows)"))</li>"
    s += "<li>Medical cost \(h.span("funds.medicalCost", funds.medicalCost.description)), in policy \(h.span("funds.inPolicyCost", funds.inPolicyCost.description))</li>"
    s += "<li>Conservation (funds + out-of-pocket = total): baseline \(h.span("conservation.baseline", "\(conservation.baseline)")), reform \(h.span("conservation.reform", "\(conservation.reform)"))</li>"
    s += "</ul>\n"

    // Fund cost.
    s += "<h2>Fund cost 基金支出</h2>\n"
    let layerNames = funds.layers.map(\.name)
    s += SVGChart.stackedBars(
      title: "Fund cost per layer (yuan)",
      bars: [("Baseline", funds.layers.map { $0.cost.baseline?.fen ?? 0 }), ("Reform", funds.layers.map { $0.cost.reform?.fen ?? 0 })],
      names: layerNames, unit: T.wan) + "\n"
    s += "<table><tr><th>Layer</th><th>Baseline</th><th>Reform</th><th>Difference</th></tr>"
    for (i, l) in funds.layers.enumerated() {
      let k = "funds.layers.\(i).cost"
      s += "<tr><td>\(T.escape(l.name)) <code>\(T.escape(l.id))</code></td>"
      s += h.money("\(k).baseline", l.cost.baseline) + h.money("\(k).reform", l.cost.reform) + h.signed("\(k).difference", l.cost.difference) + "</tr>"
    }
    s += "<tr><th>Total</th>" + h.money("funds.total.baseline", funds.total.baseline) + h.money("funds.total.reform", funds.total.reform)
      + h.signed("funds.total.difference", funds.total.difference) + "</tr></table>\n"

    // Classes.
    s += "<h2>By identity class 人员类别</h2>\n<table><tr><th>Class</th><th>Persons</th><th>Claims</th><th></th>"
    s += "<th>Mean OOP</th><th>Median OOP</th><th>Actual ratio 实际报销比例</th><th>In-policy ratio 政策范围内报销比例</th></tr>"
    for (i, c) in identityClasses.enumerated() {
      for (side, o) in [("baseline", c.outcome.baseline), ("reform", c.outcome.reform)] {
        let k = "identityClasses.\(i).outcome.\(side)"
        s += "<tr>"
        if side == "baseline" {
          s += "<td rowspan=\"2\">\(T.escape(c.name)) <code>\(T.escape(c.id))</code></td>"
          s += h.count("identityClasses.\(i).persons", c.persons, rowspan: 2) + h.count("identityClasses.\(i).claims", c.claims, rowspan: 2)
        }
        s += "<td>\(side)</td>" + h.money("\(k).averageOutOfPocket", o.averageOutOfPocket) + h.money("\(k).medianOutOfPocket", o.medianOutOfPocket)
        s += h.rate("\(k).actualReimbursementRatio", o.actualReimbursementRatio) + h.rate("\(k).inPolicyReimbursementRatio", o.inPolicyReimbursementRatio) + "</tr>"
      }
    }
    s += "</table>\n"

    // Out-of-pocket.
    let b = outOfPocket.baseline, r = outOfPocket.reform
    s += "<h2>Annual out-of-pocket per person 个人负担</h2>\n"
    s += SVGChart.groupedBars(
      title: "Persons by annual out-of-pocket (yuan)",
      categories: b.histogram.map { $0.to.map { "<\(T.wan($0.fen))" } ?? "≥\(T.wan($0.from.fen))" },
      series: [("Baseline", b.histogram.map { Int64($0.persons) }), ("Reform", r.histogram.map { Int64($0.persons) })],
      unit: { "\($0)" }) + "\n"
    s += "<table><tr><th></th><th>Baseline</th><th>Reform</th></tr>"
    let rows: [(String, String, Money, Money)] = [
      ("Mean", "mean", b.mean, r.mean), ("P50", "p50", b.p50, r.p50), ("P90", "p90", b.p90, r.p90),
      ("P99", "p99", b.p99, r.p99), ("Max", "max", b.max, r.max),
    ]
    for (name, key, bv, rv) in rows {
      s += "<tr><td>\(name)</td>" + h.money("outOfPocket.baseline.\(key)", bv) + h.money("outOfPocket.reform.\(key)", rv) + "</tr>"
    }
    s += "<tr><td>Share over \(T.escape(parameters.thresholdAmount.description))</td>"
      + h.rate("outOfPocket.baseline.overAmount.share", b.overAmount.share) + h.rate("outOfPocket.reform.overAmount.share", r.overAmount.share) + "</tr>"
    s += "<tr><td>Share over \(T.percent(parameters.thresholdIncomeShare)) of income 灾难性卫生支出 (persons with income)</td>"
      + h.rate("outOfPocket.baseline.overIncomeShare.share", b.overIncomeShare.share)
      + h.rate("outOfPocket.reform.overIncomeShare.share", r.overIncomeShare.share) + "</tr></table>\n"
    s += "<table><tr><th>From</th><th>To</th><th>Baseline persons</th><th>Reform persons</th></tr>"
    for (i, (x, y)) in zip(b.histogram, r.histogram).enumerated() {
      s += "<tr>" + h.money("outOfPocket.baseline.histogram.\(i).from", x.from) + h.money("outOfPocket.baseline.histogram.\(i).to", x.to)
      s += h.count("outOfPocket.baseline.histogram.\(i).persons", x.persons) + h.count("outOfPocket.reform.histogram.\(i).persons", y.persons) + "</tr>"
    }
    s += "</table>\n"

    // Winners and losers.
    let w = winnersAndLosers
    s += "<h2>Winners and losers</h2>\n<table><tr><th></th><th>Persons</th><th>Total change</th><th>Mean change</th><th>Largest change</th></tr>"
    for (name, key, c) in [("Pay less (winners)", "winners", w.winners), ("Pay more (losers)", "losers", w.losers)] {
      let k = "winnersAndLosers.\(key)"
      s += "<tr><td>\(name)</td>" + h.count("\(k).persons", c.persons) + h.signed("\(k).total", c.total)
        + h.signed("\(k).average", c.average) + h.signed("\(k).largest", c.largest) + "</tr>"
    }
    s += "<tr><td>Unchanged</td>" + h.count("winnersAndLosers.unchanged", w.unchanged) + "<td></td><td></td><td></td></tr></table>\n"
    s += "<table><tr><th>Class</th><th>Winners</th><th>Losers</th><th>Net change</th></tr>"
    for (i, c) in w.byClass.enumerated() {
      let k = "winnersAndLosers.byClass.\(i)"
      s += "<tr><td><code>\(T.escape(c.id))</code></td>" + h.count("\(k).winners", c.winners) + h.count("\(k).losers", c.losers)
        + h.signed("\(k).netChange", c.netChange) + "</tr>"
    }
    s += "</table>\n"

    // Sweep.
    if let sweep {
      s += "<h2>Sweep of <code>\(T.escape(sweep.key))</code></h2>\n"
      let labels = sweep.points.map(\.value)
      s += SVGChart.lines(title: "Fund cost by \(sweep.key) (yuan)", x: labels, series: [("Fund cost", sweep.points.map(\.fundCost.fen))], unit: T.wan) + "\n"
      s += SVGChart.lines(
        title: "Out-of-pocket by \(sweep.key) (yuan)", x: labels,
        series: [("Mean", sweep.points.map(\.meanOutOfPocket.fen)), ("P90", sweep.points.map(\.p90.fen))], unit: { Money(fen: $0).description }) + "\n"
      s += "<table><tr><th>Value</th><th>Fund cost</th><th>Mean OOP</th><th>P50</th><th>P90</th><th>Over amount</th><th>Over income share</th></tr>"
      for (i, p) in sweep.points.enumerated() {
        let k = "sweep.points.\(i)"
        s += "<tr>" + h.text("\(k).value", p.value) + h.money("\(k).fundCost", p.fundCost) + h.money("\(k).meanOutOfPocket", p.meanOutOfPocket)
          + h.money("\(k).p50", p.p50) + h.money("\(k).p90", p.p90) + h.rate("\(k).overAmountShare", p.overAmountShare)
          + h.rate("\(k).overIncomeShare", p.overIncomeShare) + "</tr>"
      }
      s += "</table>\n"
    }
    s += "<p class=\"note\">Amounts in yuan, exact to the fen. Ratios are rounded once from exact totals. "
    s += "Thresholds are analysis parameters, not policy. Generated by OneStopSettlement.</p>\n</body>\n</html>\n"
    return s
  }
}

/// Table cells tagged with their JSON path and value.
private struct HTMLTable {
  func cell(_ key: String, _ value: String, _ text: String, rowspan: Int = 1) -> String {
    let span = rowspan > 1 ? " rowspan=\"\(rowspan)\"" : ""
    return "<td class=\"n\"\(span) data-key=\"\(ReportText.escape(key))\" data-value=\"\(ReportText.escape(value))\">\(ReportText.escape(text))</td>"
  }
  func money(_ key: String, _ m: Money?) -> String {
    guard let m else { return "<td class=\"n\">—</td>" }
    return cell(key, m.description, m.description)
  }
  func signed(_ key: String, _ m: Money) -> String { cell(key, m.description, ReportText.signed(m)) }
  func rate(_ key: String, _ r: Rate) -> String { cell(key, r.description, ReportText.percent(r)) }
  func count(_ key: String, _ n: Int, rowspan: Int = 1) -> String { cell(key, "\(n)", "\(n)", rowspan: rowspan) }
  func text(_ key: String, _ t: String) -> String { cell(key, t, t) }
  func span(_ key: String, _ t: String) -> String {
    "<span data-key=\"\(ReportText.escape(key))\" data-value=\"\(ReportText.escape(t))\">\(ReportText.escape(t))</span>"
  }
}
