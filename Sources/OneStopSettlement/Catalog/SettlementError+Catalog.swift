extension SettlementError.Code {
  /// No region with this id is in the catalog.
  public static let unknownRegion = SettlementError.Code(rawValue: "unknownRegion")
  /// Two versions of a region are valid on the same day.
  public static let overlappingVersions = SettlementError.Code(rawValue: "overlappingVersions")
  /// A region that declares continuity has a day no version covers.
  public static let versionGap = SettlementError.Code(rawValue: "versionGap")
}
