/// What the layers settled so far have left of one claim, in one slot of a
/// batch being settled (a single claim is a batch of one).
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
  var admission: Int
  /// The claim's kind index.
  let kind: Int
  /// The claim's position in the caller's input (and output).
  let index: Int
  /// The accumulators this claim reads: the person's, or all-zero ones when
  /// the claim starts a new year.
  let before: UnsafePointer<YearToDate>
  /// Layers whose scope covers the claim (bit per layer).
  let inScope: UInt8
  /// Layers applied so far (bit per layer).
  var applied: UInt8 = 0

  @inline(__always)
  init(_ claim: UnsafePointer<PreparedClaim>, index: Int, before: UnsafePointer<YearToDate>, inScope: UInt8) {
    remaining = claim.pointee.inPolicy
    payFirst = claim.pointee.payFirst
    kind = claim.pointee.kind.index
    admission = claim.pointee.kind == .inpatient ? before.pointee.admissions &+ 1 : before.pointee.admissions
    self.index = index
    self.before = before
    self.inScope = inScope
  }

  /// What layer `li` paid this year before this claim, per claim kind
  /// (inpatient, chronic outpatient, general outpatient).
  @inline(__always)
  func paid(layer li: Int) -> (Int64, Int64, Int64) {
    (before.pointee.layerPaid[unchecked: li &* 3], before.pointee.layerPaid[unchecked: li &* 3 &+ 1],
     before.pointee.layerPaid[unchecked: li &* 3 &+ 2])
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
