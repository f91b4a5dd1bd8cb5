internal import Foundation

/// Exact conversion between decimal text and scaled integers.
///
/// No floating point is involved: `"0.655"` at six decimals is `655_000`.
/// JSON numbers are decoded as `Decimal`, whose text is exact, and parsed the
/// same way as strings.
enum DecimalText {
  /// Parses `text` into an integer scaled by 10^`decimals`.
  static func scaled(_ text: String, decimals: Int) throws(SettlementError) -> Int64 {
    var digits = Substring(text.trimmingCharacters(in: .whitespaces))
    var negative = false
    if digits.first == "-" { negative = true; digits = digits.dropFirst() }
    else if digits.first == "+" { digits = digits.dropFirst() }
    let parts = digits.split(separator: ".", omittingEmptySubsequences: false)
    guard !digits.isEmpty, parts.count <= 2,
      let whole = parts.first, !whole.isEmpty,
      whole.allSatisfy({ $0.isASCII && $0.isNumber })
    else {
      throw SettlementError(.invalidNumber, expected: "a decimal number", found: text)
    }
    var fraction = parts.count == 2 ? parts[1] : ""
    guard fraction.allSatisfy({ $0.isASCII && $0.isNumber }), parts.count == 1 || !fraction.isEmpty else {
      throw SettlementError(.invalidNumber, expected: "a decimal number", found: text)
    }
    while fraction.count > decimals, fraction.last == "0" { fraction = fraction.dropLast() }
    guard fraction.count <= decimals else {
      throw SettlementError(.invalidNumber, expected: "at most \(decimals) decimal places", found: text)
    }
    var value: Int64 = 0
    for ch in whole + fraction + String(repeating: "0", count: decimals - fraction.count) {
      guard let d = ch.wholeNumberValue else {
        throw SettlementError(.invalidNumber, expected: "a decimal number", found: text)
      }
      let (m, o1) = value.multipliedReportingOverflow(by: 10)
      let (s, o2) = m.addingReportingOverflow(Int64(d))
      if o1 || o2 {
        throw SettlementError(.arithmeticOverflow, expected: "an amount that fits in 64-bit fen", found: text)
      }
      value = s
    }
    return negative ? -value : value
  }

  /// Renders a scaled integer with at least `minimumDecimals` places
  /// (`decimals` in 0…19), in a stack buffer: a short result is a small
  /// string and allocates nothing.
  static func render(_ value: Int64, decimals: Int, minimumDecimals: Int) -> String {
    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: maximumRenderedBytes) { buffer in
      var p = 0
      do {
        var ms = buffer.mutableSpan
        put(value, decimals: decimals, minimumDecimals: minimumDecimals, &ms, &p)
      }
      return String(decoding: UnsafeBufferPointer(rebasing: buffer[0..<p]), as: UTF8.self)
    }
  }

  /// Decodes a JSON number or string into a scaled integer.
  static func decodeScaled(from decoder: any Decoder, decimals: Int) throws -> Int64 {
    let c = try decoder.singleValueContainer()
    let text: String
    if let s = try? c.decode(String.self) {
      text = s
    } else if let d = try? c.decode(Decimal.self) {
      text = d.description
    } else {
      throw DecodingError.dataCorrupted(
        .init(codingPath: decoder.codingPath, debugDescription: "expected a decimal number or string"))
    }
    do {
      return try scaled(text, decimals: decimals)
    } catch {
      throw DecodingError.dataCorrupted(
        .init(codingPath: decoder.codingPath, debugDescription: error.expectation))
    }
  }
}
