import Foundation
import Testing

@testable import NexoCore

@Suite struct JSONValueTests {
    @Test(arguments: [
        ("null", JSONValue.null),
        ("true", .bool(true)),
        ("false", .bool(false)),
        ("0", .number(0)),
        ("1", .number(1)),
        ("-12.5", .number(-12.5)),
        ("1e3", .number(1000)),
        (#""hola""#, .string("hola")),
        (#""""#, .string("")),
        ("[]", .array([])),
        (#"[1, "a", null, false]"#, .array([.number(1), .string("a"), .null, .bool(false)])),
        ("{}", .object([:])),
        (#"{"a": {"b": [true]}, "c": null}"#, .object(["a": .object(["b": .array([.bool(true)])]), "c": .null])),
    ])
    func decodesEveryKindOfValue(text: String, expected: JSONValue) throws {
        // Given JSON text of some kind

        // When parsed
        let value = try #require(JSONValue.parse(text))

        // Then it becomes the matching case (numbers 0 and 1 are numbers, not booleans)
        #expect(value == expected)
    }

    @Test(arguments: [
        (2.0, "2"), (-3.0, "-3"), (0.0, "0"), (-0.0, "0"), (1_000_000_000_000_000.0, "1000000000000000"),
        (2.5, "2.5"), (-0.25, "-0.25"),
    ])
    func wholeNumbersEncodeWithoutAFraction(number: Double, text: String) {
        // Given a number value
        let value = JSONValue.number(number)

        // When written as JSON
        let json = value.jsonText

        // Then whole numbers have no ".0"
        #expect(json == text)
    }

    @Test(arguments: [1e20, -1e20, 123_456.789])
    func numbersTooLargeForIntegersRoundTrip(number: Double) throws {
        // Given a number past the integer range, or with a fraction
        let value = JSONValue.number(number)

        // When written and read back
        let back = try #require(JSONValue.parse(value.jsonText))

        // Then it is the same number
        #expect(back == value)
    }

    @Test func jsonTextSortsKeysAtEveryLevel() {
        // Given an object with keys out of order, nested
        let value = JSONValue.object([
            "zeta": .number(1), "alpha": .object(["y": .bool(true), "b": .null]), "mid": .array([.string("x")]),
        ])

        // When written as JSON
        let json = value.jsonText

        // Then keys are sorted and the text is compact
        #expect(json == #"{"alpha":{"b":null,"y":true},"mid":["x"],"zeta":1}"#)
    }

    @Test func equalObjectsGiveEqualText() {
        // Given the same object built in two orders
        var first: [String: JSONValue] = [:]
        first["b"] = .number(2)
        first["a"] = .number(1)
        var second: [String: JSONValue] = [:]
        second["a"] = .number(1)
        second["b"] = .number(2)

        // When written as JSON
        let texts = (JSONValue.object(first).jsonText, JSONValue.object(second).jsonText)

        // Then the texts are identical
        #expect(texts.0 == texts.1)
    }

    @Test func jsonTextDoesNotEscapeSlashes() {
        // Given a string with slashes and a quote
        let value = JSONValue.string(#"https://example.com/a "b""#)

        // When written as JSON
        let json = value.jsonText

        // Then slashes stay as they are and the quote is escaped
        #expect(json == #""https://example.com/a \"b\"""#)
    }

    @Test(arguments: ["", "{", #"{a: 1}"#, "tru", "'x'", #"{"a": 1"#, "NaN"])
    func parsingInvalidTextGivesNil(text: String) {
        // Given text that is not JSON

        // When parsed
        let value = JSONValue.parse(text)

        // Then there is no value
        #expect(value == nil)
    }

    @Test func objectValueGivesTheDictionaryOfAnObject() {
        // Given an object value
        let value = JSONValue.object(["plan": .string("gold")])

        // When asked for its dictionary
        let object = value.objectValue

        // Then it is returned
        #expect(object == ["plan": .string("gold")])
    }

    @Test(arguments: [JSONValue.null, .bool(true), .number(1), .string("x"), .array([])])
    func objectValueIsNilForOtherKinds(value: JSONValue) {
        // Given a value that is not an object

        // When asked for its dictionary
        let object = value.objectValue

        // Then there is none
        #expect(object == nil)
    }

    @Test func roundTripsThroughCodableInsideOtherTypes() throws {
        // Given metadata as a field of an encodable type
        struct Envelope: Codable, Equatable { var metadata: [String: JSONValue] }
        let envelope = Envelope(metadata: [
            "visits": .number(3), "vip": .bool(true), "tags": .array([.string("a")]), "note": .null,
        ])

        // When encoded and decoded
        let data = try JSONEncoder().encode(envelope)
        let decoded = try JSONDecoder().decode(Envelope.self, from: data)

        // Then nothing is lost
        #expect(decoded == envelope)
    }

    @Test(arguments: [
        JSONValue.object([
            "b": .string("comillas \" barra \\ / salto\n tab\t \u{01} ñ 😀 \u{2028}"), "a": .number(-12.5),
            "z": .array([.number(1e21), .number(3), .bool(true), .null]), "Ñ": .object([:]),
        ]),
        .string(""), .number(0.1), .array([.object(["x": .array([])])]),
    ])
    func writesJSONThatReadsBackAsTheSameValueAndMatchesTheEncoder(value: JSONValue) throws {
        // Given a value with everything that needs escaping
        // When written
        let text = value.jsonText
        // Then it reads back equal, and it is what JSONEncoder writes (compared as parsed JSON)
        #expect(JSONValue.parse(text) == value)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let encoded = try #require(String(data: try encoder.encode(value), encoding: .utf8))
        #expect(JSONValue.parse(encoded) == JSONValue.parse(text))
    }

    @Test func writesCompactTextWithSortedKeysAndIntegersWithoutDecimals() {
        let value = JSONValue.object(["b": .number(2), "a": .array([.string("x/y"), .number(1.5)]), "c": .string("\u{1f}")])
        #expect(value.jsonText == #"{"a":["x/y",1.5],"b":2,"c":"\u001f"}"#)
    }
}
