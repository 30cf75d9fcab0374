import Foundation
import Testing

@testable import NexoCore

/// The stored and API JSON of conditions and groups.
@Suite struct ConditionCodableTests {
    private typealias Fixtures = ConditionFixtures

    /// One example of every kind and its exact JSON (keys sorted): the documented shape.
    static let shapes: [(Condition, String)] = [
        (.field(.firstName, .equals, value: "Ana"), #"{"field":"first_name","kind":"field","operator":"equals","value":"Ana"}"#),
        (.field(.metadata("plan"), .isEmpty), #"{"field":"metadata.plan","kind":"field","operator":"is_empty"}"#),
        (.hasTag("vip"), #"{"kind":"has_tag","tag":"vip"}"#),
        (.lacksTag("vip"), #"{"kind":"lacks_tag","tag":"vip"}"#),
        (.statusIn(["lead", "customer"]), #"{"kind":"status_in","statuses":["lead","customer"]}"#),
        (.consent(.whatsapp, .notWithdrawn), #"{"channel":"whatsapp","kind":"consent","state":"not_withdrawn"}"#),
        (.hasEmail, #"{"kind":"has_email"}"#),
        (.hasPhone, #"{"kind":"has_phone"}"#),
        (.birthdayToday(.contact), #"{"kind":"birthday_today","zone":"contact"}"#),
        (
            .daysSinceLastInteraction(.atLeast, days: 60),
            #"{"days":60,"kind":"days_since_last_interaction","operator":"at_least"}"#
        ),
        (.createdWithinDays(7), #"{"days":7,"kind":"created_within_days"}"#),
        (.score(.lessThan, 50), #"{"kind":"score","operator":"less_than","value":50}"#),
    ]

    @Test(arguments: shapes)
    func everyKindEncodesToItsDocumentedShape(condition: Condition, json: String) throws {
        // Given a condition
        // When encoded
        let encoded = try Fixtures.json(condition)

        // Then it is the documented snake_case object
        #expect(encoded == json)
    }

    @Test(arguments: shapes)
    func everyKindDecodesFromItsDocumentedShape(condition: Condition, json: String) throws {
        // Given the documented JSON
        // When decoded
        let decoded = try Fixtures.decode(Condition.self, json)

        // Then it is the condition
        #expect(decoded == condition)
    }

    @Test func theExamplesCoverEveryKind() {
        // Given the documented examples
        // Then no kind is missing from them
        #expect(Set(Self.shapes.map(\.0.kind)) == Set(Condition.Kind.allCases))
    }

    static let variants: [Condition] = [
        .field(.phone, .startsWith, value: "+54"), .field(.notes, .notContains, value: "baja"),
        .field(Condition.Field(rawValue: "favourite_colour"), .equals, value: "red"),
        .consent(.email, .given), .birthdayToday(.tenant), .daysSinceLastInteraction(.lessThan, days: 0),
        .createdWithinDays(-3), .score(.atLeast, -10), .hasTag(""), .statusIn([]),
    ]

    @Test(arguments: variants)
    func conditionsRoundTrip(condition: Condition) throws {
        // Given a condition, valid or not (invalid content survives to be reported by validation)
        // When encoded and decoded
        let decoded = try Fixtures.decode(Condition.self, try Fixtures.json(condition))

        // Then nothing changed
        #expect(decoded == condition)
    }

    @Test func aGroupRoundTrips() throws {
        // Given a group
        let group = ConditionGroup(match: .any, conditions: Self.shapes.map(\.0))

        // When encoded and decoded
        let json = try Fixtures.json(group)
        let decoded = try Fixtures.decode(ConditionGroup.self, json)

        // Then it is the same, with the match first-class in the JSON
        #expect(decoded == group)
        #expect(json.hasPrefix(#"{"conditions":[{"field":"first_name""#))
        #expect(json.hasSuffix(#""match":"any"}"#))
    }

    @Test func anEmptyObjectIsTheEveryoneGroup() throws {
        // Given {}
        // When decoded as a group
        let group = try Fixtures.decode(ConditionGroup.self, "{}")

        // Then it matches everyone
        #expect(group == .everyone)
    }

    @Test func birthdayZoneDefaultsToTheContacts() throws {
        // Given a birthday condition without zone
        // When decoded
        let condition = try Fixtures.decode(Condition.self, #"{"kind":"birthday_today"}"#)

        // Then it uses the contact's zone
        #expect(condition == .birthdayToday(.contact))
    }

    @Test(arguments: [
        #"{"kind":"field","field":"email","operator":"is_empty","value":null}"#,
        #"{"kind":"field","field":"email","operator":"is_empty"}"#,
    ])
    func aMissingOrNullValueDecodesAsNoValue(json: String) throws {
        // Given an empty check without a value
        // When decoded
        let condition = try Fixtures.decode(Condition.self, json)

        // Then the value is nil
        #expect(condition == .field(.email, .isEmpty, value: nil))
    }

    @Test(arguments: [
        #"{"kind":"has_pet"}"#, #"{"kind":"HAS_TAG","tag":"vip"}"#, #"{"tag":"vip"}"#, #"{"kind":7}"#,
    ])
    func unknownOrMissingKindsAreRejected(json: String) {
        // Given a condition whose kind is unknown, mistyped or absent
        // When decoded
        // Then decoding fails
        #expect(throws: DecodingError.self) { try Fixtures.decode(Condition.self, json) }
    }

    @Test(arguments: [
        #"{"kind":"field","field":"email","operator":"like","value":"a"}"#,
        #"{"kind":"consent","channel":"sms","state":"given"}"#,
        #"{"kind":"consent","channel":"email","state":"unknown"}"#,
        #"{"kind":"birthday_today","zone":"utc"}"#,
        #"{"kind":"score","operator":"greater_than","value":5}"#,
    ])
    func unknownOperatorsAndChoicesAreRejected(json: String) {
        // Given a known kind with a value outside its choices
        // When decoded
        // Then decoding fails
        #expect(throws: DecodingError.self) { try Fixtures.decode(Condition.self, json) }
    }

    @Test(arguments: [
        #"{"kind":"has_email","value":"x"}"#, #"{"kind":"has_tag","tag":"vip","tags":["a"]}"#,
        #"{"kind":"created_within_days","dayz":7,"days":7}"#,
    ])
    func keysAKindDoesNotUseAreRejected(json: String) {
        // Given a condition with a key its kind does not use (a typo, usually)
        // When decoded
        // Then decoding fails rather than ignoring it
        #expect(throws: DecodingError.self) { try Fixtures.decode(Condition.self, json) }
    }

    @Test(arguments: [
        #"{"kind":"has_tag"}"#, #"{"kind":"score","operator":"at_least"}"#, #"{"kind":"created_within_days","days":"7"}"#,
        #"{"kind":"created_within_days","days":1.5}"#, #"{"kind":"field","operator":"equals","value":"a"}"#,
    ])
    func missingOrMistypedValuesAreRejected(json: String) {
        // Given a condition missing a required key or with the wrong type
        // When decoded
        // Then decoding fails
        #expect(throws: DecodingError.self) { try Fixtures.decode(Condition.self, json) }
    }

    @Test(arguments: [#"{"match":"some"}"#, #"{"match":"all","conditions":[],"name":"x"}"#])
    func badGroupsAreRejected(json: String) {
        // Given a group with an unknown match or an unknown key
        // When decoded
        // Then decoding fails
        #expect(throws: DecodingError.self) { try Fixtures.decode(ConditionGroup.self, json) }
    }

    @Test func theDecodingErrorListsTheAcceptedKinds() {
        // Given an unknown kind
        // When decoded
        let error = #expect(throws: DecodingError.self) { try Fixtures.decode(Condition.self, #"{"kind":"has_pet"}"#) }

        // Then the description names the accepted kinds
        guard case .dataCorrupted(let context) = error else {
            Issue.record("expected dataCorrupted, got \(String(describing: error))")
            return
        }
        #expect(context.debugDescription.contains("days_since_last_interaction"))
    }
}
