import Foundation
import Testing

@testable import NexoCore

/// `AutoReplyRule.validate()`: every problem, each at its place in the rule's JSON.
@Suite struct AutoReplyRuleValidationTests {
    typealias F = AutoReplyFixtures

    @Test func aSensibleRuleHasNoProblems() {
        // Given a rule with keywords, hours, a number and a template reply
        let rule = F.rule(
            "Turnos", F.keywords("turno", "cita", "reservar"), schedule: F.hours([1, 2, 3, 4, 5], ("09:00", "18:00")),
            numberIDs: ["num-1"], reply: .text("Hola {{contact.first_name}}, pedí tu turno en {{business.name}}"))

        // Then it validates
        #expect(rule.validate().isEmpty)
    }

    @Test func keywordsAreRequired() {
        // Given no keywords / Then the words field is required
        let errors = F.rule("Vacía", .keyword(words: [], match: .any, wholeWord: true)).validate()
        #expect(errors == [FieldError(field: "trigger.words", code: "field.required", message: "Give at least one keyword.")])
    }

    @Test func blankAndDuplicateKeywordsAreNamed() {
        // Given a keyword of punctuation only, and one repeated with other case and accents
        let errors = F.rule("Turnos", F.keywords("turno", " ¿? ", "TÚRNO")).validate()

        // Then each is reported at its index
        #expect(errors.map(\.field) == ["trigger.words[1]", "trigger.words[2]"])
        #expect(F.codes(errors) == ["auto_reply.keyword_blank", "auto_reply.duplicate_keyword"])
    }

    @Test func anInvalidPatternIsReportedOnThePatternField() {
        // Given a pattern with a stray bracket
        let errors = F.rule("Pedidos", .pattern("pedido [0-9")).validate()

        // Then the error names the field and ICU's refusal
        #expect(errors.map(\.field) == ["trigger.pattern"])
        #expect(F.codes(errors) == ["auto_reply.pattern_invalid"])
    }

    @Test func anUnsafePatternIsRefused() {
        // Given a catastrophic pattern / Then it is refused before any probe runs
        #expect(F.codes(F.rule("Mal", .pattern("(a+)+b")).validate()) == ["auto_reply.pattern_unsafe"])
    }

    @Test func replyTemplateProblemsComeFromTheTemplateValidator() {
        // Given a reply with a misspelt variable
        let errors = F.rule("Hola", .greeting, reply: .text("Hola {{first_name}}")).validate()

        // Then the template problem is reported on the reply's text
        #expect(errors.map(\.field) == ["reply.text"])
        #expect(F.codes(errors) == [TemplateProblem.Code.unknownVariable])
        #expect(errors.first?.message.contains("contact.first_name") == true)
    }

    @Test func nameHoursAndNumbersAreChecked() {
        // Given a blank name, no weekdays, an empty range and a blank number id
        let hours = F.hours([], ("10:00", "10:00"))
        let errors = F.rule(" ", .thanks, schedule: hours, numberIDs: [""]).validate()

        // Then all four are reported
        #expect(errors.map(\.field) == ["name", "schedule.weekdays", "schedule.ranges[0]", "number_ids[0]"])
    }

    @Test func weekdaysOutOfRangeAreRefused() {
        // Given weekday 0 / Then it is out of range
        #expect(F.codes(ActiveHours(weekdays: [0, 1]).validate()) == ["schedule.weekdays_out_of_range"])
    }
}
