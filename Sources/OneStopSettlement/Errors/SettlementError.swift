/// 结算错误 — the one error type of this library.
///
/// Shaped like `Errno`: an extensible ``Code`` plus a payload naming where
/// the problem is (`jsonPath`, e.g. `layers[2].segments[1].rate`) and what
/// was expected. Public entry points throw it with typed throws, so callers
/// can switch on the code:
///
///     do { _ = try PolicyTable.decode(from: data) }
///     catch SettlementError.Code.unknownKey { … }
///
/// The ``description`` is the message a user sees.
public struct SettlementError: Error, Hashable, Sendable, CustomStringConvertible {
  /// A category of error. Extensible: new codes are new `static let`s.
  public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    /// The stable machine-readable name, e.g. `"unknownKey"`.
    public var rawValue: String
    /// Creates a code from its name.
    public init(rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }

    /// The input is not valid JSON.
    public static let malformedJSON = Code(rawValue: "malformedJSON")
    /// A required field is missing.
    public static let missingField = Code(rawValue: "missingField")
    /// A field has the wrong type or an invalid value.
    public static let invalidValue = Code(rawValue: "invalidValue")
    /// A number is not an exact decimal of the allowed precision.
    public static let invalidNumber = Code(rawValue: "invalidNumber")
    /// An object has a key the schema does not define.
    public static let unknownKey = Code(rawValue: "unknownKey")
    /// The table's `schemaVersion` is not one this library reads.
    public static let unsupportedSchema = Code(rawValue: "unsupportedSchema")
    /// A rate lies outside 0…1.
    public static let rateOutOfRange = Code(rawValue: "rateOutOfRange")
    /// An amount is negative or above ``Money/maximumFen``.
    public static let amountOutOfRange = Code(rawValue: "amountOutOfRange")
    /// Segments are not strictly increasing or overlap.
    public static let unsortedSegments = Code(rawValue: "unsortedSegments")
    /// A table references an identity, level or layer it does not define.
    public static let undefinedReference = Code(rawValue: "undefinedReference")
    /// A table defines the same identifier or code twice.
    public static let duplicateDefinition = Code(rawValue: "duplicateDefinition")
    /// A claim's code (identity, hospital level …) is not mapped by the table.
    public static let unknownCode = Code(rawValue: "unknownCode")
    /// A claim's amounts do not add up (four-way split ≠ total).
    public static let inconsistentAmounts = Code(rawValue: "inconsistentAmounts")
    /// A date is malformed or out of order.
    public static let invalidDate = Code(rawValue: "invalidDate")
    /// The table's validity range does not cover the claim's date.
    public static let dateNotCovered = Code(rawValue: "dateNotCovered")
    /// No layer of the table applies to the claim.
    public static let noApplicableLayer = Code(rawValue: "noApplicableLayer")
    /// Year-to-date accumulators do not fit the claim or the table.
    public static let invalidAccumulators = Code(rawValue: "invalidAccumulators")
    /// An exact computation left the 64-bit range.
    public static let arithmeticOverflow = Code(rawValue: "arithmeticOverflow")
    /// A settlement invariant failed (a bug, reported rather than trapped).
    public static let invariantViolation = Code(rawValue: "invariantViolation")
  }

  /// What went wrong.
  public var code: Code
  /// Where, as a JSON path (`layers[1].segments[0].rate`); empty if unknown.
  public var jsonPath: String
  /// What was expected there.
  public var expectation: String
  /// What was found, when it helps (`"1.5"`); empty otherwise.
  public var found: String

  /// Creates an error.
  public init(_ code: Code, at jsonPath: String = "", expected: String, found: String = "") {
    self.code = code
    self.jsonPath = jsonPath
    self.expectation = expected
    self.found = found
  }

  /// The same error located under `prefix` (`"claim"` + `amounts.total`).
  public func located(under prefix: String) -> SettlementError {
    var e = self
    if prefix.isEmpty { return e }
    if e.jsonPath.isEmpty { e.jsonPath = prefix }
    else if e.jsonPath.hasPrefix("[") { e.jsonPath = prefix + e.jsonPath }
    else { e.jsonPath = prefix + "." + e.jsonPath }
    return e
  }

  /// `unknownKey at layers[0].ratoi: expected one of …`.
  public var description: String {
    var s = code.rawValue
    if !jsonPath.isEmpty { s += " at \(jsonPath)" }
    s += ": expected \(expectation)"
    if !found.isEmpty { s += ", found \(found)" }
    return s
  }
}

extension SettlementError.Code {
  /// Lets callers write `catch SettlementError.Code.unknownKey`.
  public static func ~= (code: SettlementError.Code, error: any Error) -> Bool {
    (error as? SettlementError)?.code == code
  }
}
