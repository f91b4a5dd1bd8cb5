/// 结算ID — derives settlement ids deterministically.
///
/// A caller may supply `setl_id`; otherwise the id is `OSS` followed by the
/// 64-bit FNV-1a hash of the request's canonical JSON (sorted keys, amounts
/// re-rendered, `setl_id` left out) in 16 hex digits: 19 characters, within
/// the platform's `C30`. The same request always gets the same id, so a
/// retried settlement (after a timeout, cf. 2601 冲正) is recognisable, and a
/// pre-settlement shows the id its settlement will have.
public enum SettlementId {
  /// The id of `request`: its own `setl_id`, or the derived one.
  public static func of(_ request: PlatformRequest) -> String {
    if let id = request.settlementId, !id.isEmpty { return id }
    var canonical = request
    canonical.settlementId = nil
    return derived(from: Array(canonical.encoded()))
  }

  /// The id of the reversal of settlement `original`.
  public static func reversal(of original: String) -> String {
    derived(from: Array("reverse:\(original)".utf8))
  }

  /// `OSS` + FNV-1a 64 of `bytes`, 16 lowercase hex digits.
  static func derived(from bytes: [UInt8]) -> String {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for b in bytes {
      hash ^= UInt64(b)
      hash &*= 0x0000_0100_0000_01b3
    }
    let hex = String(hash, radix: 16)
    return "OSS" + String(repeating: "0", count: 16 - hex.count) + hex
  }
}
