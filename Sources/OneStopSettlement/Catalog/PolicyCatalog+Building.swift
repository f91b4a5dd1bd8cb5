import Foundation

/// Builds a ``PolicyCatalog``: sorts files into regions, checks each
/// region's dates, then resolves and compiles every effective period.
struct CatalogBuilder {
  let files: [String: Data]

  func build() throws(SettlementError) -> [PolicyRegion] {
    var manifests: [String: RegionManifest] = [:]
    var versionFiles: [String: [String]] = [:]
    for path in files.keys.sorted() {
      let parts = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
      guard path.hasSuffix(".json"), !parts.contains("cases") else { continue }
      guard !parts.contains(where: { $0.isEmpty || $0 == "." || $0 == ".." }), parts.count >= 2 else {
        throw SettlementError(.invalidValue, at: path, expected: "a relative path inside a region directory (province/…/file.json)")
      }
      let dir = parts.dropLast().joined(separator: "/")
      if parts.last == "region.json" {
        do throws(SettlementError) { manifests[dir] = try JSONInput.decode(RegionManifest.self, from: files[path] ?? Data()) }
        catch { throw error.inFile(path) }
      } else {
        versionFiles[dir, default: []].append(path)
      }
    }
    for (dir, paths) in versionFiles where manifests[dir] == nil {
      throw SettlementError(.undefinedReference, at: paths[0], expected: "a region.json in \(dir)/", found: "none")
    }
    // Parents before children: by depth, then id.
    let ids = manifests.keys.sorted { ($0.split(separator: "/").count, $0) < ($1.split(separator: "/").count, $1) }
    var built: [String: PolicyRegion] = [:]
    for id in ids {
      guard let manifest = manifests[id] else { continue }
      var versions: [TableVersion] = []
      for path in versionFiles[id] ?? [] {
        versions.append(try TableVersion.decode(file: path, region: id, from: files[path] ?? Data()))
      }
      versions.sort { $0.validFrom < $1.validFrom }
      try Self.checkDates(versions, region: id, continuous: manifest.continuous)
      let parent = Self.parent(of: id, in: manifests)
      var region = PolicyRegion(id: id, parent: parent, manifest: manifest, versions: versions, periods: [])
      let chain = Self.ancestors(parent: parent, in: built) + [region]
      region.periods = try resolvePeriods(chain)
      if manifest.continuous { try Self.checkCoverage(region) }
      built[id] = region
    }
    return built.keys.sorted().compactMap { built[$0] }
  }

  /// The nearest ancestor directory that is a region.
  static func parent(of id: String, in manifests: [String: RegionManifest]) -> String? {
    var parts = id.split(separator: "/").map(String.init)
    while parts.count > 1 {
      parts.removeLast()
      let candidate = parts.joined(separator: "/")
      if manifests[candidate] != nil { return candidate }
    }
    return nil
  }

  /// The ancestors of a region whose parent is `parent`, province first.
  static func ancestors(parent: String?, in built: [String: PolicyRegion]) -> [PolicyRegion] {
    var chain: [PolicyRegion] = []
    var next = parent.flatMap { built[$0] }
    while let r = next {
      chain.insert(r, at: 0)
      next = r.parent.flatMap { built[$0] }
    }
    return chain
  }

  /// Versions never overlap; a continuous region's leave no gap.
  static func checkDates(_ versions: [TableVersion], region: String, continuous: Bool) throws(SettlementError) {
    guard let first = versions.first else {
      throw SettlementError(.missingField, at: "\(region)/", expected: "at least one version file beside region.json")
    }
    var previous = first
    for v in versions.dropFirst() {
      if v.validFrom <= previous.validTo {
        throw SettlementError(.overlappingVersions, at: v.file,
          expected: "validFrom after \(previous.validTo), the last day of \(previous.file)", found: v.validFrom.description)
      }
      if continuous, v.validFrom.dayNumber != previous.validTo.dayNumber + 1 {
        throw SettlementError(.versionGap, at: v.file,
          expected: "validFrom the day after \(previous.validTo), the last day of \(previous.file) (region \(region) is continuous)",
          found: v.validFrom.description)
      }
      previous = v
    }
  }

  /// A continuous region's periods cover its own versions' whole span.
  static func checkCoverage(_ region: PolicyRegion) throws(SettlementError) {
    guard let first = region.versions.first, let last = region.versions.last else { return }
    var expectedStart = first.validFrom
    for p in region.periods {
      guard p.validFrom == expectedStart else {
        throw SettlementError(.versionGap, at: region.id,
          expected: "a table from \(expectedStart) (region \(region.id) is continuous; an ancestor has no version then)",
          found: "next table from \(p.validFrom)")
      }
      guard let next = try? p.validTo.adding(days: 1) else { return }
      expectedStart = next
    }
    guard let end = region.periods.last?.validTo, end >= last.validTo else {
      throw SettlementError(.versionGap, at: region.id,
        expected: "tables up to \(last.validTo) (region \(region.id) is continuous; an ancestor has no version then)",
        found: region.periods.last.map { "last table ends \($0.validTo)" } ?? "no table")
    }
  }

  /// The periods on which one version of each region of `chain` applies.
  func resolvePeriods(_ chain: [PolicyRegion]) throws(SettlementError) -> [RegionalPolicy] {
    var bounds = Set<Int>()
    for r in chain {
      for v in r.versions {
        bounds.insert(v.validFrom.dayNumber)
        bounds.insert(v.validTo.dayNumber + 1)
      }
    }
    let days = bounds.sorted()
    var periods: [RegionalPolicy] = []
    for (start, end) in zip(days, days.dropFirst()) {
      var indices: [Int] = []
      for r in chain {
        guard let i = r.versions.firstIndex(where: { $0.validFrom.dayNumber <= start && start <= $0.validTo.dayNumber }) else { break }
        indices.append(i)
      }
      guard indices.count == chain.count else { continue }
      periods.append(try resolve(chain, indices: indices, from: try CivilDate(dayNumber: start), to: try CivilDate(dayNumber: end - 1)))
    }
    return periods
  }

  /// Merges, decodes and compiles one period.
  func resolve(_ chain: [PolicyRegion], indices: [Int], from: CivilDate, to: CivilDate) throws(SettlementError) -> RegionalPolicy {
    guard let leaf = chain.last, let leafIndex = indices.last else {
      throw SettlementError(.invariantViolation, expected: "a non-empty region chain")
    }
    let id = "\(leaf.id)@\(from)"
    var applied: [TableVersion] = []
    for (r, i) in zip(chain, indices) { applied += r.versions[...i] }
    let files = applied.map(\.file)
    func located(_ e: SettlementError, _ section: String) -> SettlementError {
      var e = e.located(under: section).inFile(id)
      e.expectation += " (merged from " + files.joined(separator: " + ") + ")"
      return e
    }
    var table: JSONValue = .object([])
    var regional: JSONValue = .object([])
    for v in applied {
      do throws(SettlementError) { table = try JSONMerge.apply(v.tableOverlay, to: table) } catch { throw located(error, "\(v.file): table") }
      do throws(SettlementError) { regional = try JSONMerge.apply(v.regionalOverlay, to: regional) } catch { throw located(error, "\(v.file): regional") }
    }
    let leafVersion = leaf.versions[leafIndex]
    let header: [JSONValue.Member] = [
      .init("schemaVersion", .number("\(PolicyTable.schemaVersion)")), .init("id", .string(id)),
      .init("name", .string(leafVersion.name)), .init("validFrom", .string(from.description)),
      .init("validTo", .string(to.description)),
    ]
    let policyTable: PolicyTable
    let engine: SettlementEngine
    let rules: RegionalRules
    do throws(SettlementError) {
      policyTable = try PolicyTable.decode(from: JSONValue.object(header + (table.members ?? [])).serialized())
      engine = try SettlementEngine(table: policyTable)
    } catch { throw located(error, "table") }
    do throws(SettlementError) { rules = try RegionalRules.decode(from: regional.serialized(), for: policyTable) }
    catch { throw located(error, "regional") }
    return RegionalPolicy(
      region: leaf.id, id: id, validFrom: from, validTo: to,
      versions: zip(chain, indices).map { $0.versions[$1] }, files: files,
      table: policyTable, rules: rules, engine: engine)
  }
}
