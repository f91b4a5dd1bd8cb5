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
    w.key("act_pay_dedc"); w.money(s.act_pay_dedc)
    w.key("cvlserv_pay"); w.money(s.cvlserv_pay)
    w.key("fulamt_ownpay_amt"); w.money(s.fulamt_ownpay_amt)
    w.key("fund_pay_sumamt"); w.money(s.fund_pay_sumamt)
    w.key("hifes_pay"); w.money(s.hifes_pay)
    w.key("hifmi_pay"); w.money(s.hifmi_pay)
    w.key("hifob_pay"); w.money(s.hifob_pay)
    w.key("hifp_pay"); w.money(s.hifp_pay)
    w.key("inscp_scp_amt"); w.money(s.inscp_scp_amt)
    w.key("maf_pay"); w.money(s.maf_pay)
    w.key("medfee_sumamt"); w.money(s.medfee_sumamt)
    w.key("oth_pay"); w.money(s.oth_pay)
    w.key("overlmt_selfpay"); w.money(s.overlmt_selfpay)
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
    PrettyJSONWriter.forEachSorted(y.layers) { id, l in
      w.key(text: id)
      w.beginObject()
      w.key("base"); w.money(l.base)
      w.key("paid"); w.beginObject()
      PrettyJSONWriter.forEachSorted(l.paid) { kind, m in w.key(text: kind); w.money(m) }
      w.endObject()
      w.endObject()
    }
    w.endObject()
    w.key("totalCost"); w.money(y.totalCost)
    w.key("year"); w.int(y.year)
    w.endObject()
  }
}
