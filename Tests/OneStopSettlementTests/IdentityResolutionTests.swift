import Foundation
import OneStopSettlement
import Testing

/// Identity precedence (就高不重复) and identity scope in a table with more
/// identities than the engine resolves when compiling (its first 10): sets
/// holding identity 10 or 11 are resolved per claim, the others by one
/// look-up; both must give the policy's answer.
@Suite struct IdentityResolutionTests {
  /// Twelve identities in precedence order: the five of ``TestTables`` then x5 … x11.
  static let identities = (["tekun", "dibao", "fanpin", "jiance", "bianyuan"] + (5...11).map { "x\($0)" })
    .map { #"{"id":"\#($0)","name":"\#($0)"}"# }.joined(separator: ",")

  /// Basic 50 % with no deductible; 医疗救助 classes A (x11: 100 %), B (dibao, x10:
  /// 80 %), C (bianyuan, x7: 3,000 then 70 %); 倾斜救助 50 % for holders of x9 only.
  static let table = """
    {"schemaVersion":1,"id":"twelve","name":"twelve identities","validFrom":"2024-01-01","validTo":"2024-12-31",
     "rounding":"halfUp","hospitalLevels":\(TestTables.levels),"identities":[\(identities)],
     "layers":[\(MajorIllnessTests.basicHalf),
      {"kind":"assistance","id":"assistance","fundCode":"610100","classes":[
        {"name":"A","identities":["x11"],"ratio":"1.0"},
        {"name":"B","identities":["dibao","x10"],"ratio":"0.8"},
        {"name":"C","identities":["bianyuan","x7"],"deductible":"3000","ratio":"0.7"}]},
      {"kind":"tilt","id":"tilt","fundCode":"610102","appliesTo":{"identities":["x9"]},"classes":[{"ratio":"0.5"}]}]}
    """

  /// The class each identity holds, by precedence position (nil: none).
  static let classOf: [Int: Character] = [1: "B", 4: "C", 7: "C", 10: "B", 11: "A"]

  /// 医疗救助 on 10,000.00 left after basic (in-policy 20,000.00 × 50 %):
  /// A 10,000 × 1.0; B 10,000 × 0.8; C (10,000 − 3,000) × 0.7; none 0.
  static func assistance(_ ids: UInt64) -> Int64 {
    let first = (0..<12).first { ids & (1 << UInt64($0)) != 0 && classOf[$0] != nil }
    switch first.flatMap({ classOf[$0] }) {
    case "A": return 1_000_000
    case "B": return 800_000
    case "C": return 490_000
    default: return 0
    }
  }

  @Test func everySetOfTwelveIdentities() throws {
    let engine = try SettlementEngine(table: PolicyTable.decode(from: Data(Self.table.utf8)))
    // All 4,096 sets: those with x10 or x11 (bit ≥ 10) are beyond the compiled ones.
    for ids in UInt64(0)..<4096 {
      var ytd = YearToDate()
      let s = try engine.settle(.inpatient(total: 2_000_000, identities: ids), yearToDate: &ytd)
      let a = Self.assistance(ids)
      #expect(s.layer(0).amount == 1_000_000, "basic, set \(ids)")
      #expect(s.layer(1).amount == a, "assistance, set \(ids)")
      #expect(s.layer(1).applied == (a > 0), "a class applies, set \(ids)")
      // 倾斜救助 only with x9: 50 % of what assistance left of 10,000.00.
      let held9 = ids & (1 << 9) != 0
      #expect(s.layer(2).applied == held9, "tilt scope, set \(ids)")
      #expect(s.layer(2).amount == (held9 ? (1_000_000 - a) / 2 : 0), "tilt, set \(ids)")
      #expect(s.patient == 2_000_000 - s.fundTotal)
    }
  }

  @Test func handPickedSets() throws {
    let engine = try SettlementEngine(table: PolicyTable.decode(from: Data(Self.table.utf8)))
    func pay(_ ids: UInt64) throws -> (Int64, Int64) {
      var ytd = YearToDate()
      let s = try engine.settle(.inpatient(total: 2_000_000, identities: ids), yearToDate: &ytd)
      return (s.layer(1).amount, s.layer(2).amount)
    }
    let (dibao, x7, x9, x10, x11): (UInt64, UInt64, UInt64, UInt64, UInt64) = (1 << 1, 1 << 7, 1 << 9, 1 << 10, 1 << 11)
    #expect(try pay(x11) == (1_000_000, 0))  // class A: 10,000 × 1.0
    #expect(try pay(x10) == (800_000, 0))  // class B: 10,000 × 0.8
    #expect(try pay(dibao | x11) == (800_000, 0))  // dibao precedes x11: B, never stacked with A
    #expect(try pay(x7 | x10) == (490_000, 0))  // x7 precedes x10: C, (10,000 − 3,000) × 0.7
    #expect(try pay(x9 | x11) == (1_000_000, 0))  // tilt: 50 % of nothing left
    #expect(try pay(x9 | x10) == (800_000, 100_000))  // tilt: (10,000 − 8,000) × 0.5
    #expect(try pay(x9) == (0, 500_000))  // no class; tilt 10,000 × 0.5
    // Bits of no table identity are ignored.
    #expect(try pay(x10 | 1 << 40) == (800_000, 0))
  }
}
