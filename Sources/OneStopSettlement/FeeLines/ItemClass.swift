/// 收费项目等级 — a catalogue item's class (`chrgitm_lv`).
///
/// | case | 中文 | code | split |
/// |---|---|---|---|
/// | ``classA`` | 甲类 | `01` | wholly in policy scope |
/// | ``classB`` | 乙类 | `02` | 先行自付 (`selfpay_prop`) first, the rest in scope |
/// | ``classC`` | 丙类 / 自费 | `03` | wholly self-paid (`fulamt_ownpay_amt`) |
///
/// Decoding accepts every spelling seen in HIS code: `"01"`, `"1"`, `1`,
/// `"甲"`, `"甲类"` (and the same for 乙/丙, plus `"自费"` for 丙). It always
/// encodes as the two-digit code.
public enum ItemClass: String, Sendable, Hashable, CaseIterable, Codable, CustomStringConvertible {
  /// 甲类 — class A, wholly in scope. Code `01`.
  case classA = "01"
  /// 乙类 — class B, pay-first share then in scope. Code `02`.
  case classB = "02"
  /// 丙类 / 自费 — class C, wholly self-paid. Code `03`.
  case classC = "03"

  /// Parses any accepted spelling, or returns `nil`.
  public init?(spelling: String) {
    switch spelling {
    case "01", "1", "甲", "甲类": self = .classA
    case "02", "2", "乙", "乙类": self = .classB
    case "03", "3", "丙", "丙类", "自费": self = .classC
    default: return nil
    }
  }

  /// The class's Chinese name: `甲类`, `乙类`, `丙类`.
  public var chineseName: String {
    switch self {
    case .classA: "甲类"
    case .classB: "乙类"
    case .classC: "丙类"
    }
  }

  /// The two-digit code.
  public var description: String { rawValue }

  /// Decodes any accepted spelling, as a string or a number.
  public init(from decoder: any Decoder) throws {
    let text = try FlagText.decode(from: decoder)
    guard let c = ItemClass(spelling: text) else {
      throw SettlementError(.invalidValue, at: decoder.path,
        expected: "an item class: 01/1/甲, 02/2/乙 or 03/3/丙", found: text)
    }
    self = c
  }
}
