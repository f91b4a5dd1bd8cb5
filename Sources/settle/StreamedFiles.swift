import Foundation
import OneStopSettlement

/// Reads a file (or stdin for `-`) in chunks, for the streaming commands.
struct ChunkedReader {
  /// Chunk size: 4 MiB.
  static let chunkSize = 4 << 20
  let path: String
  private let handle: FileHandle
  /// File size in bytes (0 for stdin or unknown).
  let size: Int
  /// Bytes read so far.
  private(set) var bytesRead = 0

  init(path: String) throws {
    self.path = path
    if path == "-" {
      handle = FileHandle.standardInput
      size = 0
    } else {
      guard let h = FileHandle(forReadingAtPath: path) else { throw ValidationError("cannot read '\(path)'") }
      handle = h
      let attributes = try? FileManager.default.attributesOfItem(atPath: path)
      size = (attributes?[.size] as? NSNumber)?.intValue ?? 0
    }
  }

  /// Reads the next chunk into `buffer` (its whole size unless the file
  /// ends first) with `read(2)`: no `Data` is made or grown per chunk.
  ///
  /// - Returns: the bytes read, 0 at the end.
  private mutating func read(into buffer: inout [UInt8]) throws -> Int {
    let fd = handle.fileDescriptor
    var n = 0
    try buffer.withUnsafeMutableBytes { b in
      guard let base = b.baseAddress else { return }  // an empty buffer reads nothing
      while n < b.count {
        let r = Foundation.read(fd, base + n, b.count - n)
        if r == 0 { break }
        if r < 0 {
          if errno == EINTR { continue }
          throw ValidationError("cannot read '\(path)'")
        }
        n += r
      }
    }
    bytesRead += n
    return n
  }

  /// Streams the claims file at `path` into `body` with a progress line
  /// labelled `label`; a ``SettlementError`` is located in the file.
  ///
  /// - Returns: the time taken.
  static func stream(_ path: String, label: String, _ body: (Data, Bool) throws -> Void) throws -> Duration {
    try streamBytes(path, label: label) { bytes, isFinal in try body(Data(bytes), isFinal) }
  }

  /// ``stream(_:label:_:)`` handing on each chunk's bytes where they were
  /// read (two buffers of ``chunkSize``, reused).
  static func streamBytes(_ path: String, label: String, _ body: (UnsafeRawBufferPointer, Bool) throws -> Void) throws -> Duration {
    var reader = try ChunkedReader(path: path)
    var progress = Progress(label)
    defer { progress.finish() }
    do {
      try reader.forEachChunk(progress: &progress, body)
    } catch let e as SettlementError {
      throw e.inFile(path)
    }
    return progress.elapsed
  }

  /// Feeds every chunk to `body` (the last with `isFinal` true; an empty
  /// file as one empty final chunk).
  mutating func forEachChunk(progress: inout Progress, _ body: (UnsafeRawBufferPointer, Bool) throws -> Void) throws {
    var current = [UInt8](repeating: 0, count: Self.chunkSize)
    var pending = [UInt8](repeating: 0, count: Self.chunkSize)
    var n = try read(into: &current)
    if n == 0 { return try body(UnsafeRawBufferPointer(start: nil, count: 0), true) }
    while n > 0 {
      let next = try read(into: &pending)
      try current.withUnsafeBytes { b in try body(UnsafeRawBufferPointer(rebasing: b[0..<n]), next == 0) }
      progress.update(bytes: bytesRead, of: size)
      swap(&current, &pending)
      n = next
    }
  }
}

/// An output file that appears only when complete: written to
/// `PATH.partial` and renamed on ``commit()``; removed on failure, so a run
/// that stops on a bad row leaves no partial output.
final class AtomicOutput {
  let path: String
  private let temporary: String
  private let handle: FileHandle
  private var done = false

  init(path: String) throws {
    self.path = path
    temporary = path + ".partial"
    guard FileManager.default.createFile(atPath: temporary, contents: nil),
      let h = FileHandle(forWritingAtPath: temporary)
    else { throw ValidationError("cannot write '\(path)'") }
    handle = h
  }

  func write(_ bytes: ArraySlice<UInt8>) throws {
    guard !bytes.isEmpty else { return }
    try bytes.withUnsafeBytes { try handle.write(contentsOf: $0) }
  }

  func write(_ data: Data) throws { try handle.write(contentsOf: data) }

  /// Moves the finished file into place.
  func commit() throws {
    try handle.close()
    if FileManager.default.fileExists(atPath: path) { try FileManager.default.removeItem(atPath: path) }
    try FileManager.default.moveItem(atPath: temporary, toPath: path)
    done = true
  }

  deinit {
    if !done {
      try? handle.close()
      try? FileManager.default.removeItem(atPath: temporary)
    }
  }
}

/// A progress line on stderr for runs longer than a second.
struct Progress {
  let label: String
  private let start = ContinuousClock.now
  private var shown = false
  private var lastPercent = -1

  init(_ label: String) { self.label = label }

  /// Elapsed time so far.
  var elapsed: Duration { ContinuousClock.now - start }

  mutating func update(bytes: Int, of total: Int) {
    update(bytes, of: total, amount: "\(bytes >> 20) MiB")
  }

  /// Shows `done` of `total` (percent) with `amount` in words.
  mutating func update(_ done: Int, of total: Int, amount: String) {
    let seconds = elapsed
    guard seconds > .seconds(1) else { return }
    let percent = total > 0 ? min(100, done * 100 / total) : -1
    guard percent != lastPercent || !shown else { return }
    lastPercent = percent
    shown = true
    let text = percent >= 0 ? "\(label): \(percent)% (\(amount))" : "\(label): \(amount)"
    FileHandle.standardError.write(Data("\r\(text)   ".utf8))
  }

  /// Ends the progress line.
  mutating func finish() {
    if shown { FileHandle.standardError.write(Data("\n".utf8)) }
    shown = false
  }
}

/// Loads a policy table from a file.
enum Tables {
  static func load(_ path: String) throws -> PolicyTable {
    do {
      return try PolicyTable.decode(from: Files.read(path))
    } catch let e as SettlementError {
      throw SettlementError(e.code, at: e.jsonPath.isEmpty ? path : "\(path): \(e.jsonPath)", expected: e.expectation, found: e.found)
    }
  }
}

extension SettlementError {
  /// The error located in `file` (`claims.csv:12:41 (total)`).
  func inFile(_ file: String) -> SettlementError {
    SettlementError(code, at: jsonPath.isEmpty ? file : "\(file):\(jsonPath)", expected: expectation, found: found)
  }
}

/// Parses `--format csv|jsonl`.
func parseFormat(_ text: String?, default fallback: ClaimFileFormat) throws -> ClaimFileFormat {
  guard let text else { return fallback }
  guard let f = ClaimFileFormat(rawValue: text) else { throw ValidationError("'--format' expects csv or jsonl, got '\(text)'") }
  return f
}

/// The outputs of a parallel batch: part 0 in `PATH.partial`, part k in
/// `PATH.partial.k`; ``commit(parts:)`` appends the parts in order and moves
/// the file into place; on failure every file is removed.
///
/// `@unchecked Sendable`: each part's handle is written by one worker only,
/// and `commit` runs after every worker has finished.
final class PartOutputs: @unchecked Sendable {
  private let first: AtomicOutput
  private let paths: [String]
  private let handles: [FileHandle]
  private var failure: (any Error)?
  private let lock = NSLock()

  init(path: String, count: Int) throws {
    first = try AtomicOutput(path: path)
    var paths: [String] = [], handles: [FileHandle] = []
    for k in 1..<max(count, 1) {
      let p = path + ".partial.\(k)"
      guard FileManager.default.createFile(atPath: p, contents: nil), let h = FileHandle(forWritingAtPath: p) else {
        throw ValidationError("cannot write '\(p)'")
      }
      paths.append(p); handles.append(h)
    }
    self.paths = paths
    self.handles = handles
  }

  /// Writes part `k`'s bytes (called from part `k`'s worker only).
  func write(_ k: Int, _ bytes: ArraySlice<UInt8>) {
    guard !bytes.isEmpty else { return }
    do {
      if k == 0 { try first.write(bytes) } else { try handles[k - 1].write(contentsOf: Data(bytes)) }
    } catch {
      lock.lock(); failure = failure ?? error; lock.unlock()
    }
  }

  /// Appends parts 1..<`parts` to part 0 and moves it into place.
  func commit(parts: Int) throws {
    if let failure { throw failure }
    for (k, h) in handles.enumerated() {
      try h.close()
      guard k + 1 < parts, let reader = FileHandle(forReadingAtPath: paths[k]) else { continue }
      while let chunk = try reader.read(upToCount: ChunkedReader.chunkSize), !chunk.isEmpty { try first.write(chunk) }
      try reader.close()
    }
    try first.commit()
  }

  deinit {
    for (h, p) in zip(handles, paths) {
      try? h.close()
      try? FileManager.default.removeItem(atPath: p)
    }
  }
}

/// Writes a whole file atomically.
func writeFile(_ data: Data, to path: String) throws {
  let out = try AtomicOutput(path: path)
  try out.write(data)
  try out.commit()
}

/// Writes skipped rows to `path` (default `claims.rejects.csv`) and says how many.
func writeRejects(_ rejects: ArraySlice<UInt8>, count: Int, to path: String?, claims: String) throws {
  let target = path ?? claims + ".rejects.csv"
  try writeFile(Data(rejects), to: target)
  FileHandle.standardError.write(Data("\(count) rows rejected (\(target))\n".utf8))
}
