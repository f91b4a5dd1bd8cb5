/// 结算过程信息 (text) — an explanation's UTF-8, written into one buffer:
/// fixed text copied at once, amounts and rates rendered in place (as
/// `Money` and `Rate` describe them), no intermediate strings.
///
///     var t = ExplanationText()
///     t.line(); t.text("个人负担 "); t.yuan(150_000, chinese: true)
///     t.string   // "个人负担 1500.00"
struct ExplanationText {
  /// The bytes written.
  private var out = ByteWriter(uninitializedCapacity: 2_048)
  /// Whether a line was started since the last ``removeAll()``.
  private var started = false

  /// Forgets the text, keeping the buffer.
  mutating func removeAll() { out.removeAll(); started = false }

  /// The text written, as a `String`.
  var string: String { String(decoding: out.bytes, as: UTF8.self) }

  /// Starts a line: a line break unless it is the first.
  mutating func line() {
    if started { out.byte(0x0A) }
    started = true
  }

  /// Text known at compile time.
  mutating func text(_ s: StaticString) {
    let n = s.utf8CodeUnitCount
    out.withReservedBytes(n) { o, p in
      PrettyJSONWriter.copy(s.utf8Start, count: n, to: o + p)
      p &+= n
    }
  }

  /// A string's UTF-8 as it is.
  mutating func text(_ s: String) {
    var s = s
    s.withUTF8 { u in
      guard let base = u.baseAddress else { return }
      out.withReservedBytes(u.count) { o, p in
        PrettyJSONWriter.copy(base, count: u.count, to: o + p)
        p &+= u.count
      }
    }
  }

  /// An integer in decimal.
  mutating func int(_ v: Int) { out.int(v) }

  /// An amount in fen as yuan (`Money.description`), or 不限 / unlimited for `Int64.max`.
  mutating func yuan(_ fen: Int64, chinese: Bool) {
    if fen == .max { text(chinese ? "不限" : "unlimited") } else { out.fen(fen) }
  }

  /// A rate as `Rate.description` renders it (four to six decimals).
  mutating func rate(_ r: Rate) { out.scaled(r.micros, decimals: 6, minimumDecimals: 4) }
}
