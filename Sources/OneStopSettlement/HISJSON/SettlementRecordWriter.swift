internal import Foundation

/// Renders a ``SettlementRecord`` as JSON by hand, byte for byte as
/// ``JSONOutput`` renders it through `Codable` (pretty printed, keys sorted
/// by UTF-8 bytes, amounts as yuan strings, optional fields left out when
/// `nil`), without `JSONEncoder`'s boxing and dynamic casts.
///
/// Keys are written in sorted order; a test checks the bytes against
/// `JSONOutput.encode` over many records.
enum SettlementRecordWriter {
  /// The record as pretty JSON with sorted keys.
  static func encode(_ r: SettlementRecord) -> Data {
    var w = PrettyJSONWriter()
    w.beginObject()
    w.key("claimId"); w.string(r.claimId)
    w.key("layers"); w.beginArray()
    for l in r.layers { w.element(); write(l, to: &w) }
    w.endArray()
    w.key("setldetail"); w.beginArray()
    for d in r.setldetail { w.element(); write(d, to: &w) }
    w.endArray()
    w.key("setlinfo"); write(r.setlinfo, to: &w)
    w.key("table"); w.string(r.table)
    w.key("yearToDate"); write(r.yearToDate, to: &w)
    w.endObject()
    return w.data
  }

  static func write(_ l: SettlementRecord.LayerRecord, to w: inout PrettyJSONWriter) {
    w.beginObject()
    w.key("amount"); w.money(l.amount)
    w.key("applied"); w.bool(l.applied)
    if let a = l.appliedAs { w.key("appliedAs"); w.string(a) }
    w.key("base"); w.money(l.base)
    if let c = l.capRoom { w.key("capRoom"); w.money(c) }
    w.key("deductible"); w.money(l.deductible)
    w.key("id"); w.string(l.id)
    w.key("kind"); w.string(l.kind.rawValue)
    w.key("name"); w.string(l.name)
    w.key("rate"); w.rate(l.rate)
    w.endObject()
  }

  static func write(_ d: SettlementRecord.SetlDetail, to w: inout PrettyJSONWriter) {
    w.beginObject()
    if let c = d.crt_payb_lmt_amt { w.key("crt_payb_lmt_amt"); w.money(c) }
    w.key("fund_pay_type"); w.string(d.fund_pay_type)
    w.key("fund_pay_type_name"); w.string(d.fund_pay_type_name)
    w.key("fund_payamt"); w.money(d.fund_payamt)
    w.key("inscp_scp_amt"); w.money(d.inscp_scp_amt)
    w.key("setl_proc_info"); w.string(d.setl_proc_info)
    w.endObject()
  }

  static func write(_ s: SettlementRecord.SetlInfo, to w: inout PrettyJSONWriter) {
    w.beginObject()
    let before: [(StaticString, Money)] = [
      ("act_pay_dedc", s.act_pay_dedc), ("cvlserv_pay", s.cvlserv_pay), ("fulamt_ownpay_amt", s.fulamt_ownpay_amt),
      ("fund_pay_sumamt", s.fund_pay_sumamt), ("hifes_pay", s.hifes_pay), ("hifmi_pay", s.hifmi_pay), ("hifob_pay", s.hifob_pay),
      ("hifp_pay", s.hifp_pay), ("inscp_scp_amt", s.inscp_scp_amt), ("maf_pay", s.maf_pay), ("medfee_sumamt", s.medfee_sumamt),
      ("oth_pay", s.oth_pay), ("overlmt_selfpay", s.overlmt_selfpay),
    ]
    for (k, m) in before { w.key(k); w.money(m) }
    w.key("pool_prop_selfpay"); w.rate(s.pool_prop_selfpay)
    w.key("preselfpay_amt"); w.money(s.preselfpay_amt)
    w.key("psn_part_amt"); w.money(s.psn_part_amt)
    w.endObject()
  }

  static func write(_ y: YearToDateRecord, to w: inout PrettyJSONWriter) {
    w.beginObject()
    w.key("admissions"); w.int(y.admissions)
    w.key("basicDeductiblePaid"); w.money(y.basicDeductiblePaid)
    w.key("inPolicyCost"); w.money(y.inPolicyCost)
    w.key("layers"); w.beginObject()
    for id in PrettyJSONWriter.sortedKeys(y.layers) {
      guard let l = y.layers[id] else { continue }
      w.key(text: id)
      w.beginObject()
      w.key("base"); w.money(l.base)
      w.key("paid"); w.beginObject()
      for kind in PrettyJSONWriter.sortedKeys(l.paid) {
        guard let m = l.paid[kind] else { continue }
        w.key(text: kind); w.money(m)
      }
      w.endObject()
      w.endObject()
    }
    w.endObject()
    w.key("totalCost"); w.money(y.totalCost)
    w.key("year"); w.int(y.year)
    w.endObject()
  }
}
