import Foundation
import OneStopSettlement

// SettlementBenchmark — throughput, latency and scaling of the settlement
// engine. One JSON line per scenario on stdout, a readable table on stderr.
// See Benchmarks/README.md.

let options: Options
do {
  options = try Options(Array(CommandLine.arguments.dropFirst()))
} catch {
  if let m = error.message { note("error: \(m)") }
  note(Options.usage)
  exit(error.message == nil ? 0 : 64)
}

let selected = Scenario.all.filter { options.scenario == nil || $0.name == options.scenario }
let workload: Workload
do {
  workload = try Workload(options)
} catch {
  note("error: \(error)")
  exit(1)
}

if options.compare {
  var failed = false
  for s in selected {
    guard let compare = s.compare else {
      if options.scenario != nil { note("compare: \(s.name) has no compare mode"); failed = true }
      continue
    }
    do {
      let n = try compare(options.claims ?? 100_000, workload)
      note("compare: \(s.name): \(n) settlements identical to the fen with StepTrace, NoTrace and the batch entry point")
    } catch {
      note("compare: \(s.name): FAILED: \(error)")
      failed = true
    }
  }
  exit(failed ? 1 : 0)
}

// Numbers from a build that is unoptimised or checks invariants per claim mean nothing.
var unfit: [String] = []
#if DEBUG
  unfit.append("the benchmark is a debug build")
#endif
if BuildConfiguration.isDebug { unfit.append("the library is a debug build") }
if BuildConfiguration.internalChecks { unfit.append("SETTLEMENT_INTERNAL_CHECKS is defined") }
if !unfit.isEmpty {
  note("""
    ************************************************************************
    REFUSING TO REPORT NUMBERS: \(unfit.joined(separator: "; ")).
    Run: swift run -c release SettlementBenchmark  (without SETTLEMENT_INTERNAL_CHECKS)
    ************************************************************************
    """)
  exit(2)
}

note("SettlementBenchmark — \(ProcessInfo.processInfo.activeProcessorCount) cores, \(Date())")
note(Measurement.header)
var exitCode: Int32 = 0
for s in selected {
  do {
    for m in try s.run(options.claims ?? s.defaultClaims, options, workload) {
      emit(m.jsonLine)
      note(m.row)
    }
  } catch {
    note(pad(s.name, 10) + "  FAILED: \(error)")
    exitCode = 1
  }
}
note("peak RSS \(grouped(peakResidentKiB())) KiB")
exit(exitCode)
