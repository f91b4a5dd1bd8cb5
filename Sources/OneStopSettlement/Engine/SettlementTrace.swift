/// 结算过程 — a sink for the steps of a settlement.
///
/// The engine has one settlement path, generic over its trace. With
/// ``NoTrace`` every `record` call is empty and inlined, and the step values
/// are never built (they are autoclosures): tracing compiles away. With
/// ``StepTrace`` the same path records each step for ``SettlementEngine/explain(_:trace:language:)``.
public protocol SettlementTrace {
  /// Whether ``record(_:)`` keeps anything (`false` only for ``NoTrace``:
  /// the settlement then skips work whose only product is a record).
  static var isRecording: Bool { get }

  /// Records one step.
  mutating func record(_ step: @autoclosure () -> TraceStep)
}

/// Records nothing; the default.
extension SettlementTrace {
  /// `true` unless a trace says otherwise: a trace that keeps nothing
  /// (``NoTrace``) returns `false`.
  public static var isRecording: Bool { true }
}

public struct NoTrace: SettlementTrace {
  /// Creates the empty trace.
  public init() {}
  /// `false`: nothing is recorded.
  @inlinable public static var isRecording: Bool { false }
  /// Does nothing.
  @inlinable @inline(__always)
  public mutating func record(_ step: @autoclosure () -> TraceStep) {}
}

/// Records every step in order.
public struct StepTrace: SettlementTrace, Sendable {
  /// `true`: every step is recorded.
  public static var isRecording: Bool { true }
  /// The steps recorded so far.
  public var steps: [TraceStep] = []
  /// Creates an empty trace.
  public init() {}
  /// Appends the step.
  public mutating func record(_ step: @autoclosure () -> TraceStep) { steps.append(step()) }
}

/// One step of a settlement, with the numbers used (amounts in fen).
public enum TraceStep: Sendable, Hashable {
  /// The four-way split of the claim.
  case split(total: Int64, fullyOwnPay: Int64, overLimit: Int64, payFirst: Int64, inPolicy: Int64)
  /// Layer `layer` does not apply, and why.
  case skipped(layer: Int, reason: SkipReason)
  /// The identity or class selecting the layer's parameters (`-1` = default).
  case group(layer: Int, group: Int, identity: Int)
  /// This claim's base for the layer.
  case base(layer: Int, base: Int64)
  /// Deductible: the standard for this claim and what was applied;
  /// `admission` is the inpatient admission number this year (`0` otherwise).
  case deductible(layer: Int, standard: Int64, applied: Int64, admission: Int)
  /// A single-rate computation: `round(amount × rate)`.
  case rate(layer: Int, amount: Int64, rate: Rate, result: Int64)
  /// Cumulative schedule values before and after this claim.
  case cumulative(layer: Int, before: Int64, after: Int64, scheduleBefore: Int64, scheduleAfter: Int64)
  /// One segment of the schedule at the cumulative amount after this claim.
  case segment(layer: Int, from: Int64, to: Int64, rate: Rate)
  /// A ceiling (兜底) comparison.
  case ceiling(layer: Int, selfPayAfter: Int64, allowed: Int64, paidBefore: Int64)
  /// A top-up: target and funds before the layer.
  case target(layer: Int, target: Int64, fundsBefore: Int64)
  /// A cap limited the payment.
  case capped(layer: Int, room: Int64, before: Int64)
  /// The layer's payment.
  case paid(layer: Int, amount: Int64)
  /// The patient's share.
  case patient(amount: Int64)

  /// Why a layer did not apply.
  public enum SkipReason: String, Sendable, Hashable {
    /// Claim kind outside the layer's scope.
    case claimKind
    /// Place outside the layer's scope.
    case place
    /// The person holds no identity the layer covers.
    case identity
    /// The layer requires a referral.
    case referral
    /// No parameters for this kind/level.
    case noParameters
    /// No diagnosis on the layer's disease lists.
    case disease
    /// Not a designated hospital.
    case designatedHospital
  }
}
