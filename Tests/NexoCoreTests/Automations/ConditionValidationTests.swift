import Foundation
import Testing

@testable import NexoCore

/// `ConditionGroup.validate()` and `ConditionGroup.parse(_:)`: every problem named by its field.
@Suite struct ConditionValidationTests {
    private typealias Fixtures = ConditionFixtures

    @Test func aGroupUsingEveryKindCorrectlyIsValid() {
        // Given a sound condition of every kind, with free-form statuses
        let group = ConditionGroup(
            conditions: [
                .field(.firstName, .equals, value: "Ana"), .field(.metadata("plan"), .isNotEmpty), .field(.notes, .isEmpty),
                .hasTag("vip"), .lacksTag("Cliente Nuevo"), .statusIn(["lead", "en_seguimiento", "VIP Gold"]),
                .consent(.email, .given), .hasEmail, .hasPhone, .birthdayToday(), .daysSinceLastInteraction(.atLeast, days: 0),
                .createdWithinDays(1), .score(.lessThan, -20),
            ])

        // When validated
        let errors = group.validate()

        // Then nothing is wrong
        #expect(errors == [])
    }

    static let invalid: [(Condition, String, String)] = [
        (.field(Condition.Field(rawValue: "birthday"), .equals, value: "x"), "field", "condition.field_unknown"),
        (.field(Condition.Field(rawValue: "First_Name"), .isEmpty), "field", "condition.field_unknown"),
        (.field(.metadata(""), .isEmpty), "field", "condition.metadata_key_invalid"),
        (.field(.metadata(" plan"), .isEmpty), "field", "condition.metadata_key_invalid"),
        (.field(.metadata(String(repeating: "k", count: 65)), .isEmpty), "field", "condition.metadata_key_invalid"),
        (.field(.email, .equals), "value", "condition.value_required"),
        (.field(.email, .contains, value: "  "), "value", "condition.value_required"),
        (.field(.notes, .contains, value: String(repeating: "a", count: 501)), "value", "condition.value_too_long"),
        (.field(.phone, .startsWith, value: "+"), "value", "condition.phone_value_invalid"),
        (.hasTag(""), "tag", "condition.tag_required"),
        (.lacksTag("   "), "tag", "condition.tag_required"),
        (.hasTag(String(repeating: "t", count: 51)), "tag", "condition.tag_too_long"),
        (.statusIn([]), "statuses", "condition.statuses_required"),
        (.statusIn(["lead", " "]), "statuses[1]", "condition.status_empty"),
        (.daysSinceLastInteraction(.atLeast, days: -1), "days", "condition.days_negative"),
        (.createdWithinDays(-7), "days", "condition.days_negative"),
        (.createdWithinDays(0), "days", "condition.days_zero"),
        (.score(.atLeast, 2_000_000), "value", "condition.score_out_of_range"),
    ]

    @Test(arguments: invalid)
    func eachProblemIsNamedByItsField(condition: Condition, key: String, code: String) {
        // Given a group whose only condition has a problem
        let group = ConditionGroup(conditions: [condition])

        // When validated
        let errors = group.validate()

        // Then exactly that problem is reported at conditions[0].<key>
        #expect(errors.map(\.field) == ["conditions[0].\(key)"])
        #expect(errors.map(\.code) == [code])
    }

    @Test func thePathCountsTheConditionsPosition() {
        // Given a group whose third condition lacks a value
        let group = ConditionGroup(conditions: [.hasEmail, .hasTag("vip"), .field(.company, .contains)])

        // When validated
        let errors = group.validate()

        // Then the error points at the third condition
        #expect(
            errors == [
                FieldError(
                    field: "conditions[2].value", code: "condition.value_required",
                    message: "The contains operator needs a value.")
            ])
    }

    @Test func everyProblemIsReportedNotOnlyTheFirst() {
        // Given two bad conditions, one with two problems
        let group = ConditionGroup(
            conditions: [.field(Condition.Field(rawValue: "nickname"), .equals), .hasEmail, .createdWithinDays(-1)])

        // When validated
        let errors = group.validate()

        // Then all three are there, in order
        #expect(errors.map(\.field) == ["conditions[0].field", "conditions[0].value", "conditions[2].days"])
    }

    @Test(arguments: [Condition.FieldOperator.isEmpty, .isNotEmpty])
    func emptyChecksNeedNoValue(op: Condition.FieldOperator) {
        // Given an empty check without a value
        let group = ConditionGroup(conditions: [.field(.company, op)])

        // When validated
        // Then it is fine
        #expect(group.validate() == [])
    }

    @Test func tooManyConditionsAreRefused() {
        // Given 51 conditions
        let group = ConditionGroup(conditions: Array(repeating: .hasEmail, count: 51))

        // When validated
        let errors = group.validate()

        // Then the list itself is named
        #expect(errors.map(\.field) == ["conditions"])
        #expect(errors.map(\.code) == ["conditions.too_many"])
    }

    @Test func unknownFieldMessageListsTheFields() {
        // Given an unknown field
        let errors = ConditionGroup(conditions: [.field(Condition.Field(rawValue: "city"), .isEmpty)]).validate()

        // Then the message names the accepted ones
        #expect(
            errors.first?.message
                == "Unknown field “city”; use first_name, last_name, email, phone, company, source, status, notes "
                + "or metadata.<key>."
        )
    }

    // MARK: parse

    @Test func parseAcceptsAValidGroup() throws {
        // Given valid JSON
        let json = #"{"match":"any","conditions":[{"kind":"has_tag","tag":"vip"},{"kind":"has_email"}]}"#

        // When parsed
        let group = try ConditionGroup.parse(Data(json.utf8))

        // Then it is the group
        #expect(group == ConditionGroup(match: .any, conditions: [.hasTag("vip"), .hasEmail]))
    }

    static let structuralErrors: [(String, String, String)] = [
        (#"{"conditions":[{"kind":"has_email"},{"kind":"has_pet"}]}"#, "conditions[1].kind", "field.invalid"),
        (#"{"conditions":[{"kind":"created_within_days"}]}"#, "conditions[0].days", "field.required"),
        (#"{"conditions":[{"kind":"created_within_days","days":"7"}]}"#, "conditions[0].days", "field.type"),
        (#"{"conditions":[{"kind":"score","operator":"more","value":1}]}"#, "conditions[0].operator", "field.invalid"),
        (#"{"conditions":[{"kind":"has_email","tag":"x"}]}"#, "conditions[0].tag", "field.invalid"),
        (#"{"match":"every"}"#, "match", "field.invalid"),
        (#"{"conditions":{}}"#, "conditions", "field.type"),
        (#"{"conditions":[5]}"#, "conditions[0]", "field.type"),
        (#"{"conditions":["#, "", "json.invalid"),
    ]

    @Test(arguments: structuralErrors)
    func parseNamesTheFieldOfAStructuralError(json: String, field: String, code: String) {
        // Given JSON with a structural problem
        // When parsed
        let failure = #expect(throws: ValidationFailure.self) { try ConditionGroup.parse(Data(json.utf8)) }

        // Then the one error names the field in the same form as validation
        #expect(failure?.errors.map(\.field) == [field])
        #expect(failure?.errors.map(\.code) == [code])
    }

    @Test func parseReportsEveryContentProblem() {
        // Given well-formed JSON with two content problems
        let json =
            #"{"conditions":[{"kind":"has_tag","tag":" "},"#
            + #"{"kind":"days_since_last_interaction","operator":"at_least","days":-5}]}"#

        // When parsed
        let failure = #expect(throws: ValidationFailure.self) { try ConditionGroup.parse(Data(json.utf8)) }

        // Then both are reported
        #expect(failure?.errors.map(\.field) == ["conditions[0].tag", "conditions[1].days"])
    }

    @Test func parseExplainsAnUnknownKind() {
        // Given an unknown kind
        let json = #"{"conditions":[{"kind":"has_pet"}]}"#

        // When parsed
        let failure = #expect(throws: ValidationFailure.self) { try ConditionGroup.parse(Data(json.utf8)) }

        // Then the message lists the accepted kinds
        #expect(failure?.errors.first?.message.hasPrefix("Unknown value “has_pet”; use one of: field, has_tag,") == true)
    }
}
