extension SimulationReport {
  /// The report as a Markdown summary (for the terminal or a README).
  public func markdown() -> String {
    typealias T = ReportText
    var s = "# Policy simulation\n\n"
    s += "- Baseline: \(baseline.name) (`\(baseline.id)`)\n"
    s += "- Reform: \(reform.name) (`\(reform.id)`)\n"
    if !overrides.isEmpty { s += "- Overrides: " + overrides.map { "`\($0)`" }.joined(separator: ", ") + "\n" }
    s += "- Claims: \(claims); persons: \(persons)" + (rejectedRows > 0 ? "; rejected rows: \(rejectedRows)" : "") + "\n"
    if let y = parameters.year { s += "- Dates moved to \(y)\n" }
    s += "- Medical cost: \(funds.medicalCost) (in policy \(funds.inPolicyCost))\n"
    s += "- Conservation (funds + out-of-pocket = total): baseline \(conservation.baseline ? "✓" : "✗"), reform \(conservation.reform ? "✓" : "✗")\n\n"

    s += "## Fund cost (基金支出)\n\n| Layer | Baseline | Reform | Difference |\n|---|---:|---:|---:|\n"
    for l in funds.layers {
      s += "| \(T.cell(l.name)) (`\(l.id)`) | \(T.money(l.cost.baseline)) | \(T.money(l.cost.reform)) | \(T.signed(l.cost.difference)) |\n"
    }
    s += "| **Total** | **\(T.money(funds.total.baseline))** | **\(T.money(funds.total.reform))** | **\(T.signed(funds.total.difference))** |\n\n"

    s += "## By identity class (人员类别)\n\n"
    s += "| Class | Persons | Claims | Mean OOP (base → reform) | Median OOP (base → reform) | Actual ratio 实际报销比例 | In-policy ratio 政策范围内报销比例 |\n"
    s += "|---|---:|---:|---:|---:|---:|---:|\n"
    for c in identityClasses {
      let b = c.outcome.baseline, r = c.outcome.reform
      s += "| \(T.cell(c.name)) (`\(c.id)`) | \(c.persons) | \(c.claims) | \(b.averageOutOfPocket) → \(r.averageOutOfPocket) | "
      s += "\(b.medianOutOfPocket) → \(r.medianOutOfPocket) | \(T.percent(b.actualReimbursementRatio)) → \(T.percent(r.actualReimbursementRatio)) | "
      s += "\(T.percent(b.inPolicyReimbursementRatio)) → \(T.percent(r.inPolicyReimbursementRatio)) |\n"
    }

    let b = outOfPocket.baseline, r = outOfPocket.reform
    s += "\n## Annual out-of-pocket per person (个人负担)\n\n| | Baseline | Reform |\n|---|---:|---:|\n"
    s += "| Mean | \(b.mean) | \(r.mean) |\n| P50 | \(b.p50) | \(r.p50) |\n| P90 | \(b.p90) | \(r.p90) |\n| P99 | \(b.p99) | \(r.p99) |\n| Max | \(b.max) | \(r.max) |\n"
    s += "| Over \(parameters.thresholdAmount) | \(T.percent(b.overAmount.share)) (\(b.overAmount.persons)) | \(T.percent(r.overAmount.share)) (\(r.overAmount.persons)) |\n"
    s += "| Over \(T.percent(parameters.thresholdIncomeShare)) of income (灾难性卫生支出; \(b.overIncomeShare.considered) persons with income) | "
    s += "\(T.percent(b.overIncomeShare.share)) (\(b.overIncomeShare.persons)) | \(T.percent(r.overIncomeShare.share)) (\(r.overIncomeShare.persons)) |\n\n"
    s += "| Out-of-pocket from | to | Baseline persons | Reform persons |\n|---:|---:|---:|---:|\n"
    for (x, y) in zip(b.histogram, r.histogram) { s += "| \(x.from) | \(T.money(x.to)) | \(x.persons) | \(y.persons) |\n" }

    let w = winnersAndLosers
    s += "\n## Winners and losers\n\n| | Persons | Total change | Mean change | Largest change |\n|---|---:|---:|---:|---:|\n"
    s += "| Pay less (winners) | \(w.winners.persons) | \(T.signed(w.winners.total)) | \(T.signed(w.winners.average)) | \(T.signed(w.winners.largest)) |\n"
    s += "| Pay more (losers) | \(w.losers.persons) | \(T.signed(w.losers.total)) | \(T.signed(w.losers.average)) | \(T.signed(w.losers.largest)) |\n"
    s += "| Unchanged | \(w.unchanged) | | | |\n\n| Class | Winners | Losers | Net change |\n|---|---:|---:|---:|\n"
    for c in w.byClass { s += "| `\(c.id)` | \(c.winners) | \(c.losers) | \(T.signed(c.netChange)) |\n" }

    if let sweep {
      s += "\n## Sweep of `\(sweep.key)`\n\n| Value | Fund cost | Mean OOP | P50 | P90 | Over \(parameters.thresholdAmount) | Over \(T.percent(parameters.thresholdIncomeShare)) of income |\n"
      s += "|---:|---:|---:|---:|---:|---:|---:|\n"
      for p in sweep.points {
        s += "| \(p.value) | \(p.fundCost) | \(p.meanOutOfPocket) | \(p.p50) | \(p.p90) | \(T.percent(p.overAmountShare)) | \(T.percent(p.overIncomeShare)) |\n"
      }
    }
    return s
  }
}
