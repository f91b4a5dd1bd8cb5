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
    let s = settlements[0]
    let paid = s.payments
    let layers = s.layerCount
    let ids = row.claimId.count &+ row.personId.count
    let keys = jsonKeys
    let json = format == .jsonl
    output.reserve(json ? ids &* 6 &+ 160 &+ keys.reduce(0) { $0 &+ $1.count &+ 27 } : ids &* 2 &+ 14 &+ 25 &* (layers &+ 4))
    var p = output.count
    do {
      var ms = output.storage.mutableSpan
      if json {
        ByteWriter.put(Self.claimIdKey, &ms, &p)
        ByteWriter.putJSON(row.claimId, b, &ms, &p)
        ByteWriter.put(Self.personIdKey, &ms, &p)
        ByteWriter.putJSON(row.personId, b, &ms, &p)
        ByteWriter.put(Self.dateKey, &ms, &p)
        ByteWriter.putDate(row.date, &ms, &p)
        ByteWriter.put(Self.totalKey, &ms, &p)
        ByteWriter.putFen(s.total, &ms, &p)
        ByteWriter.put(Self.inPolicyKey, &ms, &p)
        ByteWriter.putFen(s.inPolicy, &ms, &p)
        ByteWriter.put(34, &ms, &p)
        var i = 0
        while i < layers {
          ByteWriter.put(keys[i], &ms, &p)
          ByteWriter.put(34, &ms, &p)
          ByteWriter.putFen(paid[i], &ms, &p)
          ByteWriter.put(34, &ms, &p)
          i &+= 1
        }
        ByteWriter.put(Self.fundTotalKey, &ms, &p)
        ByteWriter.putFen(s.fundTotal, &ms, &p)
        ByteWriter.put(Self.patientKey, &ms, &p)
        ByteWriter.putFen(s.patient, &ms, &p)
        ByteWriter.put(Self.endLine, &ms, &p)
      } else {
        ByteWriter.putCSV(row.claimId, b, &ms, &p)
        ByteWriter.put(44, &ms, &p)
        ByteWriter.putCSV(row.personId, b, &ms, &p)
        ByteWriter.put(44, &ms, &p)
        ByteWriter.putDate(row.date, &ms, &p)
        ByteWriter.put(44, &ms, &p)
        ByteWriter.putFen(s.total, &ms, &p)
        ByteWriter.put(44, &ms, &p)
        ByteWriter.putFen(s.inPolicy, &ms, &p)
        var i = 0
        while i < layers {
          ByteWriter.put(44, &ms, &p)
          ByteWriter.putFen(paid[i], &ms, &p)
          i &+= 1
        }
        ByteWriter.put(44, &ms, &p)
        ByteWriter.putFen(s.fundTotal, &ms, &p)
        ByteWriter.put(44, &ms, &p)
        ByteWriter.putFen(s.patient, &ms, &p)
        ByteWriter.put(10, &ms, &p)
      }
    }
    output.count = p
  }

  private static let claimIdKey = Array("{\"claim_id\":".utf8)
  private static let personIdKey = Array(",\"person_id\":".utf8)
  private static let dateKey = Array(",\"date\":\"".utf8)
  private static let totalKey = Array("\",\"total\":\"".utf8)
  private static let inPolicyKey = Array("\",\"in_policy\":\"".utf8)
  private static let fundTotalKey = Array(",\"fund_total\":\"".utf8)
  private static let patientKey = Array("\",\"patient\":\"".utf8)
  private static let endLine = Array("\"}\n".utf8)
}
