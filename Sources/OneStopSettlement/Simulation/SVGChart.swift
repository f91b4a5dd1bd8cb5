/// Inline SVG charts for the HTML report: no script, no external resource,
/// integer geometry (pixel positions are computed from fen and counts with
/// integer arithmetic).
enum SVGChart {
  /// Series colours.
  static let palette = ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"]

  static let width = 680, height = 300
  static let left = 80, top = 30, plotWidth = 560, plotHeight = 200

  /// A value axis: ticks at `low + step × i` for `i` in `0...ticks`.
  struct Axis {
    var low: Int64
    var step: Int64
    var ticks: Int
    var high: Int64 { low + step * Int64(ticks) }

    /// The smallest round step (1, 2 or 5 × 10ⁿ) covering `minimum…maximum`
    /// in at most six ticks; from zero unless `fromZero` is false.
    init(minimum: Int64, maximum: Int64, fromZero: Bool = true) {
      let lowest = fromZero ? min(0, minimum) : minimum
      let top = max(maximum, lowest + 1)
      var unit: Int64 = 1
      while true {
        for m in [1, 2, 5] as [Int64] {
          let step = unit * m
          let low = lowest >= 0 ? lowest / step * step : -((-lowest + step - 1) / step * step)
          let ticks = (top - low + step - 1) / step
          if ticks <= 6 {
            self.low = low; self.step = step; self.ticks = Int(max(ticks, 1))
            return
          }
        }
        guard unit <= Int64.max / 100 else { break }
        unit *= 10
      }
      self.low = lowest; self.step = max(top - lowest, 1); self.ticks = 1
    }

    /// The y pixel of `v`.
    func y(_ v: Int64) -> Int {
      let span = max(high - low, 1)
      return SVGChart.top + SVGChart.plotHeight - Int(ExactRatio.divide(min(max(v, low), high) - low, times: Int64(SVGChart.plotHeight), by: span))
    }
  }

  private static func frame(_ title: String, _ body: String) -> String {
    """
    <svg class="chart" role="img" width="\(width)" height="\(height)" viewBox="0 0 \(width) \(height)">\
    <title>\(ReportText.escape(title))</title>\
    <text x="\(left)" y="18" class="chart-title">\(ReportText.escape(title))</text>\(body)</svg>
    """
  }

  private static func grid(_ axis: Axis, label: (Int64) -> String) -> String {
    var s = ""
    for i in 0...axis.ticks {
      let v = axis.low + axis.step * Int64(i)
      let yy = axis.y(v)
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
    let axis = Axis(minimum: 0, maximum: bars.map { $0.segments.reduce(0, +) }.max() ?? 0)
    var s = grid(axis, label: unit)
    let slot = plotWidth / max(bars.count, 1)
    let barWidth = min(120, slot * 3 / 5)
    for (b, bar) in bars.enumerated() {
      let x = left + slot * b + (slot - barWidth) / 2
      var below: Int64 = 0
      for (i, v) in bar.segments.enumerated() where v > 0 {
        let y0 = axis.y(below + v), y1 = axis.y(below)
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
    let axis = Axis(minimum: 0, maximum: series.flatMap(\.values).max() ?? 0)
    var s = grid(axis, label: unit)
    let slot = plotWidth / max(categories.count, 1)
    let barWidth = max((slot - 8) / max(series.count, 1), 2)
    for (c, label) in categories.enumerated() {
      let x0 = left + slot * c + 4
      for (i, ser) in series.enumerated() {
        let v = c < ser.values.count ? ser.values[c] : 0
        let yy = axis.y(v)
        s += "<rect x=\"\(x0 + barWidth * i)\" y=\"\(yy)\" width=\"\(barWidth)\" height=\"\(top + plotHeight - yy)\" fill=\"\(palette[i % palette.count])\">"
        s += "<title>\(ReportText.escape("\(label) · \(ser.name): \(unit(v))"))</title></rect>"
      }
      s += "<text x=\"\(x0 + slot / 2 - 4)\" y=\"\(top + plotHeight + 16)\" text-anchor=\"middle\" class=\"tick\">\(ReportText.escape(label))</text>"
    }
    s += legend(series.map(\.name), y: height - 12)
    return frame(title, s)
  }

  /// Lines over x values on one value axis fitted to the data (not from zero).
  static func lines(title: String, x labels: [String], series: [(name: String, values: [Int64])], unit: (Int64) -> String) -> String {
    let values = series.flatMap(\.values)
    let axis = Axis(minimum: values.min() ?? 0, maximum: values.max() ?? 0, fromZero: false)
    var s = grid(axis, label: unit)
    let n = max(labels.count - 1, 1)
    func x(_ i: Int) -> Int { left + plotWidth * i / n }
    for (i, ser) in series.enumerated() {
      let points = ser.values.enumerated().map { "\(x($0.offset)),\(axis.y($0.element))" }.joined(separator: " ")
      s += "<polyline points=\"\(points)\" fill=\"none\" stroke=\"\(palette[i % palette.count])\" stroke-width=\"2\"/>"
      for (j, v) in ser.values.enumerated() {
        s += "<circle cx=\"\(x(j))\" cy=\"\(axis.y(v))\" r=\"3\" fill=\"\(palette[i % palette.count])\">"
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
