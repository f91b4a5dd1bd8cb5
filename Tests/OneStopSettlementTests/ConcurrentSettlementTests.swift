import Foundation
import OneStopSettlement
import Testing

/// Embedding: one immutable engine shared by many tasks. The same 100,000
/// claims (12,500 persons × 8 claims, fee lines split by the catalogue and
/// settled with each person's running accumulators) settled from 8
/// concurrent tasks give exactly the serial results.
@Suite struct ConcurrentSettlementTests {
  static let persons = 12_500
  static let claimsPerPerson = 8

  /// Person `p`'s claims: 1–3 fee lines each, random items and amounts.
  static func claims(of p: Int) -> [[FeeLine]] {
    var rng = SplitMix64(seed: UInt64(p) &* 0x9E37_79B9 &+ 1)
    let codes = ["SVC-BED-01", "DRUG-A-01", "DRUG-B-01", "MAT-CAP-01", "DRUG-C-01"]
    return (0..<claimsPerPerson).map { _ in
      (0..<Int(rng.next() % 3 + 1)).map { i in
        let q = Quantity(tenThousandths: Int64(rng.next() % 50 + 1) * Quantity.scale)
        let p = UnitPrice(microYuan: Int64(rng.next() % 300_000 + 1) * 10_000)  // 0.01 … 3000.00
        return FeeLine(serial: "\(i)", itemCode: codes[Int(rng.next() % 5)], quantity: q, unitPrice: p,
          amount: Money(fen: q.tenThousandths / Quantity.scale * p.microYuan / 10_000))
      }
    }
  }

  /// Settles persons `range`; returns, per claim, the patient share, the
  /// deductible and every layer's amount.
  static func settle(_ range: Range<Int>, with platform: PlatformEngine, template: PlatformRequest) throws -> [[Int64]] {
    var out: [[Int64]] = []
    out.reserveCapacity(range.count * claimsPerPerson)
    for p in range {
      var ytd = YearToDate()
      var request = template
      request.identities = p % 3 == 0 ? [.init(code: "2303")] : []
      for lines in claims(of: p) {
        let split = try platform.profile.catalogue.split(lines)
        let prepared = try platform.engine.prepare(try platform.claim(for: request, amounts: split.amounts))
        let s = try platform.engine.settle(prepared, yearToDate: &ytd)
        out.append([s.patient, s.basicDeductible] + s.layers.map(\.amount))
      }
    }
    return out
  }

  @Test func concurrentEqualsSerial() async throws {
    let platform = try PlatformFixtures.engine()
    let template = try PlatformFixtures.request(lines: [])
    let serial = try Self.settle(0..<Self.persons, with: platform, template: template)
    #expect(serial.count == 100_000)

    let tasks = 8
    func bounds(_ t: Int) -> Range<Int> { t * Self.persons / tasks..<(t + 1) * Self.persons / tasks }
    let concurrent = try await withThrowingTaskGroup(of: (Int, [[Int64]]).self) { group in
      for t in 0..<tasks {
        group.addTask { (t, try Self.settle(bounds(t), with: platform, template: template)) }
      }
      var parts = [[[Int64]]](repeating: [], count: tasks)
      for try await (t, part) in group { parts[t] = part }
      return parts.flatMap { $0 }
    }
    #expect(concurrent.count == 100_000)
    let mismatches = zip(serial, concurrent).enumerated().filter { $0.element.0 != $0.element.1 }
    #expect(mismatches.isEmpty, "first mismatching claim: \(mismatches.first.map { "\($0.offset)" } ?? "")")
    // Not trivially equal: some claims reach 大病 and 救助.
    #expect(serial.contains { $0[3] > 0 } && serial.contains { $0[4] > 0 })
  }
}
