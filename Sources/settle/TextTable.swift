/// A plain-text table with columns aligned for a terminal, counting East
/// Asian wide characters (汉字, full-width punctuation) as two columns.
struct TextTable {
  /// The rows; the first is the header.
  var rows: [[String]] = []

  /// Columns right-aligned (amounts); the first column is always left-aligned.
  var rightAligned = true

  /// The rendered table, one line per row, two spaces between columns.
  func rendered(indent: String = "") -> String {
    let columns = rows.map(\.count).max() ?? 0
    var widths = [Int](repeating: 0, count: columns)
    for row in rows {
      for (i, cell) in row.enumerated() { widths[i] = max(widths[i], Self.width(cell)) }
    }
    var out = ""
    for row in rows {
      var line = indent
      for (i, cell) in row.enumerated() {
        let pad = String(repeating: " ", count: widths[i] - Self.width(cell))
        if i > 0 { line += "  " }
        line += (i == 0 || !rightAligned) ? cell + pad : pad + cell
      }
      while line.last == " " { line.removeLast() }
      out += line + "\n"
    }
    return out
  }

  /// Display width: two columns for wide characters, one otherwise.
  static func width(_ s: String) -> Int {
    s.unicodeScalars.reduce(0) { w, u in
      switch u.value {
      case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
        0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6:
        return w + 2
      default:
        return w + 1
      }
    }
  }
}
