import Foundation
import OneStopSettlement
import Testing

@Suite struct JSONValueTests {
  @Test func numbersKeepTheirText() throws {
    let v = try JSONValue.parse(Data(#"{"a": 0.655, "b": 15000.00, "c": -10, "d": 1e3}"#.utf8))
    #expect(v.member("a") == .number("0.655"))
    #expect(v.member("b") == .number("15000.00"))
    #expect(v.member("c") == .number("-10"))
    #expect(v.member("d") == .number("1e3"))
  }

  @Test func roundTripsStringsAndOrder() throws {
    let text = #"{"z":"盐城\n\"x\"\\","a":[true,false,null,{}],"m":"\u00e9\ud83d\ude00"}"#
    let v = try JSONValue.parse(Data(text.utf8))
    #expect(v.members?.map(\.key) == ["z", "a", "m"])
    #expect(v.member("m") == .string("é😀"))
    #expect(try JSONValue.parse(v.serialized()) == v)
  }

  struct Bad: Sendable, CustomTestStringConvertible {
    var text: String
    var code: SettlementError.Code
    var at: String
    var testDescription: String { text }
  }

  static let bad: [Bad] = [
    Bad(text: "{\"a\": 1,\n \"b\": }", code: .malformedJSON, at: "line 2, column 7"),
    Bad(text: "[1, 2", code: .malformedJSON, at: "line 1, column 6"),
    Bad(text: "{\"a\": 01}", code: .malformedJSON, at: "line 1, column 7"),
    Bad(text: "{\"a\": tru}", code: .malformedJSON, at: "line 1, column 7"),
    Bad(text: "{\"a\": \"x\u{1}\"}", code: .malformedJSON, at: "line 1, column 9"),
    Bad(text: "{} {}", code: .malformedJSON, at: "line 1, column 4"),
    Bad(text: "{\"layers\": [{\"id\": 1, \"id\": 2}]}", code: .duplicateDefinition, at: "layers[0].id"),
  ]

  @Test(arguments: bad)
  func syntaxErrorsNameTheirPlace(_ b: Bad) {
    #expect {
      _ = try JSONValue.parse(Data(b.text.utf8))
    } throws: { e in
      (e as? SettlementError)?.code == b.code && (e as? SettlementError)?.jsonPath == b.at
    }
  }

  @Test func deepNestingIsAnErrorNotACrash() {
    let text = String(repeating: "[", count: 500) + String(repeating: "]", count: 500)
    #expect(throws: SettlementError.self) { _ = try JSONValue.parse(Data(text.utf8)) }
  }
}
