@testable import OneStopSettlement
import Testing

/// Packed item codes and the collision-free table the compiled catalogue
/// looks them up in: every listed code found at its own index, every other
/// code not found — also when many codes share a bucket, a start slot, or
/// collide outright under the first seed.
@Suite struct ItemCodeTableTests {
  static let rule = LineRule(itemClass: .classA, payFirstRatio: .zero, priceCap: nil, restricted: false)

  static func table(_ codes: [ItemCode]) throws -> ItemCodeTable {
    try ItemCodeTable(codes.map { ($0, rule) })
  }

  /// Every code of `listed` at its index, none of `others`.
  static func expectLookups(_ table: ItemCodeTable, listed: [ItemCode], others: [ItemCode]) {
    for (i, code) in listed.enumerated() {
      #expect(table.slot(of: code).map { Int($0.pointee.index) } == i, "\(code)")
    }
    for code in others { #expect(table.slot(of: code) == nil, "\(code)") }
  }

  /// Distinct codes in the style of national drug codes (`XJ01CAA040A001010104463`).
  static func nationalCodes(_ range: Range<Int>, prefix: String = "XJ01CAA040A0010") -> [ItemCode] {
    range.map { n in
      let digits = String(n)
      return ItemCode(prefix + String(repeating: "0", count: max(0, 8 - digits.count)) + digits)!
    }
  }

  @Test func packsUpToThirtyTwoASCIICharacters() throws {
    for text in ["", "A", "XJ01CAA040A001010104463", "C0101010010000000000000000001", String(repeating: "9", count: 32)] {
      #expect(ItemCode(text)?.description == text)
    }
    #expect(ItemCode(String(repeating: "9", count: 33)) == nil)
    #expect(ItemCode("阿莫西林") == nil)
    #expect(ItemCode("A\u{0}B") == nil)
    #expect(ItemCode("AB") != ItemCode("AB\u{1}"))
    #expect(ItemCode("XJ01CAA040A001010104463") == ItemCode("XJ01CAA040A001010104463"))
    #expect(ItemCode("XJ01CAA040A001010104463") != ItemCode("XJ01CAA040A001010104464"))
    #expect(throws: SettlementError.self) { try ItemCode(String(repeating: "9", count: 33), at: "x") }
    do {
      _ = try ItemCode("药品", at: "feedetail[4].med_list_codg")
      Issue.record("non-ASCII code packed")
    } catch {
      #expect(error.code == .invalidValue && error.jsonPath == "feedetail[4].med_list_codg" && error.found == "药品")
    }
  }

  @Test func recordsFitACacheLine() {
    #expect(MemoryLayout<ItemSlot>.stride == 64)
    #expect(MemoryLayout<PackedFeeLine>.stride == 64)
  }

  @Test func findsEveryListedCodeAndNoOther() throws {
    let listed = Self.nationalCodes(0..<20_000)
    let table = try Self.table(listed)
    // Same prefix, other numbers; other prefixes; one character more or less.
    let others = Self.nationalCodes(20_000..<30_000) + Self.nationalCodes(0..<5_000, prefix: "XJ01CAA040A0011")
      + [ItemCode("")!, ItemCode("XJ01CAA040A00100000000")!, ItemCode("XJ01CAA040A0010000000000")!]
    Self.expectLookups(table, listed: listed, others: others)
    #expect(table.capacity >= 2 * listed.count)
  }

  @Test func emptyAndTinyTables() throws {
    Self.expectLookups(try Self.table([]), listed: [], others: [ItemCode("")!, ItemCode("A")!])
    // The empty code is a code like any other: found when listed, and an
    // empty slot (all zero) never passes for it.
    Self.expectLookups(try Self.table([ItemCode("")!]), listed: [ItemCode("")!], others: [ItemCode("A")!])
    Self.expectLookups(try Self.table([ItemCode("A")!]), listed: [ItemCode("A")!], others: [ItemCode("")!, ItemCode("B")!])
  }

  @Test func duplicateCodesAreRefused() {
    #expect {
      try Self.table([ItemCode("A")!, ItemCode("B")!, ItemCode("A")!])
    } throws: { e in
      if case .duplicate(index: 2) = e as? ItemCodeTable.BuildFailure { return true }
      return false
    }
  }

  // A table of 256 codes has 64 buckets and 512 slots; candidates are
  // searched for codes that collide in it under seed 0.
  static let size = 256, buckets = 64, capacity = 512

  static func candidates(_ n: Int) -> [ItemCode] { nationalCodes(0..<n, prefix: "T00") }

  @Test func manyCodesInOneBucket() throws {
    let all = Self.candidates(20_000)
    let placements = all.map { ItemCodeTable.placement($0, buckets: Self.buckets, seed: 0) }
    let crowd = Array(all.indices.filter { placements[$0].bucket == 0 }.prefix(40).map { all[$0] })
    #expect(crowd.count == 40)  // ten times the usual four
    let fillers = all.indices.filter { placements[$0].bucket != 0 }.prefix(Self.size - crowd.count).map { all[$0] }
    let listed = crowd + fillers
    let table = try Self.table(listed)
    #expect(table.bucketCount == Self.buckets && table.capacity == Self.capacity)
    let strangers = all.indices.filter { placements[$0].bucket == 0 }.dropFirst(40).prefix(200).map { all[$0] }
    Self.expectLookups(table, listed: listed, others: strangers)
  }

  @Test func codesWithTheSameStartSlot() throws {
    let all = Self.candidates(60_000)
    var byStart: [Int: [ItemCode]] = [:]
    for code in all {
      let p = ItemCodeTable.placement(code, buckets: Self.buckets, seed: 0)
      byStart[p.bucket * Self.capacity + p.slot(0, capacity: Self.capacity), default: []].append(code)
    }
    // The codes of the fullest (bucket, start slot): same bucket, same slot at displacement 0.
    let same = try #require(byStart.values.max { $0.count < $1.count })
    #expect(same.count >= 3)
    let listed = same + all.filter { !same.contains($0) }.prefix(Self.size - same.count)
    Self.expectLookups(try Self.table(listed), listed: listed, others: Array(all.suffix(1_000)))
  }

  @Test func codesThatCollideUnderEverySlotOfTheFirstSeedGetAnotherSeed() throws {
    // Two codes with the same bucket and start under seed 0 land on the
    // same slot whatever the displacement: seed 0 cannot lay them out.
    let all = Self.candidates(30_000)
    var seen: [[UInt64]: ItemCode] = [:]
    var pair: (ItemCode, ItemCode)? = nil
    for code in all {
      let p = ItemCodeTable.placement(code, buckets: Self.buckets, seed: 0)
      let key = [UInt64(p.bucket), p.start & UInt64(Self.capacity - 1)]
      if let other = seen[key] { pair = (other, code); break }
      seen[key] = code
    }
    let (a, b) = try #require(pair)
    let listed = [a, b] + all.filter { $0 != a && $0 != b }.prefix(Self.size - 2)
    #expect(ItemCodeTable.layout(listed, capacity: Self.capacity, buckets: Self.buckets, seed: 0) == nil)
    let table = try Self.table(listed)
    #expect(table.seed > 0)
    Self.expectLookups(table, listed: listed, others: Array(all.suffix(1_000)))
  }
}
