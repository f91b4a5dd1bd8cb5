public import OneStopSettlement

extension BenchmarkTable {
  /// 年度累计（手写） — one person's year so far under ``BenchmarkTable``, as
  /// the hand-written year loop (``settleByHand(_:year:)``) keeps it: only
  /// the counters this table reads, in fen, grouped as its yearly caps
  /// group the claim kinds.
  ///
  /// Start each person with `YearByHand()`; a claim of another year starts
  /// the counters afresh.
  public struct YearByHand: Sendable, Hashable {
    /// The year the counters belong to (`0`: none yet).
    public var year = 0
    /// 住院次数 — inpatient admissions settled this year.
    public var admissions = 0
    /// 基本医保 paid this year: inpatient and chronic outpatient (their
    /// shared 15 万 cap), general outpatient (its 400 元 cap).
    public var basicPaid: Int64 = 0, basicPaidGeneral: Int64 = 0
    /// 大病保险: the year's cumulative base (in-policy self-pay left after
    /// basic insurance), and what it paid (the 30 万 cap).
    public var majorBase: Int64 = 0, majorPaid: Int64 = 0
    /// 医疗救助 paid this year: inpatient and chronic outpatient (9 万),
    /// general outpatient (1 万); together at most 10 万.
    public var assistancePaid: Int64 = 0, assistancePaidGeneral: Int64 = 0
    /// 倾斜救助 paid this year (5 万).
    public var tiltPaid: Int64 = 0
    /// 兜底: the year's self-pay reaching it (its cumulative base), and what it paid.
    public var ceilingBase: Int64 = 0, ceilingPaid: Int64 = 0

    /// No claim yet.
    @inlinable public init() {}
  }

  /// The fund payments of `c` under ``BenchmarkTable`` for a person whose
  /// year so far is `y` (updated with the claim), written out by hand as
  /// ``settleByHand(_:)`` is for fresh accumulators: every number of the
  /// table typed into the code, `Int64` fen, half up where the table
  /// rounds, overflow-checked products, no table, no look-up. `nil` on
  /// overflow (`y` is then unspecified).
  ///
  /// What the year adds to a claim: basic insurance's 二级 / 三级 deductible
  /// halved from the second admission; 大病's cumulative schedule,
  /// `S(year's base after) − S(before)`, each rounded; the room under every
  /// yearly cap from the year's payments; 兜底 on the year's self-pay.
  /// It is the `year` scenario's work written by hand, so the benchmark
  /// can compare the engine with it (`baseline-year-hand` / `-table`);
  /// `BenchmarkTableYearByHandTests` checks both against hand-derived
  /// cases and against each other, claim by claim.
  ///
  /// Assumes a claim the engine accepts (amounts consistent, level 0–2) and
  /// a person's claims in date order.
  @inlinable @inline(__always)
  public static func settleByHand(_ c: PreparedClaim, year y: inout YearByHand) -> Int64? {
    if c.year != y.year {  // the person's first claim of the year
      y = YearByHand()
      y.year = c.year
    }
    let ids = c.identities
    let extreme = ids & 0b1 != 0, minimum = ids & 0b10 != 0
    let lowIncome = ids & 0b111 != 0  // 特困, 低保, 返贫致贫: the 大病 overrides and 兜底
    let general = c.kind == .generalOutpatient, inpatient = c.kind == .inpatient
    var left = c.inPolicy

    // 基本医保: deductible and ratio by kind and level (二级, 三级: half the
    // deductible from the year's second admission); inpatient −10 points out
    // of province, −15 unreferred outside the county; 特困 and 低保 pay no
    // deductible; caps 15 万 (inpatient and chronic together), 400 元
    // (general outpatient).
    let (standard, ratio) = basicTerms(c, repeatAdmission: y.admissions > 0)
    let d = extreme || minimum ? 0 : standard
    guard let basic = ByHand.halfUp(max(left &- d, 0), ratio) else { return nil }
    let paidBasic = min(basic, left, max(general ? 40_000 &- y.basicPaidGeneral : 15_000_000 &- y.basicPaid, 0))
    if general { y.basicPaidGeneral &+= paidBasic } else { y.basicPaid &+= paidBasic }
    left &-= paidBasic
    var funds = paidBasic

    // 大病保险 (inpatient, chronic), over the year's base: 1.2 万, 60 / 65 / 75 %
    // up to 3 万 / 10 万 / above, cap 30 万; 特困, 低保, 返贫致贫 0.5 万,
    // +5 points, no cap. The claim pays S(after) − S(before).
    if !general {
      let (after, o) = y.majorBase.addingReportingOverflow(left)
      guard !o, let sAfter = majorIllness(after, lowIncome), let sBefore = majorIllness(y.majorBase, lowIncome) else { return nil }
      let paid = min(max(sAfter &- sBefore, 0), left, lowIncome ? .max : max(30_000_000 &- y.majorPaid, 0))
      y.majorBase = after
      y.majorPaid &+= paid
      left &-= paid
      funds &+= paid
    }

    // 医疗救助, by the first identity with a class: 特困 100 %, 低保 80 %,
    // the four others 70 % above 3,000 元 a claim; caps 10 万 a year, of
    // which 9 万 inpatient and chronic, 1 万 general outpatient.
    if ids & 0b111111 != 0 {
      let (d, ratio) = assistanceClass(ids)
      guard let a = ByHand.halfUp(max(left &- d, 0), ratio) else { return nil }
      let year = 10_000_000 &- y.assistancePaid &- y.assistancePaidGeneral
      let paid = min(a, left, max(min(year, general ? 1_000_000 &- y.assistancePaidGeneral : 9_000_000 &- y.assistancePaid), 0))
      if general { y.assistancePaidGeneral &+= paid } else { y.assistancePaid &+= paid }
      left &-= paid
      funds &+= paid
    }

    // 倾斜救助: referred inpatient claims within the province, by the first
    // identity with a class, above its deductible a claim; cap 5 万 a year.
    if inpatient && c.referred && c.place != .outOfProvince && ids & 0b111111 != 0 {
      let (d, ratio) = tiltClass(ids)
      guard let a = ByHand.halfUp(max(left &- d, 0), ratio) else { return nil }
      let paid = min(a, left, max(5_000_000 &- y.tiltPaid, 0))
      y.tiltPaid &+= paid
      left &-= paid
      funds &+= paid
    }

    // 兜底 (特困, 低保, 返贫致贫): what the year's self-pay exceeds 5,000 元
    // by, less what it paid earlier in the year.
    if lowIncome {
      let after = y.ceilingBase &+ left
      let paid = min(max(after &- 500_000 &- y.ceilingPaid, 0), left)
      y.ceilingBase = after
      y.ceilingPaid &+= paid
      funds &+= paid
    }
    if inpatient { y.admissions &+= 1 }
    return funds
  }

  /// 大病's cumulative schedule at the year's base `x`, rounded half up:
  /// 60 / 65 / 75 % (+5 points for `lowIncome`) of `x`'s share above the
  /// deductible (1.2 万; `lowIncome` 0.5 万) up to 3 万, 3 万 to 10 万, above.
  @inlinable @inline(__always)
  static func majorIllness(_ x: Int64, _ lowIncome: Bool) -> Int64? {
    let d: Int64 = lowIncome ? 500_000 : 1_200_000, plus: Int64 = lowIncome ? 50_000 : 0
    guard let a = ByHand.segment(x, d, 3_000_000, 600_000 &+ plus), let b = ByHand.segment(x, 3_000_000, 10_000_000, 650_000 &+ plus),
      let e = ByHand.segment(x, 10_000_000, .max, 750_000 &+ plus)
    else { return nil }
    let (s, o) = (a &+ b).addingReportingOverflow(e)
    return o ? nil : (s &+ 500_000) / 1_000_000
  }
}
