import Testing
@testable import OneStopSettlement

/// The eight-bytes-at-a-time helpers of the claims-file scanner and the
/// result writer, each against a byte-by-byte reference over seeded random
/// bytes (digits, commas, quotes, line breaks and other bytes at every
/// position, every length, near the buffer's end).
@Suite struct WordAtATimeTests {
  /// Bytes drawn mostly from `alphabet`, sometimes any byte.
  static func bytes(_ n: Int, _ rng: inout SplitMix64, alphabet: [UInt8]) -> [UInt8] {
    (0..<n).map { _ in rng.next() % 8 == 0 ? UInt8(truncatingIfNeeded: rng.next()) : alphabet[Int(rng.next() % UInt64(alphabet.count))] }
  }

  /// 1–40 random bytes and a range in them of at most `longest` bytes.
  static func bytesAndRange(_ rng: inout SplitMix64, alphabet: [UInt8], longest: Int = 40) -> (bytes: [UInt8], lower: Int, upper: Int) {
    let count = Int(rng.next() % 40) + 1
    let b = bytes(count, &rng, alphabet: alphabet)
    let lower = Int(rng.next() % UInt64(count))
    return (b, lower, lower + Int(rng.next() % UInt64(min(longest, count - lower) + 1)))
  }

  @Test func leadingDigitsCountAndValue() {
    var rng = SplitMix64(seed: 41)
    let alphabet = Array("0123456789012345678901234567.,\n\r /:".utf8)
    for _ in 0..<20_000 {
      let s = Self.bytes(8, &rng, alphabet: alphabet)
      // Reference: digits from the start, their value.
      var n = 0, v: Int64 = 0
      while n < 8, s[n] >= 48, s[n] <= 57 { v = v * 10 + Int64(s[n] - 48); n += 1 }
      let got = s.withUnsafeBufferPointer { ClaimFileScanner.leadingDigits($0.baseAddress!) }
      #expect(got.count == n, "\(s)")
      if n > 0 && n < 8 { #expect(got.value == v, "\(s)") }
    }
  }

  @Test func fieldEndFindsTheFirstCommaBeforeTheLineEnd() {
    var rng = SplitMix64(seed: 42)
    let alphabet = Array("abcP0123-_,,\"".utf8)
    for _ in 0..<20_000 {
      let (b, p, e) = Self.bytesAndRange(&rng, alphabet: alphabet)
      var want = p
      while want < e, b[want] != 44 { want += 1 }
      let got = b.withUnsafeBufferPointer { ClaimFileScanner.fieldEnd($0.baseAddress!, p, e, limit: b.count) }
      #expect(got == want, "\(b) from \(p) to \(e)")
    }
  }

  @Test func csvIdsWrittenAsPutCSVWritesThem() {
    var rng = SplitMix64(seed: 43)
    let alphabet = Array("P0123456789-abc,\"\n\r".utf8)
    for _ in 0..<20_000 {
      let (b, lower, upper) = Self.bytesAndRange(&rng, alphabet: alphabet, longest: 20)
      let r = ByteRange(lower, upper)
      var want = [UInt8](repeating: 0, count: 64), got = want
      var pw = 3, pg = 3
      want.withUnsafeMutableBufferPointer { o in ByteWriter.putCSV(r, b.span, o.baseAddress!, &pw) }
      got.withUnsafeMutableBufferPointer { o in ByteWriter.putCSVId(r, b.span, o.baseAddress!, &pg) }
      #expect(pg == pw && got[..<pg] == want[..<pw], "\(b[lower..<upper])")
    }
  }
}
