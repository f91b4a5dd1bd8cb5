import OneStopSettlement
import Testing

/// Seeded randomized tests of the settlement invariants over ≥ 100,000
/// claims through a table using every layer kind. Each failure message
/// carries the seed and claim index so it can be replayed.
@Suite struct InvariantTests {
  /// Every layer kind, identity overrides, shared caps, tilt scope.
  static let layers = #"""
    {"kind":"basic","id":"basic","fundCode":"390100","annualCaps":[{"amount":"150000"}],
     "identityOverrides":{"tekun":{"deductibleWaived":true},"dibao":{"ratioPoints":2}},
     "benefits":[{"claimKinds":["inpatient"],"deductible":{"1":200,"2":400,"3":800},"ratio":{"1":"0.9","2":"0.8","3":"0.7"},
                  "placePoints":{"inProvince":-5,"outOfProvince":-10},"noReferralPoints":-15,
                  "repeatAdmission":{"factor":"0.5","levels":["2","3"]}},
                 {"claimKinds":["outpatientChronic"],"deductible":{"1":0,"2":0,"3":0},"ratio":{"1":"0.65","2":"0.6","3":"0.55"}}]},
    {"kind":"majorIllness","id":"major","fundCode":"390200","deductible":"12000","breakpoints":"absolute",
     "segments":[{"upTo":"30000","rate":"0.6"},{"upTo":"100000","rate":"0.65"},{"rate":"0.75"}],"annualCap":"300000",
     "identityOverrides":{"tekun":{"deductibleFactor":"0.5","segmentPoints":5,"removeCap":true},
                          "dibao":{"deductibleFactor":"0.5","segmentPoints":5,"removeCap":true},
                          "fanpin":{"deductibleFactor":"0.5","segmentPoints":5,"removeCap":true}}}
    """# + ",\n" + assistanceLayer + ",\n" + #"""
    {"kind":"tilt","id":"tilt","fundCode":"610102","basis":"perYear",
     "appliesTo":{"requiresReferral":true,"places":["inCounty","inCity","inProvince"]},
     "classes":[{"identities":["tekun"],"deductible":"5000","ratio":"1.0","annualCaps":[{"amount":"50000"}]},
                {"identities":["dibao","fanpin"],"deductible":"5000","ratio":"0.9","annualCaps":[{"amount":"50000"}]},
                {"identities":["jiance"],"deductible":"5000","ratio":"0.7","annualCaps":[{"amount":"50000"}]}]},
    {"kind":"outOfPocketCeiling","id":"doudi","fundCode":"640100","appliesTo":{"identities":["tekun","dibao"]},"ceiling":"5000"},
    {"kind":"topUp","id":"topup","fundCode":"390300","appliesTo":{"identities":["fanpin","jiance"]},"targetRatio":"0.85"}
    """#

  /// 医疗救助: classes ordered by generosity as identities are by precedence.
  static let assistanceLayer = #"""
    {"kind":"assistance","id":"assistance","fundCode":"610100","basis":"perYear",
     "classes":[{"identities":["tekun"],"ratio":"1.0","annualCaps":[{"amount":"100000"}]},
                {"identities":["dibao","fanpin"],"ratio":"0.8","annualCaps":[{"amount":"90000","claimKinds":["inpatient","outpatientChronic"]}]},
                {"identities":["jiance"],"deductible":"1500","ratio":"0.7","annualCaps":[{"amount":"50000"}]},
                {"identities":["bianyuan"],"deductible":"3000","ratio":"0.6","annualCaps":[{"amount":"30000"}]}]}
    """#

  static func engine() throws -> SettlementEngine { try TestTables.engine(layers: layers) }

  /// A random claim: log-uniform total from 1.00 to 1,000,000.00, random split.
  static func randomClaim(_ rng: inout SplitMix64) -> PreparedClaim {
    let magnitude = Int64(1) << Int64(rng.next() % 27)  // 1 fen … ~670,000 yuan
    let total = Int64(rng.next() % UInt64(magnitude)) + 100
    let own = Int64(rng.next() % UInt64(total / 5 + 1))
    let over = rng.next() % 4 == 0 ? Int64(rng.next() % UInt64((total - own) / 10 + 1)) : 0
    let payFirst = Int64(rng.next() % UInt64((total - own - over) / 10 + 1))
    let kinds: [ClaimKind] = [.inpatient, .inpatient, .inpatient, .outpatientChronic, .generalOutpatient]
    return PreparedClaim(
      total: total, fullyOwnPay: own, overLimit: over, payFirst: payFirst, inPolicy: total - own - over - payFirst,
      kind: kinds[Int(rng.next() % 5)], level: Int(rng.next() % 3), place: Place.allCases[Int(rng.next() % 4)],
      referred: rng.next() % 3 != 0, identities: rng.next() % 2 == 0 ? rng.next() & 0b11111 : 0, year: 2024)
  }

  @Test(arguments: [UInt64(1), 2, 3, 4])
  func conservationAndBounds(seed: UInt64) throws {
    let engine = try Self.engine()
    var rng = SplitMix64(seed: seed)
    var ytd = YearToDate()
    for i in 0..<30_000 {
      if i % 4 == 0 { ytd = YearToDate() }  // a person has ~4 claims a year
      let c = Self.randomClaim(&rng)
      let s = try engine.settle(c, yearToDate: &ytd)
      let funds = s.layers.reduce(Int64(0)) { $0 + $1.amount }
      #expect(funds + s.patient == c.total, "seed \(seed) claim \(i)")
      #expect(s.fundTotal == funds, "seed \(seed) claim \(i)")
      #expect(s.patient >= c.fullyOwnPay + c.overLimit, "seed \(seed) claim \(i): funds paid out-of-policy amounts")
      for (l, o) in s.layers.enumerated() {
        #expect(o.amount >= 0 && o.amount <= max(o.base, 0), "seed \(seed) claim \(i) layer \(l): \(o.amount) of \(o.base)")
      }
      #expect(s.checkInvariants() == nil, "seed \(seed) claim \(i)")
      if funds + s.patient != c.total { return }  // one report is enough
    }
  }

  @Test func patientShareMonotoneInCost() throws {
    let engine = try Self.engine()
    var rng = SplitMix64(seed: 11)
    for i in 0..<20_000 {
      let c = Self.randomClaim(&rng)
      var more = c
      let delta = Int64(rng.next() % 5_000_000)
      more.total += delta
      more.inPolicy += delta
      var y1 = YearToDate()
      var y2 = YearToDate()
      let a = try engine.settle(c, yearToDate: &y1)
      let b = try engine.settle(more, yearToDate: &y2)
      #expect(b.patient >= a.patient, "seed 11 claim \(i): +\(delta) fen lowered the patient share \(a.patient) → \(b.patient)")
    }
  }

  @Test func incrementalMajorIllnessEqualsOneShot() throws {
    // Split a year's costs across admissions: the year's major-illness total
    // equals one settlement of the year's accumulated base.
    let major = #"""
      {"kind":"majorIllness","id":"major","fundCode":"390200","deductible":"12000","breakpoints":"absolute",
       "segments":[{"upTo":"30000","rate":"0.6"},{"upTo":"100000","rate":"0.65"},{"rate":"0.75"}],"annualCap":"300000",
       "identityOverrides":{"dibao":{"deductibleFactor":"0.5","segmentPoints":5,"removeCap":true}}}
      """#
    let engine = try TestTables.engine(layers: major)
    var rng = SplitMix64(seed: 7)
    for person in 0..<20_000 {
      let ids: UInt64 = rng.next() % 2 == 0 ? Bit.dibao : 0
      var ytd = YearToDate()
      var sum: Int64 = 0
      var base: Int64 = 0
      for _ in 0..<(1 + Int(rng.next() % 6)) {
        let t = Int64(rng.next() % 8_000_000)
        sum += try engine.settle(.inpatient(total: t, identities: ids), yearToDate: &ytd).layer(0).amount
        base += t
      }
      var fresh = YearToDate()
      let once = try engine.settle(.inpatient(total: base, identities: ids), yearToDate: &fresh).layer(0).amount
      #expect(sum == once, "seed 7 person \(person)")
    }
  }

  @Test func identityPrecedenceNeverStacks() throws {
    // An assistance-only table whose classes are ordered by generosity as
    // identities are by precedence (deductible 0/0/1,500/3,000, ratio
    // 100/80/70/60 %, caps 100,000/90,000/50,000/30,000): the most generous
    // class applies, so the pay with several identities is the maximum of
    // the single-identity pays — never a sum.
    let engine = try TestTables.engine(layers: Self.assistanceLayer)
    var rng = SplitMix64(seed: 5)
    for i in 0..<10_000 {
      var c = Self.randomClaim(&rng)
      c.kind = .inpatient
      let mask = (rng.next() & 0b11111) | 1 << (rng.next() % 5)
      c.identities = mask
      var y = YearToDate()
      let combined = try engine.settle(c, yearToDate: &y).layer(0).amount
      var best: Int64 = 0
      for bit in 0..<5 where mask & (1 << UInt64(bit)) != 0 {
        var single = c
        single.identities = 1 << UInt64(bit)
        var ys = YearToDate()
        best = max(best, try engine.settle(single, yearToDate: &ys).layer(0).amount)
      }
      #expect(combined == best, "seed 5 claim \(i) identities \(mask)")
    }
  }
}
