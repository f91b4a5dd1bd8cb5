@testable import OneStopSettlement
import Testing

/// `RoundingRule.divideBranchFree` is `divide` without jumps: the same
/// quotient for every numerator, divisor and rule.
@Suite struct RoundingBranchFreeTests {
  @Test(arguments: RoundingRule.allCases)
  func sameQuotientAsDivide(_ rule: RoundingRule) {
    var rng = SplitMix64(seed: 77)
    for d: Int64 in [1, 2, 3, 7, 10, 1_000_000, 100_000_000, 100_000_000_000_000, Int64.max] {
      var numerators: [Int64] = [0, 1, -1, d / 2, -(d / 2), d / 2 + 1, -(d / 2 + 1), d / 2 - 1, d, -d, 3 &* (d / 2),
                                 Int64.max, Int64.min, Int64.min + 1, Int64.max - d / 2, Int64.max - d / 2 &+ 1,
                                 -(Int64.max - d / 2), -(Int64.max - d / 2) - 1]
      numerators += (0..<2_000).map { _ in Int64(bitPattern: rng.next()) }
      numerators += (0..<2_000).map { _ in Int64(bitPattern: rng.next()) % (d.multipliedReportingOverflow(by: 8).overflow ? d : 8 * d) }
      for n in numerators {
        #expect(rule.divideBranchFree(n, by: d) == rule.divide(n, by: d), "\(n) / \(d)")
      }
    }
  }

  @Test func handDerivedTies() {
    // 12.5 → 13 / 12 / 12; −13.5 → −14 / −14 / −13 (RoundingRule's table).
    #expect(RoundingRule.halfUp.divideBranchFree(12_500_000, by: 1_000_000) == 13)
    #expect(RoundingRule.halfEven.divideBranchFree(12_500_000, by: 1_000_000) == 12)
    #expect(RoundingRule.towardZero.divideBranchFree(12_500_000, by: 1_000_000) == 12)
    #expect(RoundingRule.halfUp.divideBranchFree(-13_500_000, by: 1_000_000) == -14)
    #expect(RoundingRule.halfEven.divideBranchFree(-13_500_000, by: 1_000_000) == -14)
    #expect(RoundingRule.towardZero.divideBranchFree(-13_500_000, by: 1_000_000) == -13)
  }

  /// The schedule's rounding of millionths of a fen (one division for half
  /// up) is `divide(_:by:)` for every amount and rule, negative and near
  /// the 64-bit limit included.
  @Test(arguments: RoundingRule.allCases)
  func scheduleRoundingIsDivide(_ rule: RoundingRule) {
    var rng = SplitMix64(seed: 78)
    let s = Rate.scale
    var exact: [Int64] = [0, 1, -1, s / 2 - 1, s / 2, s / 2 + 1, -(s / 2), 12_500_000, 13_500_000, -13_500_000,
                          Int64.max, Int64.max - s / 2, Int64.max - s / 2 + 1, Int64.min, Int64.min + 1]
    exact += (0..<4_000).map { _ in Int64(bitPattern: rng.next()) }
    exact += (0..<4_000).map { _ in Int64(bitPattern: rng.next() % UInt64(1 << 50)) }
    for x in exact {
      #expect(rule.fen(fromMillionths: x) == rule.divide(x, by: s), "\(x)")
    }
  }
}
