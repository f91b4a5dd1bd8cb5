import Foundation
import Testing
@testable import OneStopSettlement

/// Reforms written as overrides on a table, and parameter sweeps.
@Suite struct JSONOverrideTests {
  static func base() throws -> PolicyTable { try Fixture.table("simulation/table.json") }

  static func majorIllness(_ t: PolicyTable) -> MajorIllnessRule? {
    for l in t.layers { if case .majorIllness(let r) = l.rule { return r } }
    return nil
  }

  @Test func layerByIdAndIdentityByIdNameOrCode() throws {
    for key in ["jiance", "监测对象", "1104"] {
      let t = try Self.base().applying([JSONOverride(parsing: "layers.majorIllness.identityOverrides.\(key).deductibleFactor=0.5")])
      let o = try #require(Self.majorIllness(t)?.identityOverrides["jiance"])
      #expect(o.deductibleFactor?.value == Rate("0.5"), "key \(key)")
      #expect(t.id == "illustrative/simulation@2024+reform")
    }
  }

  @Test func arraysByIndexNumbersExactAndStringsAsText() throws {
    let t = try Self.base().applying([
      JSONOverride(parsing: "layers.majorIllness.segments.1.rate=0.655"),
      JSONOverride(parsing: "layers.basic.benefits.0.deductible.3=1234.56"),
      JSONOverride(parsing: "rounding=towardZero"),
      JSONOverride(parsing: "layers.tilt.classes.0.annualCaps=[]"),
      JSONOverride(parsing: "id=mine"),
    ])
    #expect(Self.majorIllness(t)?.segments[1].rate.value == Rate("0.655"))
    if case .basic(let b) = t.layers[0].rule { #expect(b.benefits[0].deductible["3"]?.value == Money("1234.56")) } else { Issue.record("basic") }
    #expect(t.rounding == .towardZero && t.id == "mine")
    if case .tilt(let a) = t.layers[3].rule { #expect(a.classes[0].annualCaps.isEmpty) } else { Issue.record("tilt") }
  }

  @Test func badOverridesNameThePath() throws {
    let base = try Self.base()
    do {
      _ = try base.applying([JSONOverride(parsing: "layers.bigIllness.deductible=1")])
      Issue.record("unknown layer accepted")
    } catch {
      #expect(error.code == .undefinedReference)
      #expect(error.jsonPath.contains("layers.bigIllness"))
      #expect(error.expectation.contains("majorIllness"))
    }
    do {
      _ = try base.applying([JSONOverride(parsing: "layers.majorIllness.segments.0.rate=1.5")])
      Issue.record("rate 1.5 accepted")
    } catch {
      #expect(error.code == .rateOutOfRange)
      #expect(error.jsonPath.hasSuffix("layers[1].segments[0].rate"))
    }
    do {
      _ = try base.applying([JSONOverride(parsing: "layers.majorIllness.colour=1")])
      Issue.record("unknown key accepted")
    } catch {
      #expect(error.code == .unknownKey)
    }
    #expect(throws: SettlementError.self) { try JSONOverride(parsing: "no-equals-sign") }
    #expect(throws: SettlementError.self) { try JSONOverride(parsing: "a..b=1") }
  }

  @Test func sweepValuesAreExactDecimals() throws {
    #expect(try ParameterSweep(parsing: "x=5000:15000:2500").values == ["5000", "7500", "10000", "12500", "15000"])
    #expect(try ParameterSweep(parsing: "x=0.1:0.3:0.05").values == ["0.1", "0.15", "0.2", "0.25", "0.3"])
    #expect(try ParameterSweep(parsing: "x=1:2:0.3").values == ["1", "1.3", "1.6", "1.9"])
    #expect(try ParameterSweep(parsing: "a.b=1:1:1").key == "a.b")
    for bad in ["x=1:2", "x=2:1:1", "x=1:2:0", "x=0:100:1", "x=a:b:c"] {
      #expect(throws: SettlementError.self, "\(bad)") { try ParameterSweep(parsing: bad) }
    }
  }

  @Test func jsonValueRoundTripKeepsNumbersExact() throws {
    let text = #"{"a":[1,2.50,{"b":"x\"y\u4e2d"}],"c":true,"d":null,"e":0.1000000000000000055511151231257827}"#
    let v = try JSONValue.parse(Data(text.utf8))
    #expect(String(decoding: v.serialized(), as: UTF8.self) == #"{"a":[1,2.50,{"b":"x\"y中"}],"c":true,"d":null,"e":0.1000000000000000055511151231257827}"#)
  }
}
