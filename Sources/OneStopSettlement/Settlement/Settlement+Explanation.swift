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
    var text = ExplanationText()
    write(steps, layer: nil, language: language, into: &text)
    return text.string
  }

  /// Writes the explanation of `steps` (only layer `layer`'s when given),
  /// one line a step, into `t`.
  func write(_ steps: [TraceStep], layer only: Int?, language: ExplanationLanguage, into t: inout ExplanationText) {
    let zh = language == .chinese
    // Through a buffer: reading a layer's name copies no `Layer`.
    table.layers.withUnsafeBufferPointer { layers in
      func y(_ fen: Int64) { t.yuan(fen, chinese: zh) }
      /// Starts a layer's line: its name and `: `.
      func name(_ l: Int) {
        t.line()
        if l >= 0 && l < layers.count { t.text(layers[l].name) } else { t.text("#"); t.int(l) }
        t.text(": ")
      }
      for step in steps where only == nil || step.layer == only {
        switch step {
        case .split(let total, let f, let o, let p, let i):
          t.line()
          t.text(zh ? "医疗费总额 " : "total "); y(total)
          t.text(zh ? " = 全自费 " : " = fully self-paid "); y(f)
          t.text(zh ? " + 超限价 " : " + over price cap "); y(o)
          t.text(zh ? " + 先行自付 " : " + pay-first "); y(p)
          t.text(zh ? " + 政策范围内 " : " + in-policy "); y(i)
        case .skipped(let l, let reason):
          name(l)
          t.text(zh ? "不适用（" : "not applied (")
          t.text(zh ? reason.chinese : reason.english)
          t.text(zh ? "）" : ")")
        case .group(let l, let g, let identity):
          if identity >= 0 || g > 0, let n = groupName(layer: l, group: g) {
            name(l)
            t.text(zh ? "按" : "as "); t.text(n); if zh { t.text("待遇") }
          }
        case .base(let l, let b):
          name(l)
          t.text(zh ? "本次计算基数 " : "base this claim "); y(b)
        case .deductible(let l, let standard, let applied, let n):
          let basic = n > 0 && l >= 0 && l < layers.count && layers[l].kind == .basic
          name(l)
          t.text(zh ? "起付线 " : "deductible "); y(standard)
          if basic { t.text(zh ? "（本年第" : " (admission "); t.int(n); t.text(zh ? "次住院）" : " this year)") }
          t.text(zh ? "，实付起付线 " : ", applied "); y(applied)
        case .rate(let l, let amount, let rate, let result):
          name(l)
          y(amount); t.text(" × "); t.rate(rate); t.text(" = "); y(result)
        case .segment(let l, let from, let to, let rate):
          name(l)
          t.text(zh ? "分段 " : "segment "); y(from); t.text("–"); y(to); t.text(" × "); t.rate(rate)
        case .cumulative(let l, let before, let after, let sb, let sa):
          name(l)
          t.text(zh ? "年度累计 " : "year-to-date base "); y(before); t.text(" → "); y(after)
          t.text(zh ? "；累计应付 S(后) − S(前) = " : "; S(after) − S(before) = ")
          y(sa); t.text(" − "); y(sb); t.text(" = "); y(sa - sb)
        case .ceiling(let l, let after, let allowed, let paid):
          name(l)
          t.text(zh ? "年度政策内自付 " : "year self-pay "); y(after)
          t.text(zh ? " − 上限 " : " − ceiling "); y(allowed)
          t.text(zh ? " − 已兜底 " : " − already paid "); y(paid)
        case .target(let l, let target, let funds):
          name(l)
          t.text(zh ? "目标报销 " : "target "); y(target)
          t.text(zh ? " − 已报销 " : " − funds so far "); y(funds)
        case .capped(let l, let room, let before):
          name(l)
          y(before); t.text(zh ? " 超出年度限额剩余 " : " exceeds the cap room "); y(room)
          t.text(zh ? "，按 " : "; pays "); y(room); if zh { t.text(" 支付") }
        case .paid(let l, let amount):
          name(l)
          t.text(zh ? "支付 " : "pays "); y(amount)
        case .patient(let amount):
          t.line()
          t.text(zh ? "个人负担 " : "patient pays "); y(amount)
        }
      }
    }
  }
}

extension TraceStep.SkipReason {
  /// Why the layer did not apply, in Chinese.
  var chinese: StaticString {
    switch self {
    case .claimKind: "就医类别不适用"
    case .place: "就医地不适用"
    case .identity: "无适用身份"
    case .referral: "需规范转诊"
    case .noParameters: "无该类别参数"
    case .disease: "病种不在目录内"
    case .designatedHospital: "非定点救治医院"
    }
  }

  /// Why the layer did not apply, in English.
  var english: StaticString {
    switch self {
    case .claimKind: "claim kind not covered"
    case .place: "place not covered"
    case .identity: "no qualifying identity"
    case .referral: "requires referral"
    case .noParameters: "no parameters for this claim kind"
    case .disease: "diagnosis not on the disease list"
    case .designatedHospital: "not a designated hospital"
    }
  }
}
