import Foundation
import OneStopSettlement
import Testing

/// Pre-settlement, settlement, reversal and interim settlement
/// (`Transactions/`), on the example region of `docs/examples/`.
@Suite struct TransactionTests {
  /// Sums every flow of `results` field by field (setlinfo, line parts, deltas).
  static func flows(_ results: [PlatformResult]) -> (info: [Int64], lines: LineParts, deltas: [String: Int64]) {
    var info = [Int64](repeating: 0, count: PlatformSetlInfo.flows.count)
    var lines = LineParts.zero
    var deltas: [String: Int64] = [:]
    for r in results {
      for (i, k) in PlatformSetlInfo.flows.enumerated() { info[i] += r.setlinfo[keyPath: k].fen }
      for l in r.lines { lines = lines.combined(with: l.parts, +) }
      for (c, v) in r.deltaByCode { deltas[c, default: 0] += v }
    }
    return (info, lines, deltas)
  }

  @Test func preSettleEqualsSettle() throws {
    let engine = try PlatformFixtures.engine()
    let request = try PlatformRequest.decode(from: PlatformFixtures.data("inpatient-request.json"))
    let pre = try engine.preSettle(request)
    var settled = try engine.settle(request)
    #expect(pre.transaction == .preSettle && pre.infno == "2303" && settled.infno == "2304")
    settled.transaction = .preSettle
    settled.infno = "2303"
    #expect(pre == settled)
  }

  @Test func settlementIdIsSuppliedOrDerivedDeterministically() throws {
    let engine = try PlatformFixtures.engine()
    var request = try PlatformRequest.decode(from: PlatformFixtures.data("inpatient-request.json"))
    let a = try engine.settle(request).settlementId
    #expect(a == (try engine.settle(request).settlementId))
    #expect(a.hasPrefix("OSS") && a.count == 19)
    request.lines[0].amount = Money(fen: request.lines[0].amount.fen)  // same value: same id
    #expect(try engine.settle(request).settlementId == a)
    request.accumulators.removeLast()  // another request: another id
    #expect(try engine.settle(request).settlementId != a)
    request.settlementId = "HIS-42"
    #expect(try engine.settle(request).setlinfo.setl_id == "HIS-42")
  }
}

// MARK: - Reversal

extension TransactionTests {
  @Test(arguments: ["inpatient", "outpatient-chronic"])
  func reversalIsTheExactNegation(_ example: String) throws {
    let engine = try PlatformFixtures.engine()
    let prior = try engine.settle(try PlatformRequest.decode(from: PlatformFixtures.data("\(example)-request.json")))
    // Through JSON, as a HIS would store and reload it.
    let reloaded = try PlatformResult.decode(from: prior.encoded())
    let undo = try engine.reverse(reloaded)
    let r = undo.reversal
    #expect(r.transaction == .reverse && r.originalSettlementId == prior.settlementId && r.settlementId != prior.settlementId)
    #expect(r.infno == (example == "inpatient" ? "2305" : "2208"))
    let sum = Self.flows([prior, r])
    #expect(sum.info.allSatisfy { $0 == 0 })
    #expect(sum.lines == .zero && sum.deltas.values.allSatisfy { $0 == 0 })
    #expect(zip(prior.lines, r.lines).allSatisfy { $0.quantity.tenThousandths == -$1.quantity.tenThousandths })
    #expect(zip(prior.setldetail, r.setldetail).allSatisfy { $0.fund_payamt.fen == -$1.fund_payamt.fen && $0.inscp_scp_amt.fen == -$1.inscp_scp_amt.fen })
    // Nothing else moved: the net change to post is the negated deltas, the state after is the state before.
    #expect(undo.accumulatorDeltas == r.accumulatorDeltas && undo.resettled.isEmpty)
    #expect(r.accumulatorsAfter == prior.accumulatorsBefore)
    // A reversal without an engine gives the same.
    #expect(try PlatformReversal.reversing(reloaded) == undo)
    // Only settlements are reversed.
    #expect(throwsSettlementError(.invalidValue, at: "transaction") { _ = try r.reversal() })
  }

  /// A: 1000 × 40 = 40000 in scope: basic (40000 − 600) × 0.75 = 29550, 大病 base 10450.
  /// B: 500 × 40 = 20000: basic 14550; 大病 base 10450 → 15900, (15900 − 15000) × 0.6 = 540.
  /// Reversing A without B is refused; with B, B is re-settled from the state
  /// before A: 大病 base 0 → 5450 < 15000 → 0.
  @Test func reversingConsumedAccumulators() throws {
    let engine = try PlatformFixtures.engine()
    let a = try engine.settle(try PlatformFixtures.request(lines: [try PlatformFixtures.line("1", cnt: 1000, pric: "40")], day: 3))
    #expect(a.setlinfo.hifp_pay.fen == 2_955_000 && a.deltaByCode["TS390201"] == 1_045_000)
    let bRequest = try PlatformFixtures.request(lines: [try PlatformFixtures.line("1", cnt: 500, pric: "40")],
      cuminfo: a.accumulatorsAfter, day: 20)
    let b = try engine.settle(bRequest)
    #expect(b.setlinfo.hifp_pay.fen == 1_455_000 && b.setlinfo.hifmi_pay.fen == 54_000)

    #expect(throwsSettlementError(.accumulatorsConsumed, at: "cuminfo") {
      _ = try engine.reverse(a, currentAccumulators: b.accumulatorsAfter)
    })
    #expect(throwsSettlementError(.accumulatorsConsumed, at: "cuminfo") {
      _ = try PlatformReversal.reversing(a, currentAccumulators: b.accumulatorsAfter)
    })
    // The latest settlement itself may be reversed.
    #expect(try engine.reverse(b, currentAccumulators: b.accumulatorsAfter).reversal.setlinfo.hifmi_pay.fen == -54_000)

    let undo = try engine.reverse(a, currentAccumulators: b.accumulatorsAfter, later: [.init(request: bRequest, result: b)])
    let redone = try #require(undo.resettled.first)
    #expect(redone.reversal.setlinfo.hifmi_pay.fen == -54_000)
    #expect(redone.settlement.setlinfo.hifp_pay.fen == 1_455_000 && redone.settlement.setlinfo.hifmi_pay.fen == 0)
    #expect(redone.settlement.originalSettlementId == b.settlementId)
    // Net change: −A + (B' − B): 大病 paid −540; 大病 base −10450; basic −29550; one admission less.
    let net = Dictionary(uniqueKeysWithValues: undo.accumulatorDeltas.map { ($0.code, $0.cum.fen) })
    #expect(net["D390201_BIZ21"] == -54_000 && net["TS390201"] == -1_045_000)
    #expect(net["D390101_BIZ21"] == -2_955_000 && net["C0000_BIZ21"] == -100 && net["F0000"] == -4_000_000)
    // B' is what settling B's request on an empty year gives.
    var fresh = bRequest
    fresh.accumulators = []
    #expect(redone.settlement.setlinfo.hifmi_pay == (try engine.settle(fresh)).setlinfo.hifmi_pay)
  }

  @Test func laterSettlementsMustJoin() throws {
    let engine = try PlatformFixtures.engine()
    let a = try engine.settle(try PlatformFixtures.request(lines: [try PlatformFixtures.line("1", cnt: 100, pric: "40")], day: 3))
    // B was settled from an empty year, not from A's accumulators.
    let bRequest = try PlatformFixtures.request(lines: [try PlatformFixtures.line("1", cnt: 50, pric: "40")], day: 20)
    let b = try engine.settle(bRequest)
    #expect(throwsSettlementError(.accumulatorsConsumed, at: "later[0]") {
      _ = try engine.reverse(a, later: [.init(request: bRequest, result: b)])
    })
    // Another person's settlement is not a later one.
    var other = b
    other.setlinfo.psn_no = "P2"
    #expect(throwsSettlementError(.invalidValue, at: "later[0]") {
      _ = try engine.reverse(a, later: [.init(request: bRequest, result: other)])
    })
  }
}

// MARK: - Interim settlement

extension TransactionTests {
  /// Part 1: 10 × 40 = 400 in scope, below the 600 deductible: basic 0, 救助 低保 70 % × 400 = 280.
  /// Parts 1+2: 400 + 2000 = 2400: basic (2400 − 600) × 0.75 = 1350; 救助 0.7 × 1050 = 735.
  /// Part 2 pays 1350 − 0 = 1350 basic and 735 − 280 = 455 救助; one deductible for the stay.
  @Test func interimPartsShareOneDeductible() throws {
    let engine = try PlatformFixtures.engine()
    let part1 = [try PlatformFixtures.line("1", cnt: 10, pric: "40")]
    let part2 = [try PlatformFixtures.line("2", cnt: 50, pric: "40")]
    var first = try PlatformFixtures.request(lines: part1, identities: ["2303"])
    first.interim = true
    let r1 = try engine.settle(first)
    #expect(r1.setlinfo.hifp_pay.fen == 0 && r1.setlinfo.maf_pay.fen == 28_000 && r1.setlinfo.act_pay_dedc.fen == 40_000)
    let r2 = try engine.settle(try PlatformFixtures.request(lines: part2, prior: part1, identities: ["2303"]))
    #expect(r2.setlinfo.hifp_pay.fen == 135_000 && r2.setlinfo.maf_pay.fen == 45_500)
    // 实际支付起付线: 600 for the stay, 400 of it in part 1.
    #expect(r2.setlinfo.act_pay_dedc.fen == 20_000)
    #expect(r2.deltaByCode["C0000_BIZ21"] == 0 && r1.deltaByCode["C0000_BIZ21"] == 100)
    #expect(r2.setldetail[0].setl_proc_info.contains("中途结算：累计 1350.00 − 已结算 0.00 = 本次 1350.00"))
    #expect(r2.lines.map(\.serial) == ["2"])
  }

  /// Settling a stay in parts gives the same totals, line splits and year
  /// accumulators as one settlement, for random stays and random splits.
  @Test(arguments: [RoundingPoint.perLine, .onTotals])
  func interimEqualsWhole(_ point: RoundingPoint) throws {
    let table = try PolicyTable.decode(from: PlatformFixtures.data("table.json"))
    var profile = try PlatformProfile.decode(from: PlatformFixtures.data("profile.json"))
    profile.catalogue.roundingPoint = point
    let engine = try PlatformEngine(table: table, profile: profile)
    let codes = ["SVC-BED-01", "DRUG-A-01", "DRUG-B-01", "MAT-CAP-01", "DRUG-C-01", "SVC-LAB-01"]
    for seed in UInt64(1)...150 {
      var rng = SplitMix64(seed: seed)
      // A stay of 2–12 lines with odd prices, some refunds of earlier lines.
      var lines: [FeeLine] = []
      for i in 0..<Int(rng.next() % 11 + 2) {
        if i > 0, rng.next() % 5 == 0, let original = lines.filter({ $0.quantity.tenThousandths > 0 }).randomElement(using: &rng) {
          let refunded = lines.filter { $0.originalSerial == original.serial }.reduce(0) { $0 - $1.quantity.tenThousandths }
          let left = original.quantity.tenThousandths - refunded
          if left > 0 {
            let q = Quantity(tenThousandths: -Int64(rng.next() % UInt64(left) + 1))
            lines.append(try Self.line("\(i)", original.itemCode, q, original.unitPrice, refunds: original.serial))
            continue
          }
        }
        let q = Quantity(tenThousandths: Int64(rng.next() % 400_000 + 1))  // up to 40 units, 4 decimals
        let p = UnitPrice(microYuan: Int64(rng.next() % 2_000_000_000 + 1))  // up to 2000 yuan, 6 decimals
        lines.append(try Self.line("\(i)", codes[Int(rng.next() % UInt64(codes.count))], q, p))
      }
      let before = try PlatformFixtures.cuminfo([
        ("C0000_BIZ21", "\(rng.next() % 3)"), ("TS390201", Money(fen: Int64(rng.next() % 2_000_000)).description),
        ("D390101_BIZ21", Money(fen: Int64(rng.next() % 14_000_000)).description),
      ])
      let identities = rng.next() % 2 == 0 ? ["2303"] : rng.next() % 2 == 0 ? ["2304"] : []
      let whole = try engine.settle(try PlatformFixtures.request(lines: lines, cuminfo: before, identities: identities))
      // Random cut points.
      var cuts = Set<Int>()
      for _ in 0..<Int(rng.next() % 4) { cuts.insert(Int(rng.next() % UInt64(lines.count))) }
      let bounds = ([0] + cuts.sorted().filter { $0 > 0 } + [lines.count])
      var parts: [PlatformResult] = []
      for (lo, hi) in zip(bounds, bounds.dropFirst()) where lo < hi {
        parts.append(try engine.settle(try PlatformFixtures.request(
          lines: Array(lines[lo..<hi]), prior: Array(lines[..<lo]), cuminfo: before, identities: identities)))
      }
      let sum = Self.flows(parts)
      let wholeFlows = Self.flows([whole])
      #expect(sum.info == wholeFlows.info, "seed \(seed): setlinfo")
      #expect(sum.deltas == wholeFlows.deltas, "seed \(seed): accumulators")
      #expect(parts.last?.accumulatorsAfter == whole.accumulatorsAfter, "seed \(seed)")
      #expect(parts.flatMap(\.lines) == whole.lines, "seed \(seed): lines")
      // Per layer too.
      let layerSum = parts.map { $0.setldetail.map(\.fund_payamt.fen).reduce(0, +) }.reduce(0, +)
      #expect(layerSum == whole.setldetail.map(\.fund_payamt.fen).reduce(0, +), "seed \(seed)")
    }
  }

  static func line(_ sn: String, _ code: String, _ q: Quantity, _ p: UnitPrice, refunds: String? = nil) throws -> FeeLine {
    // det_item_fee_sumamt = round(cnt × pric), half-up: cnt × pric is in 10⁻¹⁰ yuan = 10⁻⁸ fen.
    let exact = q.tenThousandths.multipliedFullWidth(by: p.microYuan)
    let (quotient, remainder) = Int64(100_000_000).dividingFullWidth(exact)
    let fen = quotient + (remainder.magnitude * 2 >= 100_000_000 ? (remainder < 0 ? -1 : 1) : 0)
    return FeeLine(serial: sn, originalSerial: refunds, itemCode: code, quantity: q, unitPrice: p, amount: Money(fen: fen))
  }
}
