/// The four decimal digits of every number below 10,000 (`0000` … `9999`),
/// as ASCII in one `UInt32` each, the first digit in the lowest byte (so a
/// little-endian store writes them left to right): amounts are rendered
/// four digits per load instead of being divided into them.
///
/// 40,000 bytes, built once. ``ByteWriter/putFen(_:_:_:quads:)`` reads it
/// through the pointer ``withTable(_:)`` lends.
enum DigitQuads {
  private static let table: [UInt32] = (0..<10_000).map { (v: Int) -> UInt32 in
    let d = [v / 1000, v / 100 % 10, v / 10 % 10, v % 10].map { UInt32(48 + $0) }
    return d[0] | d[1] << 8 | d[2] << 16 | d[3] << 24
  }

  /// Calls `body` with the table's first entry.
  @inline(__always)
  static func withTable<R>(_ body: (UnsafePointer<UInt32>) -> R) -> R {
    table.withUnsafeBufferPointer { body($0.baseAddress.unsafelyUnwrapped) }
  }
}

extension ByteWriter {
  /// ``putFen(_:_:_:)`` with the digits read from ``DigitQuads`` (the same
  /// bytes: at most 24, and up to 11 bytes from `p` may be stored, past the
  /// text's end too): below 10⁸ fen, one product splits the amount into
  /// two halves of four digits, two loads give their text, and the leading
  /// zeros are dropped by one shift.
  @inline(__always)
  static func putFen(_ value: Int64, _ o: UnsafeMutablePointer<UInt8>, _ p: inout Int, quads: UnsafePointer<UInt32>) {
    let v = value.magnitude
    guard value != 0, v < 100_000_000 else {
      putFen(value, o, &p)
      return
    }
    if value < 0 { o[p] = ByteText.minus; p &+= 1 }
    let x = UInt32(truncatingIfNeeded: v)
    let high = x / 10_000
    let text = UInt64(quads[Int(truncatingIfNeeded: high)]) | UInt64(quads[Int(truncatingIfNeeded: x &- high &* 10_000)]) &<< 32
    // Six digits of yuan (leading zeros dropped, one kept), then '.' and the two of fen.
    let zeros = min((text ^ 0x3030_3030_3030_3030).trailingZeroBitCount &>> 3, 5)
    UnsafeMutableRawPointer(o + p).storeBytes(of: text &>> UInt64(zeros &* 8), as: UInt64.self)
    p &+= 6 &- zeros
    UnsafeMutableRawPointer(o + p).storeBytes(of: UInt32(ByteText.dot) | UInt32(truncatingIfNeeded: text &>> 48) &<< 8, as: UInt32.self)
    p &+= 3
  }
}
