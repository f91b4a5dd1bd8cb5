// swift-tools-version:6.0
//
// OneStopSettlement — 一站式结算 engine for China's basic medical insurance,
// major-illness insurance and medical assistance, driven by policy tables.
//
// Optional compile-time define (uncomment to run invariant checks after every
// settlement in release builds too; debug builds always run them):
//   .define("SETTLEMENT_INTERNAL_CHECKS"),

import PackageDescription

let swiftSettings: [SwiftSetting] = [
  // .define("SETTLEMENT_INTERNAL_CHECKS"),
]

let package = Package(
  name: "OneStopSettlement",
  products: [
    .library(name: "OneStopSettlement", targets: ["OneStopSettlement"]),
    .executable(name: "settle", targets: ["settle"]),
    .executable(name: "SettlementBenchmark", targets: ["SettlementBenchmark"]),
  ],
  dependencies: [],
  targets: [
    // MARK: - Library

    .target(
      name: "OneStopSettlement",
      swiftSettings: swiftSettings),

    // Synthetic claims and comparisons shared by tests and the benchmark (not a product).
    .target(
      name: "SettlementTestSupport",
      dependencies: ["OneStopSettlement"],
      swiftSettings: swiftSettings),

    // MARK: - Executables

    .executableTarget(
      name: "settle",
      dependencies: ["OneStopSettlement"],
      swiftSettings: swiftSettings),
    .executableTarget(
      name: "SettlementBenchmark",
      dependencies: ["OneStopSettlement", "SettlementTestSupport"],
      path: "Benchmarks/SettlementBenchmark",
      swiftSettings: swiftSettings),

    // MARK: - Tests

    .testTarget(
      name: "OneStopSettlementTests",
      dependencies: ["OneStopSettlement", "SettlementTestSupport"],
      exclude: ["Fixtures"],
      swiftSettings: swiftSettings),
  ],
  swiftLanguageModes: [.v6]
)
