/// Writes one result row per settled claim, in CSV or JSONL, with the same
/// columns either way:
///
/// `claim_id, person_id, date, total, in_policy, <one column per layer id>,
/// fund_total, patient` — amounts in yuan with two decimals.
struct SettlementRowWriter: SettledClaimConsumer {
  let format: ClaimFileFormat
  /// Layer ids, in table order.
  let layerIds: [String]
  private let jsonKeys: [[UInt8]]
  /// The bytes of all `jsonKeys`.
  private let jsonKeysLength: Int
  /// The rows written so far.
  var output = ByteWriter(capacity: 1 << 20)

  init(format: ClaimFileFormat, table: PolicyTable) {
    self.format = format
    layerIds = table.layers.map(\.id)
    jsonKeys = layerIds.map { id in
      var w = ByteWriter(capacity: 64)
      w.byte(44)
      w.jsonString(id)
      w.byte(58)
      return Array(w.bytes)
    }
    jsonKeysLength = jsonKeys.reduce(0) { $0 + $1.count }
  }

  /// The CSV header line (empty for JSONL).
  mutating func writeHeader() {
    guard format == .csv else { return }
    output.ascii("claim_id,person_id,date,total,in_policy")
    for id in layerIds {
      output.byte(44)
      output.csvField(id)
    }
    output.ascii(",fund_total,patient\n")
  }

  /// Writes one row per settled claim of `batch` (engine 0), reserving
  /// room for all of them at once.
  mutating func settled(_ batch: StreamBatch, bytes b: Span<UInt8>) {
    let n = batch.count
    guard n > 0 else { return }
    let layers = layerIds.count
    let json = format == .jsonl
    var ids = 0
    for j in 0..<n {
      let row = batch.row(j)
      ids &+= row.claimId.count &+ row.personId.count
    }
    // Ids escaped (CSV: doubled quotes + 2 quotes each, 16 bytes written at once; JSON: \u00XX), amounts ≤ 25 bytes each.
    output.reserve(json ? ids &* 6 &+ n &* (160 &+ jsonKeysLength &+ 27 &* layers) : ids &* 2 &+ n &* (14 &+ 32 &+ 25 &* (layers &+ 4)))
    var p = output.count
    let keys = jsonKeys
    output.storage.withUnsafeMutableBufferPointer { o in
      let o = o.baseAddress.unsafelyUnwrapped
      DigitQuads.withTable { quads in
        if json {
          for j in 0..<n { Self.writeJSON(keys, batch.row(j), batch.claim(engine: 0, j), batch.amounts(engine: 0, j), layers, b, o, &p, quads) }
          return
        }
        // CSV: the amounts read column by column as the engine wrote them (no copy into row order).
        batch.withAmountColumns(engine: 0) { columns in
          for j in 0..<n { p = Self.writeCSV(batch.row(j), batch.claim(engine: 0, j), columns, j, layers, b, o, at: p, quads) }
        }
      }
    }
    output.count = p
  }

  /// One CSV row at `start`; returns the position after it (the position
  /// is a local, not written back after every field).
  @inline(__always)
  private static func writeCSV(
    _ row: StreamRow, _ claim: PreparedClaim, _ columns: UnsafeBufferPointer<UnsafePointer<Int64>>, _ j: Int, _ layers: Int,
    _ b: Span<UInt8>, _ o: UnsafeMutablePointer<UInt8>, at start: Int, _ quads: UnsafePointer<UInt32>
  ) -> Int {
    var p = start
    if row.verbatim.isEmpty {
      ByteWriter.putCSVId(row.claimId, b, o, &p)
      ByteWriter.put(44, o, &p)
      ByteWriter.putCSVId(row.personId, b, o, &p)
      ByteWriter.put(44, o, &p)
      ByteWriter.putDate(row.date, o, &p)
    } else {
      ByteWriter.put(row.verbatim, b, o, &p)  // the same bytes, as read
    }
    ByteWriter.put(44, o, &p)
    if row.totalText.isEmpty { ByteWriter.putFen(claim.total, o, &p, quads: quads) } else { ByteWriter.put(row.totalText, b, o, &p) }
    ByteWriter.put(44, o, &p)
    if row.inPolicyText.isEmpty { ByteWriter.putFen(claim.inPolicy, o, &p, quads: quads) } else { ByteWriter.put(row.inPolicyText, b, o, &p) }
    var i = 0
    while i < layers &+ 2 {  // the layers, fund total, patient
      ByteWriter.put(44, o, &p)
      ByteWriter.putFen(columns[i][j], o, &p, quads: quads)
      i &+= 1
    }
    ByteWriter.put(10, o, &p)
    return p
  }

  /// One JSON line at `p`.
  @inline(__always)
  private static func writeJSON(
    _ keys: [[UInt8]], _ row: StreamRow, _ claim: PreparedClaim, _ amounts: UnsafePointer<Int64>, _ layers: Int, _ b: Span<UInt8>,
    _ o: UnsafeMutablePointer<UInt8>, _ p: inout Int, _ quads: UnsafePointer<UInt32>
  ) {
    ByteWriter.put("{\"claim_id\":", o, &p)
    ByteWriter.putJSON(row.claimId, b, o, &p)
    ByteWriter.put(",\"person_id\":", o, &p)
    ByteWriter.putJSON(row.personId, b, o, &p)
    ByteWriter.put(",\"date\":\"", o, &p)
    ByteWriter.putDate(row.date, o, &p)
    ByteWriter.put("\",\"total\":\"", o, &p)
    ByteWriter.putFen(claim.total, o, &p, quads: quads)
    ByteWriter.put("\",\"in_policy\":\"", o, &p)
    ByteWriter.putFen(claim.inPolicy, o, &p, quads: quads)
    ByteWriter.put(34, o, &p)
    var i = 0
    while i < layers {
      ByteWriter.put(keys[i], o, &p)
      ByteWriter.put(34, o, &p)
      ByteWriter.putFen(amounts[i], o, &p, quads: quads)
      ByteWriter.put(34, o, &p)
      i &+= 1
    }
    ByteWriter.put(",\"fund_total\":\"", o, &p)
    ByteWriter.putFen(amounts[layers], o, &p, quads: quads)
    ByteWriter.put("\",\"patient\":\"", o, &p)
    ByteWriter.putFen(amounts[layers &+ 1], o, &p, quads: quads)
    ByteWriter.put("\"}\n", o, &p)
  }
}
