/// What one layer's rule decided for one claim, before the yearly caps.
struct LayerPayment {
  /// 计算基数 — the layer's base for this claim, fen.
  var base: Int64
  /// 起付线 — the deductible applied, fen.
  var deductible: Int64
  /// 比例 — the rate (a schedule's first segment's).
  var rate: Rate
  /// The payment before caps, fen.
  var raw: Int64
  /// The parameter group used.
  var group: Int
  /// 本次可支付限额 — the room left under the yearly caps, fen (`Int64.max`: uncapped).
  var room: Int64
}
