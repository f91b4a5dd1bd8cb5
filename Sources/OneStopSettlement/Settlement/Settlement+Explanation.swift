/// The language of an explanation.
public enum ExplanationLanguage: String, Sendable, CaseIterable {
  /// 中文 labels.
  case chinese
  /// English labels.
  case english
}

extension SettlementEngine {
  /// A readable explanation a billing clerk can follow: every step with its
  /// formula and numbers, amounts in yuan.
  ///
  ///     基本医保: 起付线 800.00 (第1次住院), 实付起付线 800.00
  ///     基本医保: (7301.03 − 800.00) × 0.7000 = 4550.72
  public func explain(_ settlement: Settlement, trace: [TraceStep], language: ExplanationLanguage = .chinese) -> String {
    explanation(of: trace, language: language)
  }

  func explanation(of steps: [TraceStep], language: ExplanationLanguage) -> String {
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
        if identity >= 0 || g > 0, let n = groupName(layer: l, group: g) {
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
}
