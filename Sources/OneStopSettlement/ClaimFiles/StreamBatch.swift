/// One accepted row of a claims file, as consumers need it once it has
/// settled: where it is, its ids (byte ranges into the scanner's buffer),
/// its date and income, and whether it starts a person.
struct StreamRow: Sendable {
  /// Line number, from 1.
  var line: Int
  /// Offset of the line's first byte in the buffer.
  var lineStart: Int
  var claimId: ByteRange
  var personId: ByteRange
  /// `yyyymmdd` (after any year shift).
  var date: Int32
  /// Annual income in fen, `-1` when absent.
  var income: Int64
  /// The row is its person's first accepted row.
  var startsPerson: Bool
  /// The bytes of the line that render `claim_id,person_id,date` as the
  /// CSV result row writes them (set by ``CanonicalCSVScanner``; empty =
  /// render them).
  var verbatim = ByteRange.empty
  /// The bytes of the line that render `total` as the result row writes it
  /// (empty = render it).
  var totalText = ByteRange.empty
  /// The bytes of the line that render `in_policy` as the result row writes
  /// it (empty = render it).
  var inPolicyText = ByteRange.empty
}

/// The rows a ``SettlementStream`` has accepted and not yet handed on: each
/// row's ``StreamRow``, its ``PreparedClaim`` under every engine and where
/// each person's rows start; once settled, every row's amounts under every
/// engine: column by column as the engine wrote them
/// (``withAmountColumns(engine:_:)``), or row by row (the layers' payments,
/// then the fund total, then the patient share: ``amounts(engine:_:)``,
/// copied into that order at the first call of a batch).
///
/// Storage is allocated once for ``capacity`` rows and reused batch after
/// batch, so memory is bounded by the capacity, never by the file. A
/// reference type: the stream that owns it is not copied while in use.
final class StreamBatch {
  /// Rows per batch.
  let capacity: Int
  /// Layers per engine.
  let layerCounts: [Int]
  /// Rows accepted.
  private(set) var count = 0
  /// Persons whose rows are in the batch (the first may continue from the
  /// previous batch: see ``StreamRow/startsPerson``).
  private(set) var personCount = 0
  private let rowStorage: UnsafeMutablePointer<StreamRow>
  private let starts: UnsafeMutablePointer<Int>
  /// Engine `k`'s claims at `k × capacity`.
  private let claimStorage: UnsafeMutablePointer<PreparedClaim>
  /// Engine `k`'s accumulators per person at `k × capacity`.
  private let yearToDateStorage: UnsafeMutablePointer<YearToDate>
  /// Engine `k`'s amounts, `row × (layers + 2)`, from `resultOffsets[k]`.
  private let resultStorage: UnsafeMutablePointer<Int64>
  private let resultOffsets: [Int]
  /// Per engine: the engine's output of the batch (reused batch after batch).
  private var columns: [SettlementColumns]
  /// Per engine: the amounts are in `resultStorage` (row by row).
  private var spread: [Bool]
  /// `YearToDate()` is all zero bytes (fresh accumulators are then made
  /// with one `memset` per batch instead of one copy per person).
  private static let freshIsZero = withUnsafeBytes(of: YearToDate()) { $0.allSatisfy { $0 == 0 } }

  /// Storage for `capacity` rows settled by engines of `layerCounts` layers.
  init(capacity: Int, layerCounts: [Int]) {
    let capacity = max(capacity, 1)
    self.capacity = capacity
    self.layerCounts = layerCounts
    let engines = layerCounts.count
    rowStorage = .allocate(capacity: capacity)
    starts = .allocate(capacity: capacity)
    claimStorage = .allocate(capacity: capacity * max(engines, 1))
    yearToDateStorage = .allocate(capacity: capacity * max(engines, 1))
    var offsets: [Int] = []
    var n = 0
    for layers in layerCounts {
      offsets.append(n)
      n += capacity * (layers + 2)
    }
    resultOffsets = offsets
    resultStorage = .allocate(capacity: max(n, 1))
    columns = Array(repeating: SettlementColumns(), count: engines)
    spread = Array(repeating: false, count: engines)
  }

  deinit {
    rowStorage.deallocate()
    starts.deallocate()
    claimStorage.deallocate()
    yearToDateStorage.deallocate()
    resultStorage.deallocate()
  }

  /// Whether no more rows fit.
  var isFull: Bool { count == capacity }

  /// Row `j` (`j < count`).
  @inline(__always)
  func row(_ j: Int) -> StreamRow { rowStorage[j] }

  /// Engine `k`'s claim of row `j`.
  @inline(__always)
  func claim(engine k: Int, _ j: Int) -> PreparedClaim { claimStorage[k &* capacity &+ j] }

  /// Where engine `k`'s claim of the next row goes (valid until ``append(_:)``).
  @inline(__always)
  func nextClaim(engine k: Int) -> UnsafeMutablePointer<PreparedClaim> { claimStorage + (k &* capacity &+ count) }

  /// Engine `k`'s amounts of row `j`: each layer's payment, then the fund
  /// total, then the patient share (fen).
  @inline(__always)
  func amounts(engine k: Int, _ j: Int) -> UnsafePointer<Int64> {
    if !spread[k] { spreadAmounts(engine: k) }
    return UnsafePointer(resultStorage + (resultOffsets[k] &+ j &* (layerCounts[k] &+ 2)))
  }

  /// Calls `body` with engine `k`'s amounts column by column, as the engine
  /// wrote them (``SettlementColumns``): column `i < layers` is what layer
  /// `i` paid, then the fund totals, then the patient shares; each column
  /// holds ``count`` rows.
  func withAmountColumns<R>(engine k: Int, _ body: (UnsafeBufferPointer<UnsafePointer<Int64>>) -> R) -> R {
    let c = columns[k]
    var pointers: [UnsafePointer<Int64>] = []
    pointers.reserveCapacity(layerCounts[k] &+ 2)
    // Each column's pointer is taken inside its own `withUnsafeBufferPointer`,
    // and all are used inside the innermost.
    func nest(_ i: Int) -> R {
      let column = i < layerCounts[k] ? c.amounts(layer: i) : i == layerCounts[k] ? c.fundTotals : c.patients
      return column.withUnsafeBufferPointer { p in
        pointers.append(p.baseAddress.unsafelyUnwrapped)
        return i &+ 1 < layerCounts[k] &+ 2 ? nest(i &+ 1) : pointers.withUnsafeBufferPointer(body)
      }
    }
    return nest(0)
  }

  /// Accepts a copy of `row` as the next row, its ``StreamRow/startsPerson``
  /// set to `startsPerson` (its claims already at ``nextClaim(engine:)``).
  @inline(__always)
  func append(_ row: UnsafePointer<StreamRow>, startsPerson: Bool) {
    if startsPerson || count == 0 {
      starts[personCount] = count
      personCount &+= 1
    }
    (rowStorage + count).initialize(to: row.pointee)
    rowStorage[count].startsPerson = startsPerson
    count &+= 1
  }

  /// Forgets the rows (after they were handed on).
  func removeAll() {
    count = 0
    personCount = 0
  }

  /// Settles the batch's claims under engine `k` with the person API,
  /// the first person starting from `carried` when they continue from the
  /// previous batch, and keeps the amounts; `carried` then holds the last
  /// person's accumulators.
  ///
  /// - Throws: the engine's error; `carried` and the amounts are then
  ///   unchanged / unspecified.
  func settle(engine k: Int, _ engine: SettlementEngine, carried: inout YearToDate) throws(SettlementError) {
    let n = count, persons = personCount
    guard n > 0 else { return }
    spread[k] = false
    let ytd = yearToDateStorage + k &* capacity
    ytd.initialize(to: rowStorage[0].startsPerson ? YearToDate() : carried)
    if persons > 1 {
      if Self.freshIsZero {
        UnsafeMutableRawPointer(ytd + 1).initializeMemory(as: UInt8.self, repeating: 0, count: (persons &- 1) &* MemoryLayout<YearToDate>.stride)
      } else {
        (ytd + 1).initialize(repeating: YearToDate(), count: persons &- 1)
      }
    }
    try engine.settle(
      UnsafeBufferPointer(start: claimStorage + k &* capacity, count: n), personStarts: UnsafeBufferPointer(start: starts, count: persons),
      yearToDate: UnsafeMutableBufferPointer(start: ytd, count: persons), into: &columns[k])
    carried = ytd[persons &- 1]
  }

  /// Copies engine `k`'s amounts into `resultStorage`, row by row: layer
  /// amounts, fund total, patient share.
  private func spreadAmounts(engine k: Int) {
    let width = layerCounts[k] &+ 2
    let out = resultStorage + resultOffsets[k]
    let columns = self.columns[k]
    for layer in 0..<layerCounts[k] { Self.spread(columns.amounts(layer: layer), out + layer, width) }
    Self.spread(columns.fundTotals, out + (width &- 2), width)
    Self.spread(columns.patients, out + (width &- 1), width)
    spread[k] = true
  }

  /// Writes `column[j]` to `out[j × width]`.
  @inline(__always)
  private static func spread(_ column: ArraySlice<Int64>, _ out: UnsafeMutablePointer<Int64>, _ width: Int) {
    column.withUnsafeBufferPointer { c in
      var o = out
      for a in c {
        o.pointee = a
        o += width
      }
    }
  }
}
