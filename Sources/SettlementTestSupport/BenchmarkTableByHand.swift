public import OneStopSettlement

extension BenchmarkTable {
  /// The fund payments of `claim` under ``BenchmarkTable`` with fresh
  /// accumulators, written out by hand as the benchmark issue's reference
  /// loop is (``ThreeTierTable/settleByHand(_:)``): every number of the
  /// table typed into the code, `Int64` fen, half up at each layer,
  /// overflow-checked products, no table, no look-up. `nil` on overflow.
  ///
  /// It is what hand-written code costs on the `aggregated` scenario's own
  /// work (five layers, three levels, six identities), so the benchmark can
  /// compare the engine with it on identical claims; the benchmark and
  /// `BenchmarkTableByHandTests` check that both agree to the fen.
  ///
  /// Assumes a claim the engine accepts (amounts consistent, level 0–2).
  @inlinable @inline(__always)
  public static func settleByHand(_ c: PreparedClaim) -> Int64? {
    let ids = c.identities
    let extreme = ids & 0b1 != 0, minimum = ids & 0b10 != 0
    let lowIncome = ids & 0b111 != 0  // 特困, 低保, 返贫致贫: the 大病 overrides and 兜底
    let general = c.kind == .generalOutpatient
    var left = c.inPolicy

    // 基本医保: deductible and ratio by kind and level; inpatient −10 points
    // out of province, −15 unreferred outside the county; 特困 and 低保 pay
    // no deductible; caps 15 万 (inpatient, chronic), 400 元 (general outpatient).
    let (standard, ratio) = basicTerms(c, repeatAdmission: false)
    let d = extreme || minimum ? 0 : standard
    guard let basic = ByHand.halfUp(max(left &- d, 0), ratio) else { return nil }
    let paidBasic = min(basic, left, general ? 40_000 : 15_000_000)
    left &-= paidBasic
    var funds = paidBasic

    // 大病保险 (inpatient, chronic): 1.2 万, 60 / 65 / 75 % up to 3 万 / 10 万 /
    // above, cap 30 万; 特困, 低保, 返贫致贫 0.5 万, +5 points, no cap.
    if !general {
      let d: Int64 = lowIncome ? 500_000 : 1_200_000, plus: Int64 = lowIncome ? 50_000 : 0
      guard let a = ByHand.segment(left, d, 3_000_000, 600_000 &+ plus), let b = ByHand.segment(left, 3_000_000, 10_000_000, 650_000 &+ plus),
        let e = ByHand.segment(left, 10_000_000, .max, 750_000 &+ plus)
      else { return nil }
      let paid = min((a &+ b &+ e &+ 500_000) / 1_000_000, left, lowIncome ? .max : 30_000_000)
      left &-= paid
      funds &+= paid
    }

    // 医疗救助, by the first identity with a class: 特困 100 %, 低保 80 %,
    // the four others 70 % above 3,000 元; caps 9 万 (inpatient, chronic),
    // 1 万 (general outpatient).
    if ids & 0b111111 != 0 {
      let (d, ratio) = assistanceClass(ids)
      guard let a = ByHand.halfUp(max(left &- d, 0), ratio) else { return nil }
      let paid = min(a, left, general ? 1_000_000 : 9_000_000)
      left &-= paid
      funds &+= paid
    }

    // 倾斜救助: referred inpatient claims within the province, by the first
    // identity with a class; cap 5 万.
    if c.kind == .inpatient && c.referred && c.place != .outOfProvince && ids & 0b111111 != 0 {
      let (d, ratio) = tiltClass(ids)
      guard let a = ByHand.halfUp(max(left &- d, 0), ratio) else { return nil }
      let paid = min(a, left, 5_000_000)
      left &-= paid
      funds &+= paid
    }

    // 兜底 (特困, 低保, 返贫致贫): what is left above 5,000 元.
    if lowIncome { funds &+= max(left &- 500_000, 0) }
    return funds
  }

  /// 基本医保's deductible and ratio (millionths) for `c`, by kind and level,
  /// before the identity waiver: inpatient 200 / 400 / 800 元 (二级 and 三级
  /// halved from the year's second admission, `repeatAdmission`), 90 / 70 /
  /// 60 %, −10 points out of province, −15 unreferred outside the county;
  /// chronic outpatient no deductible, 70 / 65 / 60 %; general outpatient
  /// 0 / 100 / 200 元, 60 / 50 / 40 %.
  @inlinable @inline(__always)
  static func basicTerms(_ c: PreparedClaim, repeatAdmission again: Bool) -> (deductible: Int64, ratio: Int64) {
    switch c.kind {
    case .inpatient:
      var (d, ratio): (Int64, Int64) =
        c.level == 0 ? (20_000, 900_000) : c.level == 1 ? (again ? 20_000 : 40_000, 700_000) : (again ? 40_000 : 80_000, 600_000)
      if c.place == .outOfProvince { ratio &-= 100_000 }
      if !c.referred && c.place != .inCounty { ratio &-= 150_000 }
      return (d, ratio)
    case .outpatientChronic:
      return (0, c.level == 0 ? 700_000 : c.level == 1 ? 650_000 : 600_000)
    case .generalOutpatient:
      return c.level == 0 ? (0, 600_000) : c.level == 1 ? (10_000, 500_000) : (20_000, 400_000)
    }
  }

  /// 医疗救助's class of a person holding `ids` (at least one identity), by
  /// the first identity with a class: (deductible a claim, ratio) — 特困
  /// 0 / 100 %, 低保 0 / 80 %, the four others 3,000 元 / 70 %.
  @inlinable @inline(__always)
  static func assistanceClass(_ ids: UInt64) -> (deductible: Int64, ratio: Int64) {
    ids & 0b1 != 0 ? (0, 1_000_000) : ids & 0b10 != 0 ? (0, 800_000) : (300_000, 700_000)
  }

  /// 倾斜救助's class of a person holding `ids` (at least one identity), by
  /// the first identity with a class: 特困 5,000 元 / 100 %; 低保, 返贫致贫
  /// 5,000 元 / 90 %; 监测 5,000 元 / 70 %; 低保边缘 7,000 元 / 70 %; 因病致贫
  /// 7,000 元 / 50 %.
  @inlinable @inline(__always)
  static func tiltClass(_ ids: UInt64) -> (deductible: Int64, ratio: Int64) {
    ids & 0b1 != 0 ? (500_000, 1_000_000) : ids & 0b110 != 0 ? (500_000, 900_000) : ids & 0b1000 != 0 ? (500_000, 700_000)
      : ids & 0b10000 != 0 ? (700_000, 700_000) : (700_000, 500_000)
  }
}
