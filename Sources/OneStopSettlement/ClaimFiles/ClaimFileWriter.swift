/// Writes ``ClaimFileRow``s as a claims file (CSV with a header, or JSONL).
///
///     var w = ClaimFileWriter(format: .csv)
///     w.append(row)
///     w.output   // "claim_id,person_id,date,…\nC1,P1,2024-05-01,…\n"
///
/// Amounts are written in yuan with two decimals, exactly; `in_policy` is
/// always written; `income` is empty when unknown.
public struct ClaimFileWriter: Sendable {
  /// The format written.
  public let format: ClaimFileFormat
  /// The columns written, in order.
  public let columns: [ClaimFileColumn]
  /// The bytes written since the last ``clearOutput()``.
  public var output: ArraySlice<UInt8> { writer.bytes }
  private var writer = ByteWriter(capacity: 1 << 20)

  /// Creates a writer; a CSV writer starts with the header line.
  public init(format: ClaimFileFormat, columns: [ClaimFileColumn] = ClaimFileColumn.allCases) {
    self.format = format
    self.columns = columns
    if format == .csv {
      writer.text(columns.map(\.name).joined(separator: ","))
      writer.byte(10)
    }
  }

  /// Forgets the bytes written (after the caller stored them).
  public mutating func clearOutput() { writer.removeAll() }

  /// Appends one row.
  public mutating func append(_ row: ClaimFileRow) {
    if format == .jsonl { writer.byte(UInt8(ascii: "{")) }
    for (i, c) in columns.enumerated() {
      if i > 0 { writer.byte(44) }
      if format == .jsonl {
        writer.jsonString(c.name)
        writer.byte(58)
      }
      value(c, of: row)
    }
    if format == .jsonl { writer.byte(UInt8(ascii: "}")) }
    writer.byte(10)
  }

  private mutating func value(_ c: ClaimFileColumn, of row: ClaimFileRow) {
    let json = format == .jsonl
    func text(_ s: String) { if json { writer.jsonString(s) } else { writer.csvField(s) } }
    func amount(_ m: Money) {
      if json { writer.byte(34) }
      writer.fen(m.fen)
      if json { writer.byte(34) }
    }
    func flag(_ b: Bool) {
      if json { writer.text(b ? "true" : "false") } else { writer.byte(b ? 49 : 48) }
    }
    switch c {
    case .claimId: text(row.claimId)
    case .personId: text(row.personId)
    case .date: text(row.date.description)
    case .kind: text(row.kind.rawValue)
    case .hospitalLevel: text(row.hospitalLevel)
    case .place: text(row.place.rawValue)
    case .referred: flag(row.referred)
    case .designatedHospital: flag(row.designatedHospital)
    case .identities:
      let items = row.identities.map { r in
        r.begin == nil && r.end == nil ? r.code : "\(r.code)@\(r.begin?.description ?? "")/\(r.end?.description ?? "")"
      }
      if json {
        writer.byte(UInt8(ascii: "["))
        for (i, s) in items.enumerated() {
          if i > 0 { writer.byte(44) }
          writer.jsonString(s)
        }
        writer.byte(UInt8(ascii: "]"))
      } else {
        writer.csvField(items.joined(separator: ";"))
      }
    case .total: amount(row.amounts.total)
    case .fullyOwnPay: amount(row.amounts.fullyOwnPay)
    case .overLimit: amount(row.amounts.overLimit)
    case .payFirst: amount(row.amounts.payFirst)
    case .inPolicy: amount(row.amounts.inPolicy)
    case .diagnoses:
      if json {
        writer.byte(UInt8(ascii: "["))
        for (i, s) in row.diagnoses.enumerated() {
          if i > 0 { writer.byte(44) }
          writer.jsonString(s)
        }
        writer.byte(UInt8(ascii: "]"))
      } else {
        writer.csvField(row.diagnoses.joined(separator: ";"))
      }
    case .income:
      if let m = row.income { amount(m) } else if json { writer.text("null") }
    }
  }
}
