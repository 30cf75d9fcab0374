import Foundation
import Testing

@testable import NexoCore

/// One `.field` condition against one contact, with the expected outcome and reason.
struct FieldCase: Sendable, CustomTestStringConvertible {
    let name: String
    let condition: Condition
    let values: ContactValues
    let passes: Bool
    let code: ConditionReason.Code

    init(_ name: String, _ condition: Condition, _ values: ContactValues, passes: Bool, _ code: ConditionReason.Code) {
        self.name = name
        self.condition = condition
        self.values = values
        self.passes = passes
        self.code = code
    }

    var testDescription: String { name }
}

/// `.field` conditions: text comparisons that ignore case, accents and repeated spaces.
@Suite struct ConditionFieldTests {
    private static let ana = ContactValues(
        firstName: "José Ana", lastName: "Núñez", email: "ana@example.com", phone: "+5491133332222", phoneValid: true,
        company: "Clínica Sonrisa", notes: "Prefers   mornings", source: "referral", status: "customer",
        metadata: [
            "plan": .string("Gold"), "visits": .number(3), "insured": .bool(true), "gone": .null, "kids": .array([]),
            "address": .object(["city": .string("Rosario")]),
        ])
    private static let blank = ContactValues(phone: "   ")

    static let operatorCases: [FieldCase] = [
        FieldCase(
            "equals ignores case and accents", .field(.firstName, .equals, value: "jose ana"), ana, passes: true, .fieldEquals),
        FieldCase(
            "equals ignores extra spaces", .field(.notes, .equals, value: "prefers mornings"), ana, passes: true, .fieldEquals),
        FieldCase(
            "equals fails on another value", .field(.lastName, .equals, value: "Perez"), ana, passes: false, .fieldNotEqual),
        FieldCase(
            "equals fails on a missing field", .field(.company, .equals, value: "Sonrisa"), blank, passes: false, .fieldEmpty),
        FieldCase(
            "not_equals passes on another value", .field(.lastName, .notEquals, value: "Perez"), ana, passes: true, .fieldNotEqual
        ),
        FieldCase(
            "not_equals fails on equal value", .field(.lastName, .notEquals, value: "NUNEZ"), ana, passes: false, .fieldEquals),
        FieldCase(
            "not_equals passes on a missing field", .field(.company, .notEquals, value: "Sonrisa"), blank, passes: true,
            .fieldEmpty),
        FieldCase("contains finds a part", .field(.company, .contains, value: "clinica"), ana, passes: true, .fieldContains),
        FieldCase(
            "contains fails without it", .field(.company, .contains, value: "dental"), ana, passes: false, .fieldNotContaining),
        FieldCase(
            "contains fails on a missing field", .field(.company, .contains, value: "dental"), blank, passes: false, .fieldEmpty),
        FieldCase(
            "not_contains passes without it", .field(.company, .notContains, value: "dental"), ana, passes: true,
            .fieldNotContaining),
        FieldCase(
            "not_contains fails with it", .field(.company, .notContains, value: "SONRISA"), ana, passes: false, .fieldContains),
        FieldCase(
            "starts_with matches the start", .field(.email, .startsWith, value: "ANA@"), ana, passes: true, .fieldStartsWith),
        FieldCase(
            "starts_with fails elsewhere", .field(.email, .startsWith, value: "example"), ana, passes: false, .fieldNotStarting),
        FieldCase("is_empty passes on a missing field", .field(.notes, .isEmpty), blank, passes: true, .fieldEmpty),
        FieldCase("is_empty passes on blanks", .field(.phone, .isEmpty), blank, passes: true, .fieldEmpty),
        FieldCase("is_empty fails on a value", .field(.notes, .isEmpty), ana, passes: false, .fieldNotEmpty),
        FieldCase("is_not_empty passes on a value", .field(.email, .isNotEmpty), ana, passes: true, .fieldNotEmpty),
        FieldCase("is_not_empty fails on a missing field", .field(.email, .isNotEmpty), blank, passes: false, .fieldEmpty),
        FieldCase("source is compared", .field(.source, .equals, value: "Referral"), ana, passes: true, .fieldEquals),
        FieldCase("status is compared", .field(.status, .notEquals, value: "lead"), ana, passes: true, .fieldNotEqual),
    ]

    @Test(arguments: operatorCases)
    func operatorsCompareText(_ example: FieldCase) {
        // Given a field condition and a contact
        let facts = ConditionFixtures.facts(example.values)

        // When evaluated
        let result = ConditionFixtures.evaluate(example.condition, facts)

        // Then it passes or fails with the expected reason
        #expect(result.passed == example.passes)
        #expect(result.reason.code == example.code)
    }

    static let phoneCases: [FieldCase] = [
        FieldCase(
            "equals however it is typed", .field(.phone, .equals, value: "+54 9 11 3333-2222"), ana, passes: true, .fieldEquals),
        FieldCase(
            "contains digits across separators", .field(.phone, .contains, value: "11 3333"), ana, passes: true, .fieldContains),
        FieldCase("starts with the country code", .field(.phone, .startsWith, value: "+54"), ana, passes: true, .fieldStartsWith),
        FieldCase(
            "another country code fails", .field(.phone, .startsWith, value: "+34"), ana, passes: false, .fieldNotStarting),
    ]

    @Test(arguments: phoneCases)
    func phonesCompareByDigits(_ example: FieldCase) {
        // Given a contact with an E.164 phone
        let facts = ConditionFixtures.facts(example.values)

        // When compared with a number typed with separators
        let result = ConditionFixtures.evaluate(example.condition, facts)

        // Then only the digits count
        #expect(result.passed == example.passes)
        #expect(result.reason.code == example.code)
    }

    static let metadataCases: [FieldCase] = [
        FieldCase("a string", .field(.metadata("plan"), .equals, value: "gold"), ana, passes: true, .fieldEquals),
        FieldCase("a number as text", .field(.metadata("visits"), .equals, value: "3"), ana, passes: true, .fieldEquals),
        FieldCase("a boolean as text", .field(.metadata("insured"), .equals, value: "TRUE"), ana, passes: true, .fieldEquals),
        FieldCase(
            "an object as JSON", .field(.metadata("address"), .contains, value: "rosario"), ana, passes: true, .fieldContains),
        FieldCase("a missing key is empty", .field(.metadata("nope"), .isEmpty), ana, passes: true, .fieldEmpty),
        FieldCase("null is empty", .field(.metadata("gone"), .isEmpty), ana, passes: true, .fieldEmpty),
        FieldCase("an empty array is empty", .field(.metadata("kids"), .isEmpty), ana, passes: true, .fieldEmpty),
        FieldCase("a filled object is not empty", .field(.metadata("address"), .isNotEmpty), ana, passes: true, .fieldNotEmpty),
    ]

    @Test(arguments: metadataCases)
    func metadataValuesCompareAsText(_ example: FieldCase) {
        // Given a contact with metadata of several JSON types
        let facts = ConditionFixtures.facts(example.values)

        // When a metadata key is compared
        let result = ConditionFixtures.evaluate(example.condition, facts)

        // Then its text form is what counts
        #expect(result.passed == example.passes)
        #expect(result.reason.code == example.code)
    }

    @Test(arguments: [Condition.Field(rawValue: "birthday"), Condition.Field(rawValue: "metadata."), .metadata(" plan")])
    func unknownFieldsFailWithAReason(_ field: Condition.Field) {
        // Given a condition on a field contacts do not have (a stored condition from an old version, say)
        let condition = Condition.field(field, .isEmpty)

        // When evaluated, even with an operator that would pass on an empty value
        let result = ConditionFixtures.evaluate(condition, ConditionFixtures.facts())

        // Then it fails and names the field
        #expect(result.passed == false)
        #expect(result.reason.code == .fieldUnknown)
        #expect(result.reason.arguments == [field.rawValue])
    }

    @Test func reasonShowsTheContactsValueAndTheExpectedOne() {
        // Given a contact named Ana
        let facts = ConditionFixtures.facts(ContactValues(firstName: "Ana"))

        // When filtered for Juana
        let result = ConditionFixtures.evaluate(.field(.firstName, .equals, value: "Juana"), facts)

        // Then the reason says both
        #expect(result.reason.arguments == ["first_name", "Ana", "Juana"])
        #expect(result.reason.message == "first_name is “Ana”, not “Juana”")
    }

    @Test func longValuesAreCutInTheReason() {
        // Given notes far longer than a line
        let notes = String(repeating: "word ", count: 60)
        let facts = ConditionFixtures.facts(ContactValues(firstName: "Ana", notes: notes))

        // When a notes condition fails
        let result = ConditionFixtures.evaluate(.field(.notes, .contains, value: "vip"), facts)

        // Then the value in the reason is an excerpt of 80 characters ending with an ellipsis
        let shown = result.reason.arguments[1]
        #expect(shown.count == 80)
        #expect(shown.hasSuffix("…"))
    }
}
