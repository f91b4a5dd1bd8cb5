/// 参数扫描 — one table parameter run over a range of values.
///
/// Written `PATH=FROM:TO:STEP` (`layers.majorIllness.deductible=5000:15000:2500`),
/// the path as in ``JSONOverride``. Values are exact decimals: from `FROM`
/// by `STEP` while not past `TO` (so `5000:15000:2500` gives 5000, 7500,
/// 10000, 12500, 15000), at most ``maximumPoints``.
public struct ParameterSweep: Sendable, Hashable {
  /// At most this many values.
  public static let maximumPoints = 64

  /// The parameter's path.
  public var path: [String]
  /// The values, as decimal text.
  public var values: [String]

  /// Parses `PATH=FROM:TO:STEP`.
  ///
  /// - Throws: `.invalidValue` for a malformed range, a non-positive step,
  ///   `TO` below `FROM` or too many points.
  public init(parsing text: String) throws(SettlementError) {
    let o = try JSONOverride(parsing: text)
    let parts = o.value.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
    guard parts.count == 3 else {
      throw SettlementError(.invalidValue, at: "--sweep \(text)", expected: "PATH=FROM:TO:STEP")
    }
    let decimals = parts.map { p in p.firstIndex(of: ".").map { p.distance(from: $0, to: p.endIndex) - 1 } ?? 0 }.max() ?? 0
    guard decimals <= 6 else {
      throw SettlementError(.invalidNumber, at: "--sweep \(text)", expected: "at most 6 decimals")
    }
    var scaled: [Int64] = []
    for p in parts {
      do { scaled.append(try DecimalText.scaled(p, decimals: decimals)) } catch {
        throw SettlementError(.invalidNumber, at: "--sweep \(text)", expected: "decimal FROM:TO:STEP", found: p)
      }
    }
    let (from, to, step) = (scaled[0], scaled[1], scaled[2])
    guard step > 0, to >= from else {
      throw SettlementError(.invalidValue, at: "--sweep \(text)", expected: "a positive STEP and TO ≥ FROM")
    }
    let count = (to - from) / step + 1
    guard count <= Int64(Self.maximumPoints) else {
      throw SettlementError(.invalidValue, at: "--sweep \(text)", expected: "at most \(Self.maximumPoints) values", found: "\(count)")
    }
    path = o.path
    values = (0..<count).map { i in
      let v = from + i * step
      return decimals == 0 ? String(v) : DecimalText.render(v, decimals: decimals, minimumDecimals: 0)
    }
  }

  /// Creates a sweep over given values.
  public init(path: [String], values: [String]) { self.path = path; self.values = values }

  /// `layers.majorIllness.deductible`.
  public var key: String { path.joined(separator: ".") }

  /// The table for each value: `base` with `overrides`, then the value.
  public func tables(from base: PolicyTable, overrides: [JSONOverride]) throws(SettlementError) -> [PolicyTable] {
    var tables: [PolicyTable] = []
    for v in values { tables.append(try base.applying(overrides + [JSONOverride(path: path, value: v)])) }
    return tables
  }
}
