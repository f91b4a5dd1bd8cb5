extension Settlement {
  /// What each layer paid, fen, in table order (unused slots 0), read in
  /// one pass over the outcomes.
  @inline(__always)
  var payments: InlineArray<8, Int64> {
    var out = InlineArray<8, Int64>(repeating: 0)
    var i = 0
    while i < layerCount {
      out[i] = outcomes[i].amount
      i &+= 1
    }
    return out
  }
}
