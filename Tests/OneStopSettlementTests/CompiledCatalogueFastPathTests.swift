@testable import OneStopSettlement
import SettlementTestSupport
import Testing

/// What the compiled split's fast path relies on (session 15): the code's
/// hash kept with the prepared line, the usual line noted when preparing
/// (no attributes of its own, amount exactly `cnt × pric`), in scope as
/// what is left of Σ amounts. Differential against `Catalogue.split` with
/// national-style codes of every length up to 32 — longer than 16, sharing
/// their first 16 or 24 characters — unlisted long codes, refunds and
/// inexact amounts; errors from lines the fast path sends elsewhere.
@Suite struct CompiledCatalogueFastPathTests {
  typealias T = FeeLineSplitTests

  /// The same code, made national-style: `BM1000123` → a code of 5 to 32
  /// characters sharing a long prefix with every other (so codes of 17+
  /// characters differ only in their third or fourth word), ending in the
  /// item's number; `UNLISTED7` → a long code no item has.
  static func national(_ code: String) -> String {
    let prefix = "XJ01CAA040A001010104463C0101010"
    if code.hasPrefix("UNLISTED") {
      return "XJ01CAA040A0010101Z" + String(code.dropFirst(8))
    }
    guard code.hasPrefix("BM"), let n = Int(code.dropFirst(2)) else { return code }
    let number = n - 1_000_000
    let digits = String(number + 10_000).dropFirst()  // four digits, unique per item
    let length = 5 + number % 28  // 5 … 32
    return String(prefix.prefix(length - 4)) + digits
  }

  static func nationalCatalogue(_ catalogue: Catalogue) -> Catalogue {
    var c = catalogue
    c.items = Dictionary(uniqueKeysWithValues: catalogue.items.map { (national($0.key), $0.value) })
    return c
  }

  static func nationalLines(_ lines: [FeeLine]) -> [FeeLine] {
    lines.map { line in
      var l = line
      l.itemCode = national(line.itemCode)
      return l
    }
  }

  @Test func nationalCodesAreDistinctAndOfEveryLength() {
    let g = FeeLineGenerator(seed: 1)
    let codes = Self.nationalCatalogue(g.catalogue).items.keys
    #expect(codes.count == FeeLineGenerator.itemCount)
    #expect(Set(codes.map(\.count)) == Set(5...32))
    // Codes of 20+ characters agree in their first 16: only the third and
    // fourth words tell them apart.
    #expect(Set(codes.filter { $0.count >= 20 }.map { $0.prefix(16) }).count == 1)
  }

  struct Setup: Sendable, CustomTestStringConvertible {
    var rounding: RoundingRule
    var point: RoundingPoint
    var testDescription: String { "\(rounding) \(point)" }
  }

  static let setups = RoundingRule.allCases.flatMap { r in RoundingPoint.allCases.map { Setup(rounding: r, point: $0) } }

  @Test(arguments: setups)
  func longCodesAgreeWithExplained(_ s: Setup) throws {
    var g = FeeLineGenerator(seed: 900 + UInt64(Self.setups.firstIndex { $0.testDescription == s.testDescription } ?? 0))
    var catalogue = Self.nationalCatalogue(g.catalogue)
    catalogue.rounding = s.rounding
    catalogue.roundingPoint = s.point
    for (i, code) in catalogue.items.keys.sorted().enumerated() where i % 7 == 0 { catalogue.items[code]?.restricted = true }
    let compiled = try CompiledCatalogue(catalogue)
    var agreed = 0, refused = 0, usual = 0, unusual = 0
    for v in 0..<120 {
      // Mixed visits (refunds, own attributes, pre-split lines, inexact
      // amounts, unlisted codes; every second with faults), then plain ones.
      let lines = Self.nationalLines(
        v < 90 ? g.mixedVisit(lines: 1 + v % 60, rounding: s.rounding, faults: v % 2 == 0) : g.visit(lines: 50))
      let prepared = try PreparedFeeLines(lines)
      usual += prepared.packed.filter(\.isUsual).count
      unusual += prepared.packed.filter { !$0.isUsual }.count
      let same = try CompiledCatalogueTests.expectSameTotals(lines, catalogue, compiled, visit: v)
      if same { agreed += 1 } else { refused += 1 }
    }
    #expect(agreed >= 80 && refused >= 8, "\(agreed) agreed, \(refused) refused")
    // Both kinds of line were exercised.
    #expect(usual >= 1_500 && unusual >= 300, "\(usual) usual, \(unusual) unusual")
  }
}

// MARK: - Preparing

extension CompiledCatalogueFastPathTests {
  @Test func usualLinesAreNotedWhenPreparing() throws {
    var own = try T.line("2", "DRUG-A", cnt: "1", pric: "3", amount: "3")
    own.itemClass = .classB
    var presplit = try T.line("3", "DRUG-A", cnt: "1", pric: "3", amount: "3")
    presplit.presplit = LineParts(inPolicy: 300)
    let lines = [
      // 2 × 1.50 = 3.00 exactly: usual.
      try T.line("1", "DRUG-B", cnt: "2", pric: "1.5", amount: "3"),
      own, presplit,
      // 3 × 0.3333 = 0.9999 yuan, written 1.00: not exactly cnt × pric.
      try T.line("4", "DRUG-B", cnt: "3", pric: "0.3333", amount: "1"),
      // A refund of line 1, exact: usual too.
      try T.line("5", "DRUG-B", cnt: "-1", pric: "1.5", amount: "-1.5", refunds: "1"),
      // A code the catalogue does not list is still usual here (the look-up finds no slot).
      try T.line("6", String(repeating: "Q", count: 32), cnt: "1", pric: "2", amount: "2"),
    ]
    let prepared = try PreparedFeeLines(lines)
    #expect(prepared.packed.map(\.isUsual) == [true, false, false, false, true, true])
    #expect(prepared.packed.map(\.statesAttributes) == [false, true, true, false, false, false])
    #expect(prepared.quantities.map(\.tenThousandths) == [20_000, 10_000, 10_000, 30_000, -10_000, 10_000])
    // Σ amounts 3 + 3 + 3 + 1 − 1.50 + 2 = 10.50.
    #expect(prepared.storage.amountSum == 1_050)
    #expect(prepared.packed.map(\.codeHash) == lines.map { ItemCode($0.itemCode)!.mixedHash })
  }

  @Test func inexactAmountsAreCheckedOnTheWayThrough() throws {
    // 40 usual lines of 甲 2 × 5.00 = 10.00, then 3 × 0.3333 = 0.9999 → 1.00
    // (half up) of 乙 at 10 %: 0.10 先行自付, 0.90 in scope.
    var lines = try (1...40).map { try T.line("\($0)", "DRUG-A", cnt: "2", pric: "5", amount: "10") }
    lines.append(try T.line("41", "DRUG-B", cnt: "3", pric: "0.3333", amount: "1"))
    let compiled = try CompiledCatalogue(T.catalogue)
    // In scope 40 × 10.00 + 0.90 = 400.90.
    let expected = LineParts(payFirst: 10, inPolicy: 40_090)
    #expect(compiled.compiledTotals(try PreparedFeeLines(lines), exact: false) == expected)
    #expect(try compiled.totals(of: try PreparedFeeLines(lines)) == expected)
    // Written 1.01 instead: one fen off round(cnt × pric) = 1.00.
    lines[40].amount = Money(fen: 101)
    #expect(compiled.compiledTotals(try PreparedFeeLines(lines), exact: false) == nil)
    #expect {
      try compiled.totals(of: try PreparedFeeLines(lines))
    } throws: { e in
      (e as? SettlementError)?.code == .inconsistentAmounts && (e as? SettlementError)?.jsonPath == "feedetail[40].det_item_fee_sumamt"
    }
    // Within a tolerance of one fen it is taken as written: 1.01 × 10 % =
    // 0.101 → 0.10 先行自付, 0.91 in scope; in scope 400.91.
    var tolerant = T.catalogue
    tolerant.lineAmountTolerance = Money(fen: 1)
    #expect(try CompiledCatalogue(tolerant).totals(of: try PreparedFeeLines(lines)) == LineParts(payFirst: 10, inPolicy: 40_091))
  }

  @Test func errorsOfLongCodesNameTheLine() throws {
    let listed = "XJ01CAA040A001010104463"  // 23 characters
    var catalogue = T.catalogue
    catalogue.items[listed] = CatalogueItem(itemClass: .classB)
    let compiled = try CompiledCatalogue(catalogue)
    var lines = try (1...30).map { try T.line("\($0)", listed, cnt: "1", pric: "4", amount: "4") }
    // 30 × 4.00 乙 at 10 %: 12.00 先行自付, 108.00 in scope.
    #expect(try compiled.totals(of: try PreparedFeeLines(lines)) == LineParts(payFirst: 1_200, inPolicy: 10_800))
    // The same code but its last character: not listed.
    lines[17].itemCode = "XJ01CAA040A001010104464"
    #expect {
      try compiled.totals(of: try PreparedFeeLines(lines))
    } throws: { e in
      (e as? SettlementError)?.code == .unknownCode && (e as? SettlementError)?.jsonPath == "feedetail[17].med_list_codg"
    }
    // 33 characters: refused when preparing, naming the line.
    lines[17].itemCode = listed + "0123456789"
    #expect {
      try PreparedFeeLines(lines)
    } throws: { e in
      (e as? SettlementError)?.code == .invalidValue && (e as? SettlementError)?.jsonPath == "feedetail[17].med_list_codg"
    }
  }
}

// MARK: - The table

extension CompiledCatalogueFastPathTests {
  @Test func codesAgreeingInTheirFirstWordsAreToldApart() throws {
    // Same first 16 (then 24) characters, differing in the third (fourth) word.
    let base = "XJ01CAA040A001010104463C0101010"
    func codes(_ range: Range<Int>, prefix length: Int) -> [ItemCode] {
      range.map { n -> ItemCode in ItemCode(String(base.prefix(length)) + String(n + 1_000))! }
    }
    let listed: [ItemCode] = codes(0..<200, prefix: 18) + codes(0..<200, prefix: 27)
    let table = try ItemCodeTable(listed.map { ($0, ItemCodeTableTests.rule) })
    let near: [ItemCode] = [ItemCode(String(base.prefix(16)))!, ItemCode(String(base.prefix(24)))!, ItemCode("")!]
    let others: [ItemCode] = codes(200..<400, prefix: 18) + codes(200..<400, prefix: 27) + near
    ItemCodeTableTests.expectLookups(table, listed: listed, others: others)
  }

  @Test func anEmptySlotMatchesNoCode() throws {
    // The empty code, and codes of every length, differ from the mark of an empty slot.
    for n in 0...32 { #expect(ItemCode(String(repeating: "A", count: n))! != .unused) }
    // A table with many empty slots finds none of them for the empty code.
    let table = try ItemCodeTable([ItemCode("A")!, ItemCode("B")!].map { ($0, ItemCodeTableTests.rule) })
    #expect(table.slot(of: ItemCode("")!) == nil)
  }

  @Test func everySeedHasItsOwnOddMultiplier() {
    let multipliers = (0..<128).map { ItemCodeTable.multiplier(seed: $0) }
    #expect(Set(multipliers).count == 128)
    #expect(multipliers.allSatisfy { $0 & 1 == 1 })
  }
}
