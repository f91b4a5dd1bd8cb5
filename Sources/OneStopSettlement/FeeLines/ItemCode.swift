/// 医疗目录编码（定长） — a national catalogue code (`med_list_codg`) packed
/// into four machine words, so comparing and hashing a code is a handful of
/// integer instructions instead of string work.
///
/// Holds up to ``capacity`` ASCII characters (national codes are 15–27:
/// `XJ01CAA040A001010104463` is 23), one byte each, little-endian, padded
/// with zero bytes. A code longer than that, or with a byte outside
/// 1…127 (non-ASCII or NUL), is not packed: ``init(_:at:)`` throws a typed
/// error naming where it came from. Packing is injective, so two codes are
/// equal exactly when their texts are.
///
///     let code = try ItemCode("XJ01CAA040A001010104463", at: "feedetail[0].med_list_codg")
///     code.description   // "XJ01CAA040A001010104463"
public struct ItemCode: Sendable, Hashable, CustomStringConvertible {
  /// The longest code that can be packed, in ASCII characters.
  public static let capacity = 32

  /// Characters 0–7, 8–15, 16–23 and 24–31, first character in the low byte.
  var w0: UInt64, w1: UInt64, w2: UInt64, w3: UInt64

  init(_ w0: UInt64, _ w1: UInt64, _ w2: UInt64, _ w3: UInt64) {
    self.w0 = w0; self.w1 = w1; self.w2 = w2; self.w3 = w3
  }

  /// Packs `text`, or returns `nil` when it is longer than ``capacity`` or
  /// not plain ASCII (every byte 1…127).
  public init?(_ text: String) {
    var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
    var i = 0
    for byte in text.utf8 {
      guard i < Self.capacity, byte != 0, byte < 0x80 else { return nil }
      let shifted = UInt64(byte) << UInt64((i & 7) * 8)
      switch i >> 3 {
      case 0: words.0 |= shifted
      case 1: words.1 |= shifted
      case 2: words.2 |= shifted
      default: words.3 |= shifted
      }
      i += 1
    }
    self.init(words.0, words.1, words.2, words.3)
  }

  /// Packs `text`, naming `path` when it cannot be packed.
  ///
  /// - Throws: ``SettlementError/Code/invalidValue`` at `path` for a code
  ///   longer than ``capacity`` characters or not plain ASCII.
  public init(_ text: String, at path: @autoclosure () -> String) throws(SettlementError) {
    guard let code = ItemCode(text) else {
      throw SettlementError(.invalidValue, at: path(),
        expected: "an item code of at most \(Self.capacity) ASCII characters", found: text)
    }
    self = code
  }

  /// The code's text.
  public var description: String {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(Self.capacity)
    for word in [w0, w1, w2, w3] {
      var w = word
      while w != 0 {
        bytes.append(UInt8(truncatingIfNeeded: w))
        w >>= 8
      }
    }
    return String(decoding: bytes, as: UTF8.self)
  }

  /// A well-mixed 64-bit hash of the code: the words multiplied in pairs
  /// to 128 bits and the halves folded together (as in wyhash), so every
  /// output bit depends on every character (national codes share long
  /// prefixes and differ in a few digits). The constants have the top bit of
  /// every byte set, so no word of ASCII text xor a constant is zero (a zero
  /// factor would lose the other word). No per-process seed: a code's hash,
  /// and so a table's layout, is the same every run.
  ///
  /// Computed once per line, when lines are prepared
  /// (``PackedFeeLine/codeHash``); an ``ItemCodeTable`` places the hash by
  /// its own multiplier.
  var mixedHash: UInt64 {
    let first = (w0 ^ 0xA0F6_9DD3_C5E7_B3A9).multipliedFullWidth(by: w1 ^ 0xE7B3_95C9_8DB1_F1A5)
    let second = (first.high ^ first.low ^ w2 ^ 0x8BB8_CB93_96AE_ACC9).multipliedFullWidth(by: w3 ^ 0xD6E8_FEB8_E6D9_FD93)
    return second.high ^ second.low
  }

  /// A value no text packs to (``init(_:)`` never leaves a zero byte before
  /// a non-zero one): marks an empty slot, so a look-up needs no second test.
  static let unused = ItemCode(0, 1, 0, 0)

  /// Equality as four word compares, without short-circuit branches.
  @inline(__always)
  func matches(_ other: ItemCode) -> Bool {
    ((w0 ^ other.w0) | (w1 ^ other.w1) | (w2 ^ other.w2) | (w3 ^ other.w3)) == 0
  }
}
