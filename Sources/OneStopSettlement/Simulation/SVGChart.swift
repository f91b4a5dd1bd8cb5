/// Inline SVG charts for the HTML report: no script, no external resource,
/// integer geometry (pixel positions are computed from fen and counts with
/// integer arithmetic).
enum SVGChart {
  /// Series colours.
  static let palette = ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"]

  static let width = 680, height = 300
  static let left = 80, top = 30, plotWidth = 560, plotHeight = 200

  /// A round axis maximum ≥ `value` (1, 2 or 5 × 10ⁿ per tick, four ticks).
  static func axisMaximum(_ value: Int64) -> Int64 {
    guard value > 0 else { return 4 }
    var step: Int64 = 1
    while step * 4 < value {
      if step * 2 * 4 >= value { return step * 2 * 4 }
      if step * 5 * 4 >= value { return step * 5 * 4 }
      guard step <= Int64.max / 100 else { return value }
      step *= 10
    }
    return step * 4
  }

  /// The y coordinate of `v` on an axis from 0 to `maximum`.
  static func y(_ v: Int64, _ maximum: Int64) -> Int {
    top + plotHeight - Int(ExactRatio.divide(min(max(v, 0), maximum), times: Int64(plotHeight), by: max(maximum, 1)))
  }

  private static func frame(_ title: String, _ body: String) -> String {
    """
    <svg class="chart" role="img" width="\(width)" height="\(height)" viewBox="0 0 \(width) \(height)">\
    <title>\(ReportText.escape(title))</title>\
    <text x="\(left)" y="18" class="chart-title">\(ReportText.escape(title))</text>\(body)</svg>
    """
  }

  private static func axis(_ maximum: Int64, label: (Int64) -> String) -> String {
    var s = ""
    for i in 0...4 {
      let v = maximum / 4 * Int64(i)
      let yy = y(v, maximum)
      s += "<line x1=\"\(left)\" y1=\"\(yy)\" x2=\"\(left + plotWidth)\" y2=\"\(yy)\" class=\"grid\"/>"
      s += "<text x=\"\(left - 6)\" y=\"\(yy + 4)\" text-anchor=\"end\" class=\"tick\">\(ReportText.escape(label(v)))</text>"
    }
    return s
  }

  private static func legend(_ names: [String], y yy: Int) -> String {
    var s = ""
    var x = left
    for (i, n) in names.enumerated() {
      s += "<rect x=\"\(x)\" y=\"\(yy - 9)\" width=\"10\" height=\"10\" fill=\"\(palette[i % palette.count])\"/>"
      s += "<text x=\"\(x + 14)\" y=\"\(yy)\" class=\"tick\">\(ReportText.escape(n))</text>"
      x += 24 + 8 * n.count
    }
    return s
  }

  /// Stacked bars: one bar per label, one segment per series.
  static func stackedBars(title: String, bars: [(label: String, segments: [Int64])], names: [String], unit: (Int64) -> String) -> String {
    let maximum = axisMaximum(bars.map { $0.segments.reduce(0, +) }.max() ?? 0)
    var s = axis(maximum, label: unit)
    let slot = plotWidth / max(bars.count, 1)
    let barWidth = min(120, slot * 3 / 5)
    for (b, bar) in bars.enumerated() {
      let x = left + slot * b + (slot - barWidth) / 2
      var below: Int64 = 0
      for (i, v) in bar.segments.enumerated() where v > 0 {
        let y0 = y(below + v, maximum), y1 = y(below, maximum)
        s += "<rect x=\"\(x)\" y=\"\(y0)\" width=\"\(barWidth)\" height=\"\(max(y1 - y0, 0))\" fill=\"\(palette[i % palette.count])\">"
        s += "<title>\(ReportText.escape("\(bar.label) · \(names[i]): \(unit(v))"))</title></rect>"
        below += v
      }
      s += "<text x=\"\(x + barWidth / 2)\" y=\"\(top + plotHeight + 16)\" text-anchor=\"middle\" class=\"tick\">\(ReportText.escape(bar.label))</text>"
    }
    s += legend(names, y: height - 12)
    return frame(title, s)
  }

  /// Grouped bars: one group per category, one bar per series.
  static func groupedBars(title: String, categories: [String], series: [(name: String, values: [Int64])], unit: (Int64) -> String) -> String {
    let maximum = axisMaximum(series.flatMap(\.values).max() ?? 0)
    var s = axis(maximum, label: unit)
    let slot = plotWidth / max(categories.count, 1)
    let barWidth = max((slot - 8) / max(series.count, 1), 2)
    for (c, label) in categories.enumerated() {
      let x0 = left + slot * c + 4
      for (i, ser) in series.enumerated() {
        let v = c < ser.values.count ? ser.values[c] : 0
        let yy = y(v, maximum)
        s += "<rect x=\"\(x0 + barWidth * i)\" y=\"\(yy)\" width=\"\(barWidth)\" height=\"\(top + plotHeight - yy)\" fill=\"\(palette[i % palette.count])\">"
        s += "<title>\(ReportText.escape("\(label) · \(ser.name): \(unit(v))"))</title></rect>"
      }
      s += "<text x=\"\(x0 + slot / 2 - 4)\" y=\"\(top + plotHeight + 16)\" text-anchor=\"middle\" class=\"tick\">\(ReportText.escape(label))</text>"
    }
    s += legend(series.map(\.name), y: height - 12)
    return frame(title, s)
  }

  /// Lines over x values, each series on its own axis maximum only when
  /// `sharedAxis` is false (then ticks show the first series).
  static func lines(title: String, x labels: [String], series: [(name: String, values: [Int64])], unit: (Int64) -> String) -> String {
    let maximum = axisMaximum(series.flatMap(\.values).max() ?? 0)
    var s = axis(maximum, label: unit)
    let n = max(labels.count - 1, 1)
    func x(_ i: Int) -> Int { left + plotWidth * i / n }
    for (i, ser) in series.enumerated() {
      let points = ser.values.enumerated().map { "\(x($0.offset)),\(y($0.element, maximum))" }.joined(separator: " ")
      s += "<polyline points=\"\(points)\" fill=\"none\" stroke=\"\(palette[i % palette.count])\" stroke-width=\"2\"/>"
      for (j, v) in ser.values.enumerated() {
        s += "<circle cx=\"\(x(j))\" cy=\"\(y(v, maximum))\" r=\"3\" fill=\"\(palette[i % palette.count])\">"
        s += "<title>\(ReportText.escape("\(labels[j]) · \(ser.name): \(unit(v))"))</title></circle>"
      }
    }
    let every = max(labels.count / 10, 1)
    for (j, l) in labels.enumerated() where j % every == 0 || j == labels.count - 1 {
      s += "<text x=\"\(x(j))\" y=\"\(top + plotHeight + 16)\" text-anchor=\"middle\" class=\"tick\">\(ReportText.escape(l))</text>"
    }
    s += legend(series.map(\.name), y: height - 12)
    return frame(title, s)
  }
}
