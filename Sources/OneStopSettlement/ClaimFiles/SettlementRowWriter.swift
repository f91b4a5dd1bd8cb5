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

  mutating func beginPerson(_ index: Int, row: borrowing ScannedClaim, bytes: Span<UInt8>) {}
  mutating func endPerson() {}

  @inline(__always)
  mutating func settled(
    _ row: borrowing ScannedClaim, bytes b: Span<UInt8>, prepared: borrowing [PreparedClaim], settlements: borrowing [Settlement]
  ) throws(SettlementError) {
    let claimId = row.claimId, personId = row.personId, date = row.date
    let ids = claimId.count &+ personId.count
    let json = format == .jsonl
    settlements.withUnsafeBufferPointer { settlements in
      let s = settlements.baseAddress.unsafelyUnwrapped
      let layers = s.pointee.layerCount
      output.reserve(json ? ids &* 6 &+ 160 &+ jsonKeysLength &+ 27 &* layers : ids &* 2 &+ 14 &+ 25 &* (layers &+ 4))
      var p = output.count
      output.storage.withUnsafeMutableBufferPointer { o in
        let o = o.baseAddress.unsafelyUnwrapped
        if json {
          ByteWriter.put("{\"claim_id\":", o, &p)
          ByteWriter.putJSON(claimId, b, o, &p)
          ByteWriter.put(",\"person_id\":", o, &p)
          ByteWriter.putJSON(personId, b, o, &p)
          ByteWriter.put(",\"date\":\"", o, &p)
          ByteWriter.putDate(date, o, &p)
          ByteWriter.put("\",\"total\":\"", o, &p)
          ByteWriter.putFen(s.pointee.total, o, &p)
          ByteWriter.put("\",\"in_policy\":\"", o, &p)
          ByteWriter.putFen(s.pointee.inPolicy, o, &p)
          ByteWriter.put(34, o, &p)
          var i = 0
          while i < layers {
            ByteWriter.put(jsonKeys[i], o, &p)
            ByteWriter.put(34, o, &p)
            ByteWriter.putFen(s.pointee.outcomes[unchecked: i].amount, o, &p)
            ByteWriter.put(34, o, &p)
            i &+= 1
          }
          ByteWriter.put(",\"fund_total\":\"", o, &p)
          ByteWriter.putFen(s.pointee.fundTotal, o, &p)
          ByteWriter.put("\",\"patient\":\"", o, &p)
          ByteWriter.putFen(s.pointee.patient, o, &p)
          ByteWriter.put("\"}\n", o, &p)
        } else {
          ByteWriter.putCSV(claimId, b, o, &p)
          ByteWriter.put(44, o, &p)
          ByteWriter.putCSV(personId, b, o, &p)
          ByteWriter.put(44, o, &p)
          ByteWriter.putDate(date, o, &p)
          ByteWriter.put(44, o, &p)
          ByteWriter.putFen(s.pointee.total, o, &p)
          ByteWriter.put(44, o, &p)
          ByteWriter.putFen(s.pointee.inPolicy, o, &p)
          var i = 0
          while i < layers {
            ByteWriter.put(44, o, &p)
            ByteWriter.putFen(s.pointee.outcomes[unchecked: i].amount, o, &p)
            i &+= 1
          }
          ByteWriter.put(44, o, &p)
          ByteWriter.putFen(s.pointee.fundTotal, o, &p)
          ByteWriter.put(44, o, &p)
          ByteWriter.putFen(s.pointee.patient, o, &p)
          ByteWriter.put(10, o, &p)
        }
      }
      output.count = p
    }
  }
}
