/// The shape of a layer kind's schedules, known when the settlement code is
/// compiled: ``ScheduleStep`` is generic over it, so the kinds whose
/// schedules are always one open segment pay with one product and no test
/// of the shape per claim.
protocol ScheduleShape {
  /// Every schedule of the kind is one open segment above the deductible.
  static var isOneOpenSegment: Bool { get }
}

/// 基本医保, 医疗救助, 倾斜救助: one rate above the deductible, no upper
/// bound (``LayerStep/openRate``; checked when compiling).
enum OneOpenSegment: ScheduleShape {
  @_transparent static var isOneOpenSegment: Bool { true }
}

/// 大病保险: segments, walked (one segment or several).
enum Segments: ScheduleShape {
  @_transparent static var isOneOpenSegment: Bool { false }
}
