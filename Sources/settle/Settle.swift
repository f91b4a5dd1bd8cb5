import Foundation
import OneStopSettlement

/// `settle` — the command-line front end of OneStopSettlement.
///
/// Shaped like an argument-parser command without the dependency: a static
/// table of subcommands, each a nested type in its own `Settle+Name.swift`,
/// a `validate` step separate from `run`, and one function that maps any
/// error to stderr text and an exit code. Only the CLI does file I/O.
@main
struct Settle {
  /// Every subcommand, in the order `--help` lists them.
  static var subcommands: [any SettleCommand.Type] { [
    ClaimCommand.self,
    ValidateCommand.self,
    ReverseCommand.self,
    RegionsCommand.self,
    DemoCommand.self,
    PremiumCommand.self,
    FamilyDoctorCommand.self,
    BatchCommand.self,
    SynthCommand.self,
    SimulateCommand.self,
    IndicatorsCommand.self,
  ] }

  static func main() {
    var args = Array(CommandLine.arguments.dropFirst())
    guard let first = args.first, !["-h", "--help", "help"].contains(first) else {
      print(usage())
      exit(args.isEmpty ? ExitCode.validationFailure.rawValue : ExitCode.success.rawValue)
    }
    args.removeFirst()
    guard let command = subcommands.first(where: { $0.name == first }) else {
      fail(ValidationError("unknown command '\(first)'\n\n" + usage()))
    }
    if args.contains("--help") || args.contains("-h") {
      print(command.help)
      exit(ExitCode.success.rawValue)
    }
    do {
      var parser = ArgumentParser(args)
      var c = try command.init(parsing: &parser)
      try parser.finish()
      try c.validate()
      try c.run()
    } catch {
      fail(error)
    }
  }

  static func usage() -> String {
    var s = """
      settle — 一站式结算 (one-stop settlement) engine

      USAGE: settle <command> [options]

      COMMANDS:

      """
    let width = max(12, (subcommands.map { $0.name.count }.max() ?? 0) + 2)
    for c in subcommands { s += "  " + c.name.padding(toLength: width, withPad: " ", startingAt: 0) + c.abstract + "\n" }
    s += "\nRun 'settle <command> --help' for a command's options."
    return s
  }

  /// Maps any error to a message on stderr and an exit code; never returns.
  static func fail(_ error: any Error) -> Never {
    let (message, code): (String, ExitCode)
    switch error {
    case let e as SettlementError: (message, code) = ("error: \(e)", .failure)
    case let e as ValidationError: (message, code) = ("error: \(e.message)", .validationFailure)
    default: (message, code) = ("error: \(error)", .failure)
    }
    FileHandle.standardError.write(Data((message + "\n").utf8))
    exit(code.rawValue)
  }
}

/// One subcommand of `settle`.
protocol SettleCommand {
  /// The word that selects it (`claim`).
  static var name: String { get }
  /// One line for the command list.
  static var abstract: String { get }
  /// The full `--help` text.
  static var help: String { get }
  /// Parses options and arguments.
  init(parsing parser: inout ArgumentParser) throws
  /// Checks option combinations before running.
  mutating func validate() throws
  /// Does the work.
  func run() throws
}

extension SettleCommand {
  mutating func validate() throws {}
}

/// A usage error: bad options or arguments (exit code 64, `EX_USAGE`).
struct ValidationError: Error {
  var message: String
  init(_ message: String) { self.message = message }
}

/// Process exit codes.
struct ExitCode: RawRepresentable {
  var rawValue: Int32
  static let success = ExitCode(rawValue: 0)
  static let failure = ExitCode(rawValue: 1)
  static let validationFailure = ExitCode(rawValue: 64)
}
