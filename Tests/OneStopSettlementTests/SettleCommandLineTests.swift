import Foundation
import Testing
@testable import OneStopSettlement

/// The `settle` executable end to end: files in, files out, and nothing
/// written when a row is bad. Runs the binary built next to the tests
/// (`swift build` builds it; `.ci/run` does so before `swift test`).
@Suite(.serialized) struct SettleCommandLineTests {
  static var binary: URL? {
    let dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    for candidate in [dir, dir.deletingLastPathComponent()] {
      let url = candidate.appendingPathComponent("settle")
      if FileManager.default.isExecutableFile(atPath: url.path) { return url }
    }
    return nil
  }

  struct Run {
    var status: Int32
    var stdout: String
    var stderr: String
  }

  static func settle(_ arguments: [String]) throws -> Run {
    let binary = try #require(Self.binary, "build the settle executable first (swift build)")
    let p = Process()
    p.executableURL = binary
    p.arguments = arguments
    let out = Pipe(), err = Pipe()
    p.standardOutput = out
    p.standardError = err
    try p.run()
    let o = out.fileHandleForReading.readDataToEndOfFile()
    let e = err.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return Run(status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
  }

  static func temporaryDirectory() throws -> URL {
    let d = FileManager.default.temporaryDirectory.appendingPathComponent("settle-cli-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: d, withIntermediateDirectories: true)
    return d
  }

  static var table: String { Fixture.directory.appendingPathComponent("hand/table.json").path }

  @Test func badRowStopsTheRunNamingFileLineColumnAndWritesNothing() throws {
    let dir = try Self.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let claims = dir.appendingPathComponent("claims.csv")
    var text = String(decoding: try Fixture.data("hand/claims.csv"), as: UTF8.self)
    text = text.replacingOccurrences(of: "C5,P3,2024-05-05,inpatient,2,inCounty,0,1104,26000.00", with: "C5,P3,2024-05-05,inpatient,2,inCounty,0,1104,26000.001")
    try Data(text.utf8).write(to: claims)
    let out = dir.appendingPathComponent("out.csv")
    let r = try Self.settle(["batch", "--table", Self.table, "--claims", claims.path, "--out", out.path])
    #expect(r.status == 1)
    // Line 6; `C5,P3,2024-05-05,inpatient,2,inCounty,0,1104,` is 45 characters: total at 46.
    #expect(r.stderr.contains("invalidNumber at \(claims.path):6:46 (total)"), "\(r.stderr)")
    #expect(!FileManager.default.fileExists(atPath: out.path))
    #expect(!FileManager.default.fileExists(atPath: out.path + ".partial"))
    // Simulation too writes no report.
    let json = dir.appendingPathComponent("r.json")
    let s = try Self.settle(["simulate", "--baseline", Self.table, "--set", "id=x", "--claims", claims.path, "--json", json.path])
    #expect(s.status == 1 && !FileManager.default.fileExists(atPath: json.path))
  }

  @Test func skipBadWritesTheRestAndTheRejects() throws {
    let dir = try Self.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let claims = dir.appendingPathComponent("claims.csv")
    let text = String(decoding: try Fixture.data("hand/claims.csv"), as: UTF8.self) + "C7,P9,2024-13-01,inpatient,1,inCounty,0,,1.00,,,\n"
    try Data(text.utf8).write(to: claims)
    let out = dir.appendingPathComponent("out.jsonl")
    let r = try Self.settle(["batch", "--table", Self.table, "--claims", claims.path, "--out", out.path, "--skip-bad"])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stderr.contains("settled 6 claims of 4 persons") && r.stderr.contains("1 rows rejected"))
    let lines = try String(contentsOf: out, encoding: .utf8).split(separator: "\n")
    #expect(lines.count == 6 && lines[0].hasPrefix(#"{"claim_id":"C1","person_id":"P1","date":"2024-02-01","total":"3000.00""#))
    let rejects = try String(contentsOf: URL(fileURLWithPath: out.path + ".rejects.csv"), encoding: .utf8)
    #expect(rejects.split(separator: "\n").count == 2 && rejects.contains("invalidDate at"))
  }

  @Test func synthIsDeterministicAndSimulateWritesEveryReport() throws {
    let dir = try Self.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let table = Fixture.directory.appendingPathComponent("simulation/table.json").path
    let a = dir.appendingPathComponent("a.csv"), b = dir.appendingPathComponent("b.csv")
    for f in [a, b] {
      let r = try Self.settle(["synth", "--table", table, "--persons", "200", "--seed", "9", "--out", f.path, "--param", "tailShare=0.1"])
      #expect(r.status == 0, "\(r.stderr)")
    }
    #expect(try Data(contentsOf: a) == Data(contentsOf: b))
    let json = dir.appendingPathComponent("r.json"), html = dir.appendingPathComponent("r.html"), md = dir.appendingPathComponent("r.md")
    let r = try Self.settle([
      "simulate", "--baseline", table, "--claims", a.path, "--set", "layers.majorIllness.identityOverrides.监测对象.deductibleFactor=0.5",
      "--sweep", "layers.majorIllness.deductible=8000:16000:4000", "--json", json.path, "--html", html.path, "--markdown", md.path,
    ])
    #expect(r.status == 0, "\(r.stderr)")
    let report = try JSONDecoder().decode(SimulationReport.self, from: Data(contentsOf: json))
    #expect(report.persons == 200 && report.sweep?.points.count == 3)
    #expect(try String(contentsOf: html, encoding: .utf8).contains("<svg"))
    #expect(try String(contentsOf: md, encoding: .utf8).contains(report.funds.total.baseline?.description ?? "?"))
    let i = try Self.settle(["indicators", "--table", table, "--claims", a.path, "--target", "0.1"])
    #expect(i.status == 0 && i.stdout.contains("县域内就诊率"))
  }

  @Test func usageErrorsExitWith64() throws {
    #expect(try Self.settle(["batch", "--table", Self.table]).status == 64)
    #expect(try Self.settle(["simulate", "--baseline", Self.table, "--claims", "x.csv"]).status == 64)
    #expect(try Self.settle(["synth", "--table", Self.table, "--persons", "0", "--out", "x.csv"]).status == 64)
  }

  @Test func regionsOfTheCatalogStandForTables() throws {
    let dir = try Self.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let tables = Fixture.directory.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("PolicyTables").path
    let claims = dir.appendingPathComponent("zw.jsonl")
    let region = ["--region", "ningxia/zhongwei", "--date", "2024-06-01", "--tables", tables]
    let s = try Self.settle(["synth"] + region + ["--persons", "300", "--seed", "4", "--out", claims.path])
    #expect(s.status == 0, "\(s.stderr)")
    let out = dir.appendingPathComponent("out.csv")
    let b = try Self.settle(["batch"] + region + ["--claims", claims.path, "--out", out.path])
    #expect(b.status == 0 && b.stderr.contains("of 300 persons"), "\(b.stderr)")
    let i = try Self.settle(["indicators"] + region + ["--claims", claims.path])
    #expect(i.status == 0 && i.stdout.contains("the region's 先诊疗后付费 rule"), "\(i.stderr)")
    let json = dir.appendingPathComponent("r.json")
    let m = try Self.settle([
      "simulate", "--baseline", "ningxia/zhongwei", "--date", "2024-06-01", "--tables", tables, "--claims", claims.path,
      "--set", "layers.majorIllness.deductible=8000", "--json", json.path,
    ])
    #expect(m.status == 0, "\(m.stderr)")
    let report = try JSONDecoder().decode(SimulationReport.self, from: Data(contentsOf: json))
    #expect(report.baseline.id == "ningxia/zhongwei@2024-01-01" && report.persons == 300)
    // A region without a date is a usage error.
    #expect(try Self.settle(["batch", "--region", "ningxia/zhongwei", "--claims", claims.path, "--out", out.path]).status == 64)
  }
}
