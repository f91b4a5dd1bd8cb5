extension Settlement {
  /// What layer `i` paid, fen, read in place (no copy of the outcomes).
  @inline(__always)
  func paid(_ i: Int) -> Int64 { outcomes[i].amount }
}
