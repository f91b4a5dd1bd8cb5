/// What the layers settled so far have left of one claim while it settles.
struct RunningClaim {
  /// In-policy self-pay not yet paid by a fund.
  var remaining: Int64
  /// 先行自付 not yet paid by a fund.
  var payFirst: Int64
  /// Paid by the layers so far.
  var funds: Int64 = 0
  /// The basic layer's applied deductible (major illness may exclude it).
  var basicDeductible: Int64 = 0
  /// The admission number this claim counts as (inpatient: this year's + 1).
  let admission: Int
  /// The claim's kind index.
  let kind: Int
  /// The claim's ``ClaimKey``: kind, level, place and the basic segment
  /// (referred or in county, or not).
  let key: Int
  /// The accumulators this claim reads: the person's, or all-zero ones when
  /// the claim starts a new year (never read under ``FreshYear``).
  let before: UnsafePointer<YearToDate>
  /// What the claim's identities select in every layer.
  let identity: UnsafePointer<IdentityResolution>
  /// Layers whose scope covers the claim (bit per layer).
  let inScope: UInt8
  /// Layers applied so far (bit per layer).
  var applied: UInt8 = 0

  @inline(__always)
  init<Year: YearStart>(
    _ claim: UnsafePointer<PreparedClaim>, before: UnsafePointer<YearToDate>, identity: UnsafePointer<IdentityResolution>,
    inScope: UInt8, _: Year.Type
  ) {
    remaining = claim.pointee.inPolicy
    payFirst = claim.pointee.payFirst
    kind = claim.pointee.kind.index
    key = ClaimKey.of(level: claim.pointee.level, keyInLevel: claim.pointee.keyInLevel)
    let earlier = Year.isFresh ? 0 : before.pointee.admissions
    admission = claim.pointee.kind == .inpatient ? earlier &+ 1 : earlier
    self.before = before
    self.identity = identity
    self.inScope = inScope
  }

  /// A layer paid `amount`: first from the in-policy self-pay, then from 先行自付.
  @inline(__always)
  mutating func pay(_ amount: Int64) {
    funds &+= amount
    let fromRemaining = min(amount, remaining)
    remaining &-= fromRemaining
    payFirst &-= amount &- fromRemaining
  }
}
