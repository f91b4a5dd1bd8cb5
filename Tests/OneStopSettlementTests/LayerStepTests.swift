@testable import OneStopSettlement
import Testing

/// A compiled step's deductible rule (repeat admission, yearly deductible
/// cap), by hand; and its size, one cache line.
@Suite struct LayerStepTests {
  /// 起付线 800.00, from the 2nd admission 400.00, at most 1,000.00 a year.
  static let step = LayerStep(
    deductible: 80_000, room: .max, openRate: 700_000, standardDeductible: 80_000, repeatDeductible: 40_000,
    yearlyDeductibleCap: 100_000, firstSegment: 0, repeatFrom: 2, capTerms: 0, segmentCount: 1, capCount: 0, applicable: true)

  @Test func deductibleByAdmissionAndYearlyCap() {
    let s = Self.step
    #expect(s.deductible(admission: 0, paidBefore: 0) == 80_000)  // outpatient: the standard deductible
    #expect(s.deductible(admission: 1, paidBefore: 0) == 80_000)  // 1st admission: 800.00
    #expect(s.deductible(admission: 2, paidBefore: 80_000) == 20_000)  // min(400.00, 1,000.00 − 800.00 = 200.00)
    #expect(s.deductible(admission: 3, paidBefore: 100_000) == 0)  // the year's cap reached
    #expect(s.deductible(admission: 3, paidBefore: 120_000) == 0)  // never below 0
    var uncapped = s
    uncapped.yearlyDeductibleCap = -1
    #expect(uncapped.deductible(admission: 2, paidBefore: 500_000) == 40_000)  // no cap: 400.00
    var never = s
    never.repeatFrom = .max
    #expect(never.deductible(admission: 7, paidBefore: 0) == 80_000)  // no repeat rule
  }

  @Test func oneCacheLine() {
    #expect(MemoryLayout<LayerStep>.stride == 64)
  }
}
