/// Reading ahead: the person look-ups of rows read together, overlapped.
extension StreamState {
  /// Hashes the ids of the new persons among the `n` rows at `rows` (each
  /// id of at most 16 bytes that differs from the row before's, the first
  /// row compared with the current person) into `hashes`, then loads their
  /// first slots in ``persons`` together (``PersonIdSet/touch(_:_:)``):
  /// the cache misses of a large set overlap here instead of coming one
  /// row at a time in ``accept(_:dateOffset:_:into:)``. Changes nothing
  /// but ``touched``; the order check is still made row by row.
  @inline(__always)
  mutating func touchPersons(
    _ rows: UnsafePointer<CanonicalCSVScanner.Row>, _ n: Int, _ b: Span<UInt8>, hashes: UnsafeMutablePointer<UInt64>
  ) {
    var k = 0
    b.withUnsafeBufferPointer { p in
      let base = p.baseAddress.unsafelyUnwrapped
      var low: UInt64 = 0, high: UInt64 = 0, count = -2
      var j = 0
      while j < n {
        let id = rows[j].row.personId
        let c = id.count
        if c <= 16 {
          let (l, h) = CurrentPersonId.words(base, id, p.count)
          let same = j == 0 ? currentPerson >= 0 && currentId.matches(low: l, high: h, count: c) : c == count && l == low && h == high
          if !same {
            hashes[k] = PersonIdSet.hash(low: l, high: h, count: c)
            k &+= 1
          }
          (low, high, count) = (l, h, c)
        } else {
          count = -2
        }
        j &+= 1
      }
    }
    touched ^= persons.touch(hashes, k)
  }
}
