/// Text forms shared by the Markdown and HTML reports, so both show
/// exactly the JSON's numbers.
enum ReportText {
  /// `0.654321` → `65.43%` (half up to a hundredth of a percent).
  static func percent(_ r: Rate) -> String {
    let hundredths = RoundingRule.halfUp.divide(r.micros, by: 100)
    return DecimalText.render(hundredths, decimals: 2, minimumDecimals: 2) + "%"
  }

  /// `Money?` as text (`—` when absent).
  static func money(_ m: Money?) -> String { m?.description ?? "—" }

  /// A signed difference: `+12.50`, `-3.00`, `0.00`.
  static func signed(_ m: Money) -> String { m.fen > 0 ? "+" + m.description : m.description }

  /// Fen as 万元 with one decimal, for chart axes (`1234567800` → `1234.6万`).
  static func wan(_ fen: Int64) -> String {
    let tenths = RoundingRule.halfUp.divide(fen, by: 100_000)
    return DecimalText.render(tenths, decimals: 1, minimumDecimals: 0) + "万"
  }

  /// Text escaped for HTML/XML.
  static func escape(_ s: String) -> String {
    var out = ""
    for ch in s {
      switch ch {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      default: out.append(ch)
      }
    }
    return out
  }

  /// Text safe in a Markdown table cell.
  static func cell(_ s: String) -> String { s.replacingOccurrences(of: "|", with: "\\|") }
}

extension String {
  fileprivate func replacingOccurrences(of a: String, with b: String) -> String {
    split(separator: Character(a), omittingEmptySubsequences: false).joined(separator: b)
  }
}
