extension ByteWriter {
  /// Appends a scaled integer as ``DecimalText/render(_:decimals:minimumDecimals:)``
  /// renders it: `655_000` at 6 decimals, at least 4 → `0.6550`.
  mutating func scaled(_ value: Int64, decimals: Int, minimumDecimals: Int) {
    withReserved(DecimalText.maximumRenderedBytes) { ms, p in
      DecimalText.put(value, decimals: decimals, minimumDecimals: minimumDecimals, &ms, &p)
    }
  }
}
