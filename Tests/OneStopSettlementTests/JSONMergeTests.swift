import Foundation
import OneStopSettlement
import Testing

@Suite struct JSONMergeTests {
  func merge(_ overlay: String, onto base: String) throws -> JSONValue {
    try JSONMerge.apply(JSONValue.parse(Data(overlay.utf8)), to: JSONValue.parse(Data(base.utf8)))
  }

  func json(_ text: String) throws -> JSONValue { try JSONValue.parse(Data(text.utf8)) }

  @Test func objectsMergeByKeyAndNullDeletes() throws {
    let r = try merge(#"{"b": {"y": 3}, "c": null, "d": 4}"#, onto: #"{"a": 1, "b": {"x": 1, "y": 2}, "c": 5}"#)
    #expect(r == (try json(#"{"a": 1, "b": {"x": 1, "y": 3}, "d": 4}"#)))
  }

  @Test func idArraysMergeByIDKeepingPosition() throws {
    let r = try merge(
      #"{"layers": [{"id": "b", "ratio": 0.8}, {"id": "d", "ratio": 0.1}, {"id": "a", "$delete": true}]}"#,
      onto: #"{"layers": [{"id": "a"}, {"id": "b", "ratio": 0.7, "note": "n"}, {"id": "c"}]}"#)
    #expect(r == (try json(#"{"layers": [{"id": "b", "ratio": 0.8, "note": "n"}, {"id": "c"}, {"id": "d", "ratio": 0.1}]}"#)))
  }

  @Test func otherArraysAndScalarsReplace() throws {
    let r = try merge(#"{"segments": [{"rate": 0.6}], "codes": ["x"], "v": "s"}"#,
                      onto: #"{"segments": [{"rate": 0.5}, {"rate": 0.7}], "codes": ["a", "b"], "v": 1}"#)
    #expect(r == (try json(#"{"segments": [{"rate": 0.6}], "codes": ["x"], "v": "s"}"#)))
  }

  @Test func emptyOverlayArrayReplacesAnIDArray() throws {
    #expect(try merge(#"{"l": []}"#, onto: #"{"l": [{"id": "a"}]}"#) == (try json(#"{"l": []}"#)))
  }

  @Test func newValuesLoseNullMembers() throws {
    #expect(try merge(#"{"n": {"a": null, "b": 1}}"#, onto: "{}") == (try json(#"{"n": {"b": 1}}"#)))
  }

  @Test func deletingAMissingIDIsAnError() {
    #expect(throws: SettlementError.self) { _ = try merge(#"{"l": [{"id": "x", "$delete": true}]}"#, onto: #"{"l": [{"id": "a"}]}"#) }
    #expect(throws: SettlementError.self) { _ = try merge(#"{"l": [{"id": "x", "$delete": true}]}"#, onto: "{}") }
  }

  @Test func unknownDirectivesAreErrors() {
    #expect {
      _ = try merge(#"{"l": {"$before": "a"}}"#, onto: "{}")
    } throws: { ($0 as? SettlementError)?.code == .unknownKey && ($0 as? SettlementError)?.jsonPath == "l.$before" }
    #expect(throws: SettlementError.self) { _ = try merge(#"{"$delete": true}"#, onto: #"{"a": 1}"#) }
    #expect(throws: SettlementError.self) { _ = try merge(#"{"l": [{"id": "a", "$delete": true, "x": 1}]}"#, onto: #"{"l": [{"id": "a"}]}"#) }
  }
}
