import Foundation
import Synchronization
import Testing
@testable import OneStopSettlement

/// Settling a file on several workers gives the sequential batch's bytes
/// and errors.
@Suite struct ClaimBatchParallelTests {
  /// Part outputs collected by part number.
  final class Parts: Sendable {
    let parts = Mutex<[Int: [UInt8]]>([:])
    func add(_ k: Int, _ bytes: ArraySlice<UInt8>) { parts.withLock { $0[k, default: []] += bytes } }
    var joined: String { String(decoding: parts.withLock { p in p.keys.sorted().flatMap { p[$0] ?? [] } }, as: UTF8.self) }
  }

  static func population(_ format: ClaimFileFormat, persons: Int = 3000) throws -> Data {
    var synth = try PopulationSynthesizer(table: Fixture.table("simulation/table.json"), seed: 21)
    var w = ClaimFileWriter(format: format)
    for _ in 0..<persons { for r in synth.nextPerson() { w.append(r) } }
    return Data(w.output)
  }

  @Test(arguments: ClaimFileFormat.allCases)
  func anyNumberOfWorkersWritesTheSequentialBytes(_ format: ClaimFileFormat) throws {
    let engine = try Fixture.engine("simulation/table.json")
    let input = try Self.population(format)
    let sequential = try Fixture.batch(engine, input, input: format, output: format).text
    for workers in [1, 2, 3, 7] {
      let parts = Parts()
      let summary = try ClaimBatch.settleInParallel(input, engine: engine, input: format, output: format, workers: workers) { parts.add($0, $1) }
      #expect(parts.joined == sequential, "\(workers) workers")
      #expect(summary.persons == 3000 && summary.parts == workers, "\(workers) workers")
    }
  }

  @Test func theFirstBadRowInFileOrderIsReported() throws {
    let engine = try Fixture.engine("simulation/table.json")
    var lines = String(decoding: try Self.population(.csv), as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    // Break two rows, late in the file and early: the early one is reported.
    lines[lines.count - 50] = lines[lines.count - 50].replacingOccurrences(of: ",inpatient,", with: ",inpatients,")
    lines[200] = lines[200].replacingOccurrences(of: ",2024-", with: ",2024/")
    let input = Data(lines.joined(separator: "\n").utf8)
    var sequential: SettlementError? = nil
    do { _ = try Fixture.batch(engine, input) } catch { sequential = error }
    do {
      _ = try ClaimBatch.settleInParallel(input, engine: engine, input: .csv, output: .csv, workers: 3) { _, _ in }
      Issue.record("bad rows accepted")
    } catch {
      #expect(error == sequential)
      #expect(error.jsonPath.hasPrefix("201:"))
    }
  }

  @Test func aPersonSplitAcrossPartsIsUnsorted() throws {
    let engine = try Fixture.engine("simulation/table.json")
    var text = String(decoding: try Self.population(.csv), as: UTF8.self)
    // The last row again for the first person, at the end of the file.
    let last = "Cx,P0000001,2024-12-31,inpatient,2,inCounty,0,0,,100.00,0.00,0.00,0.00,100.00,,\n"
    text += last
    let lineOfLast = text.split(separator: "\n").count
    do {
      _ = try ClaimBatch.settleInParallel(Data(text.utf8), engine: engine, input: .csv, output: .csv, workers: 2) { _, _ in }
      Issue.record("split person accepted")
    } catch {
      #expect(error.code == .unsortedClaims)
      #expect(error.jsonPath == "\(lineOfLast):1 (person_id)")
    }
  }
}
