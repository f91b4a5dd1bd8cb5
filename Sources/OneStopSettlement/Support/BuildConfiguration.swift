/// 编译配置 — how this library was compiled.
///
/// The benchmark refuses to report numbers from a build that is not
/// optimised or that checks invariants after every settlement:
///
///     if BuildConfiguration.isDebug || BuildConfiguration.internalChecks { … }
public enum BuildConfiguration {
  /// Compiled without optimisation (`-c debug`, the `DEBUG` condition).
  public static var isDebug: Bool {
    #if DEBUG
      true
    #else
      false
    #endif
  }

  /// Compiled with `SETTLEMENT_INTERNAL_CHECKS` (invariants checked after every settlement).
  public static var internalChecks: Bool {
    #if SETTLEMENT_INTERNAL_CHECKS
      true
    #else
      false
    #endif
  }
}
