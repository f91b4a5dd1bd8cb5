extension KeyedDecodingContainer {
  /// Throws ``SettlementError/Code/unsupportedSchema`` unless `key` holds
  /// the schema version this library reads (``PolicyTable/schemaVersion``).
  func requireSchemaVersion(_ key: Key) throws {
    let version = try decode(Int.self, forKey: key)
    guard version == PolicyTable.schemaVersion else {
      throw SettlementError(.unsupportedSchema, at: key.stringValue, expected: "\(PolicyTable.schemaVersion)", found: "\(version)")
    }
  }
}
