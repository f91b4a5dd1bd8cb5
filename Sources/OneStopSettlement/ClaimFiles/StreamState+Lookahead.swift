/// Reading ahead: the person look-ups of rows read together, overlapped.
extension StreamState {
  /// A person id of at most 16 bytes as ``touchPersons(_:_:_:)``
  /// read it: its two words (``CurrentPersonId/words(_:_:_:)``) and its hash.
  struct ShortPersonId {
    var low: UInt64 = 0
    var high: UInt64 = 0
    var hash: UInt64 = 0
  }

  /// Working memory for reading ahead, for one ``SettlementStream`` feed:
  /// the rows read (`rows`), their person ids as read (`ids`) and the
  /// hashes of the new ones (`hashes`), `count` of each.
  struct Lookahead {
    let count: Int
    let rows: UnsafeMutablePointer<CanonicalCSVScanner.Row>
    let ids: UnsafeMutablePointer<ShortPersonId>
    let hashes: UnsafeMutablePointer<UInt64>

    /// Room for `count` rows (at least 1); release it with ``deallocate()``.
    init(count: Int) {
      self.count = count
      rows = .allocate(capacity: count)
      rows.initialize(repeating: CanonicalCSVScanner.Row(), count: count)
      ids = .allocate(capacity: count)
      ids.initialize(repeating: ShortPersonId(), count: count)
      hashes = .allocate(capacity: count)
    }

    /// Releases the memory (the value is then unusable).
    func deallocate() {
      rows.deinitialize(count: count)
      rows.deallocate()
      ids.deinitialize(count: count)
      ids.deallocate()
      hashes.deallocate()
    }
  }

  /// Reads the person ids of the first `n` rows of `ahead` into its `ids`
  /// (those of at most 16 bytes; a longer one leaves its entry as it was),
  /// hashing each id that differs from the row before's (the first row
  /// compared with the current person) into its `hashes` as well, then
  /// loads those new persons' first slots in ``persons`` together
  /// (``PersonIdSet/touch(_:_:)``): the cache misses of a large set overlap
  /// here instead of coming one row at a time in
  /// ``accept(_:dateOffset:id:_:into:)``, which takes each row's `ids` entry.
  /// Changes nothing but ``touched``; the order check is still made row by row.
  @inline(__always)
  mutating func touchPersons(_ ahead: Lookahead, _ n: Int, _ b: Span<UInt8>) {
    let (rows, ids, hashes) = (ahead.rows, ahead.ids, ahead.hashes)
    var k = 0
    b.withUnsafeBufferPointer { p in
      let base = p.baseAddress.unsafelyUnwrapped
      var last = ShortPersonId(), count = -2
      var j = 0
      while j < n {
        let id = rows[j].row.personId
        let c = id.count
        if c <= 16 {
          let (l, h) = CurrentPersonId.words(base, id, p.count)
          let same = j == 0 ? currentPerson >= 0 && currentId.matches(low: l, high: h, count: c) : c == count && l == last.low && h == last.high
          let hash = !same ? PersonIdSet.hash(low: l, high: h, count: c) : j == 0 ? currentHash : last.hash
          if !same {
            hashes[k] = hash
            k &+= 1
          }
          last = ShortPersonId(low: l, high: h, hash: hash)
          count = c
          ids[j] = last
        } else {
          count = -2
        }
        j &+= 1
      }
    }
    touched ^= persons.touch(hashes, k)
  }
}
