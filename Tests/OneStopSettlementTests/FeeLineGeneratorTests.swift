import OneStopSettlement
import SettlementTestSupport
import Testing

/// The benchmark's synthetic fee lines: deterministic, and every visit splits
/// by its catalogue with the four parts adding up to the lines charged.
@Suite struct FeeLineGeneratorTests {
  @Test func sameSeedSameVisits() {
    var a = FeeLineGenerator(seed: 5), b = FeeLineGenerator(seed: 5)
    #expect(a.catalogue == b.catalogue)
    #expect(a.visit(lines: 50) == b.visit(lines: 50))
  }

  @Test func visitsSplitAndAddUp() throws {
    var g = FeeLineGenerator(seed: 6)
    for _ in 0..<50 {
      let lines = g.visit(lines: 50)
      let split = try g.catalogue.split(lines)
      #expect(split.lines.count == 50)
      #expect(split.totals.sum == lines.reduce(0) { $0 + $1.amount.fen })
      #expect(split.totals.fullyOwnPay >= 0 && split.totals.overLimit >= 0 && split.totals.payFirst >= 0)
    }
  }
}
