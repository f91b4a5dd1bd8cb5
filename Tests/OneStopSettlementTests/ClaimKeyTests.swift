@testable import OneStopSettlement
import Testing

/// The indices a prepared claim keeps for the engine (its shape and the
/// level-free part of its claim key) agree with their definitions for
/// every kind, place, referral and designated hospital, also after the
/// fields they come from change.
@Suite struct ClaimKeyTests {
  @Test func derivedIndicesFollowTheirFields() {
    var seen = Set<Int>()
    for kind in ClaimKind.allCases {
      for place in Place.allCases {
        for referred in [false, true] {
          for designated in [false, true] {
            for level in 0..<4 {
              let c = PreparedClaim(
                total: 100, inPolicy: 100, kind: kind, level: level, place: place, referred: referred, year: 2024,
                designatedHospital: designated)
              let choice = referred || place == .inCounty ? 0 : 1
              // (kind × 4 + place) × 4 + referred × 2 + designated
              #expect(Int(c.shape) == (kind.index * 4 + place.index) * 4 + (referred ? 2 : 0) + (designated ? 1 : 0))
              #expect(ClaimKey.of(level: level, keyInLevel: c.keyInLevel)
                == ClaimKey.of(kind: kind.index, level: level, place: place.index, choice: choice))
              // The layout written out: ((level × 4 + place) × 2 + choice) × 4 + kind, and read back.
              let key = ((level * 4 + place.index) * 2 + choice) * 4 + kind.index
              #expect(ClaimKey.of(level: level, keyInLevel: c.keyInLevel) == key)
              #expect(ClaimKey.parts(of: key) == (kind.index, place.index, choice, level))
              seen.insert(ClaimKey.of(level: level, keyInLevel: c.keyInLevel))
            }
          }
        }
      }
    }
    // 3 kinds × 4 places × 2 choices (in county has only one) … per level: 3 × (3 × 2 + 1) = 21 keys, below 32.
    #expect(seen.count == 4 * 21)
    #expect(seen.allSatisfy { $0 % ClaimKey.perLevel < 32 })
  }

  @Test func derivedIndicesFollowChanges() {
    var c = PreparedClaim(total: 100, inPolicy: 100, kind: .inpatient, level: 1, place: .inCounty, year: 2024)
    c.kind = .generalOutpatient
    c.place = .outOfProvince
    c.referred = true
    c.designatedHospital = true
    let fresh = PreparedClaim(
      total: 100, inPolicy: 100, kind: .generalOutpatient, level: 1, place: .outOfProvince, referred: true, year: 2024,
      designatedHospital: true)
    #expect(c.shape == fresh.shape && c.keyInLevel == fresh.keyInLevel)
    #expect(c == fresh)
    c.referred = false  // out of province, not referred: the unreferred choice
    #expect(ClaimKey.of(level: 1, keyInLevel: c.keyInLevel)
      == ClaimKey.of(kind: ClaimKind.generalOutpatient.index, level: 1, place: Place.outOfProvince.index, choice: 1))
  }
}
