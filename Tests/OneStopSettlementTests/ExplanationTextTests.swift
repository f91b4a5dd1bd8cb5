import Foundation
import SettlementTestSupport
import Testing

@testable import OneStopSettlement

/// The explanation written as bytes (``ExplanationText``) reads exactly as
/// the string-interpolated explanation it replaced, and the byte helpers of
/// the JSON writer do what they say.
@Suite struct ExplanationTextTests {
  /// The explanation as it was built before (string interpolation, one
  /// string a line, joined): the reference the byte writer must match.
  static func reference(_ engine: SettlementEngine, _ steps: [TraceStep], language: ExplanationLanguage) -> String {
    let table = engine.table
    let zh = language == .chinese
    func y(_ fen: Int64) -> String { fen == .max ? (zh ? "不限" : "unlimited") : Money(fen: fen).description }
    func name(_ l: Int) -> String { l < table.layers.count ? table.layers[l].name : "#\(l)" }
    var lines: [String] = []
    for step in steps {
      switch step {
      case .split(let t, let f, let o, let p, let i):
        lines.append(zh
          ? "医疗费总额 \(y(t)) = 全自费 \(y(f)) + 超限价 \(y(o)) + 先行自付 \(y(p)) + 政策范围内 \(y(i))"
          : "total \(y(t)) = fully self-paid \(y(f)) + over price cap \(y(o)) + pay-first \(y(p)) + in-policy \(y(i))")
      case .skipped(let l, let reason):
        let why: [TraceStep.SkipReason: (String, String)] = [
          .claimKind: ("就医类别不适用", "claim kind not covered"), .place: ("就医地不适用", "place not covered"),
          .identity: ("无适用身份", "no qualifying identity"), .referral: ("需规范转诊", "requires referral"),
          .noParameters: ("无该类别参数", "no parameters for this claim kind"),
          .disease: ("病种不在目录内", "diagnosis not on the disease list"),
          .designatedHospital: ("非定点救治医院", "not a designated hospital")]
        let r = why[reason] ?? ("", "")
        lines.append("\(name(l)): \(zh ? "不适用（\(r.0)）" : "not applied (\(r.1))")")
      case .group(let l, let g, let identity):
        if identity >= 0 || g > 0, let n = engine.groupName(layer: l, group: g) {
          lines.append("\(name(l)): \(zh ? "按" : "as ")\(n)\(zh ? "待遇" : "")")
        }
      case .base(let l, let b):
        lines.append("\(name(l)): \(zh ? "本次计算基数" : "base this claim") \(y(b))")
      case .deductible(let l, let standard, let applied, let n):
        let basic = n > 0 && l < table.layers.count && table.layers[l].kind == .basic
        lines.append(zh ? "\(name(l)): 起付线 \(y(standard))\(basic ? "（本年第\(n)次住院）" : "")，实付起付线 \(y(applied))"
                        : "\(name(l)): deductible \(y(standard))\(basic ? " (admission \(n) this year)" : ""), applied \(y(applied))")
      case .rate(let l, let amount, let rate, let result):
        lines.append("\(name(l)): \(y(amount)) × \(rate) = \(y(result))")
      case .segment(let l, let from, let to, let rate):
        lines.append("\(name(l)): \(zh ? "分段" : "segment") \(y(from))–\(y(to)) × \(rate)")
      case .cumulative(let l, let before, let after, let sb, let sa):
        lines.append(zh ? "\(name(l)): 年度累计 \(y(before)) → \(y(after))；累计应付 S(后) − S(前) = \(y(sa)) − \(y(sb)) = \(y(sa - sb))"
                        : "\(name(l)): year-to-date base \(y(before)) → \(y(after)); S(after) − S(before) = \(y(sa)) − \(y(sb)) = \(y(sa - sb))")
      case .ceiling(let l, let after, let allowed, let paid):
        lines.append(zh ? "\(name(l)): 年度政策内自付 \(y(after)) − 上限 \(y(allowed)) − 已兜底 \(y(paid))"
                        : "\(name(l)): year self-pay \(y(after)) − ceiling \(y(allowed)) − already paid \(y(paid))")
      case .target(let l, let target, let funds):
        lines.append(zh ? "\(name(l)): 目标报销 \(y(target)) − 已报销 \(y(funds))" : "\(name(l)): target \(y(target)) − funds so far \(y(funds))")
      case .capped(let l, let room, let before):
        lines.append(zh ? "\(name(l)): \(y(before)) 超出年度限额剩余 \(y(room))，按 \(y(room)) 支付"
                        : "\(name(l)): \(y(before)) exceeds the cap room \(y(room)); pays \(y(room))")
      case .paid(let l, let amount):
        lines.append("\(name(l)): \(zh ? "支付" : "pays") \(y(amount))")
      case .patient(let amount):
        lines.append(zh ? "个人负担 \(y(amount))" : "patient pays \(y(amount))")
      }
    }
    return lines.joined(separator: "\n")
  }

  static let reasons: [TraceStep.SkipReason] = [.claimKind, .place, .identity, .referral, .noParameters, .disease, .designatedHospital]

  /// A random step: amounts of every size and sign (0, `Int64.max` =
  /// unlimited, large), layers in and just past the table.
  static func step(_ rng: inout SplitMix64, layers: Int) -> TraceStep {
    func fen() -> Int64 {
      switch rng.next() % 6 {
      case 0: 0
      case 1: .max
      case 2: -Int64(rng.next() % 1_000_000)
      case 3: Int64(rng.next() % 100)
      default: Int64(rng.next() % 100_000_000_000)
      }
    }
    func small() -> Int64 { Int64(rng.next() % 10_000_000_000) }  // differences stay in range
    let l = Int(rng.next() % UInt64(layers + 2))
    let rate = Rate(micros: Int64(rng.next() % 1_200_000))
    switch rng.next() % 13 {
    case 0: return .split(total: fen(), fullyOwnPay: fen(), overLimit: fen(), payFirst: fen(), inPolicy: fen())
    case 1: return .skipped(layer: l, reason: reasons[Int(rng.next() % UInt64(reasons.count))])
    case 2: return .group(layer: l, group: Int(rng.next() % 2) - 1, identity: Int(rng.next() % 4) - 1)  // groups every layer has
    case 3: return .base(layer: l, base: fen())
    case 4: return .deductible(layer: l, standard: fen(), applied: fen(), admission: Int(rng.next() % 4))
    case 5: return .rate(layer: l, amount: fen(), rate: rate, result: fen())
    case 6: return .cumulative(layer: l, before: fen(), after: fen(), scheduleBefore: small(), scheduleAfter: small())
    case 7: return .segment(layer: l, from: fen(), to: fen(), rate: rate)
    case 8: return .ceiling(layer: l, selfPayAfter: fen(), allowed: fen(), paidBefore: fen())
    case 9: return .target(layer: l, target: fen(), fundsBefore: fen())
    case 10: return .capped(layer: l, room: fen(), before: fen())
    case 11: return .paid(layer: l, amount: fen())
    default: return .patient(amount: fen())
    }
  }

  /// 3,000 seeded random traces on two tables, in both languages, whole
  /// and per layer (as `setl_proc_info` takes them): the same text.
  @Test func randomTracesReadAsBefore() throws {
    var rng = SplitMix64(seed: 2026_11_26)
    for engine in [try BenchmarkTable.engine(), try ThreeTierTable.engine()] {
      let layers = engine.table.layers.count
      var text = ExplanationText()
      for _ in 0..<1_500 {
        let steps = (0..<Int(rng.next() % 12)).map { _ in Self.step(&rng, layers: layers) }
        for language in ExplanationLanguage.allCases {
          let expected = Self.reference(engine, steps, language: language)
          #expect(engine.explanation(of: steps, language: language) == expected)
          let l = Int(rng.next() % UInt64(layers + 1))
          text.removeAll()  // the buffer is reused, as `record(of:)` reuses it
          engine.write(steps, layer: l, language: language, into: &text)
          #expect(text.string == Self.reference(engine, steps.filter { $0.layer == l }, language: language))
        }
      }
    }
  }

  /// Real traces of generated claims: every record's `setl_proc_info` is
  /// the reference explanation of its layer's steps.
  @Test func settledClaimsExplainAsBefore() throws {
    let engine = try BenchmarkTable.engine()
    var g = ClaimGenerator(seed: 14)
    for c in g.claims(300) {
      var ytd = YearToDate()
      var trace = StepTrace()
      let s = try engine.settle(c.prepared, yearToDate: &ytd, trace: &trace)
      let record = engine.record(of: s, trace: trace.steps, yearToDate: ytd)
      let applied = (0..<engine.table.layers.count).filter { s.layer($0).applied }
      #expect(record.setldetail.map(\.setl_proc_info)
        == applied.map { i in Self.reference(engine, trace.steps.filter { $0.layer == i }, language: .chinese) })
      for language in ExplanationLanguage.allCases {
        #expect(engine.explain(s, trace: trace.steps, language: language) == Self.reference(engine, trace.steps, language: language))
      }
    }
  }

  /// `needsEscape` finds a control character, `"` or a backslash at every
  /// position of a word, and flags nothing else (every byte value tried).
  @Test func eightByteEscapeTestIsExact() {
    var rng = SplitMix64(seed: 8)
    for position in 0..<8 {
      for value in 0...255 {
        var bytes = [UInt8](repeating: UInt8(ascii: "a"), count: 8)
        if rng.next() % 2 == 0 { bytes = [0xE4, 0xB8, 0xAD, 0x7F, 0x80, 0xFF, 0x20, 0x21] }  // 中, DEL, high bytes, space, !
        bytes[position] = UInt8(value)
        let word = bytes.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }
        let expected = bytes.contains { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }
        #expect(PrettyJSONWriter.needsEscape(word) == expected, "byte \(value) at \(position)")
      }
    }
    for _ in 0..<20_000 {
      var word = rng.next()
      // Mostly plain text, some bytes swapped for ones to escape, so that
      // several may need escaping in one word.
      for k in 0..<8 where rng.next() % 4 == 0 {
        let special: [UInt64] = [0x00, 0x0A, 0x1F, 0x22, 0x5C, 0x20, 0x21, 0x5B, 0x5D]
        word = word & ~(0xFF << UInt64(k * 8)) | special[Int(rng.next() % 9)] << UInt64(k * 8)
      }
      let first = withUnsafeBytes(of: word) { b in b.firstIndex { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C } }
      #expect(PrettyJSONWriter.needsEscape(word) == (first != nil))
      let mask = PrettyJSONWriter.escapeMask(word)
      #expect((mask == 0 ? nil : mask.trailingZeroBitCount / 8) == first)
    }
  }

  /// A response far past the writer's first 8 KiB (long escaped texts,
  /// many lines) grows its buffer and still renders as `JSONEncoder` does.
  @Test func longRecordsGrowTheResponseBuffer() throws {
    let engine = try BenchmarkTable.engine()
    var g = ClaimGenerator(seed: 9)
    let c = g.claims(1)[0]
    var ytd = YearToDate()
    var trace = StepTrace()
    let s = try engine.settle(c.prepared, yearToDate: &ytd, trace: &trace)
    var record = engine.record(of: s, claimId: "长\"文\n", trace: trace.steps, yearToDate: ytd)
    let text = String(repeating: "医保 \"a\"\t\u{1}/\\ 中文 12345678\n", count: 400)  // ≈ 14 KB
    record.setldetail += (0..<20).map { i in
      .init(fund_pay_type: "\(i)", fund_pay_type_name: text, inscp_scp_amt: Money(fen: Int64(i)), crt_payb_lmt_amt: nil,
            fund_payamt: Money(fen: -Int64(i)), setl_proc_info: text)
    }
    #expect(record.encoded().count > 500_000)
    #expect(record.encoded() == JSONOutput.encode(record))
  }

  /// `copy` copies exactly `n` bytes for every short length and touches
  /// nothing around them.
  @Test func shortCopiesAreExact() {
    for n in 0...70 {
      let source = (0..<n).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 1) }
      var target = [UInt8](repeating: 0xEE, count: n + 16)
      source.withUnsafeBufferPointer { s in
        target.withUnsafeMutableBufferPointer { t in
          PrettyJSONWriter.copy(s.baseAddress ?? UnsafePointer(t.baseAddress!), count: n, to: t.baseAddress! + 8)
        }
      }
      #expect(Array(target[8..<(8 + n)]) == source)
      #expect(target[..<8].allSatisfy { $0 == 0xEE } && target[(8 + n)...].allSatisfy { $0 == 0xEE })
    }
  }
}
