import Foundation
import Testing

@testable import NexoCore

@Suite struct AutomationDefinitionTests {
    static func decode<T: Decodable>(_ type: T.Type, _ json: String) throws -> T {
        try JSONDecoder().decode(type, from: Data(json.utf8))
    }

    static func encode<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    @Test(arguments: [
        #"{"marketing":true,"subject":"Hola {{contact.first_name}}","text":"Texto","type":"send_email"}"#,
        #"{"tag":"vip","type":"add_tag"}"#, #"{"tag":"vip","type":"remove_tag"}"#,
        #"{"field":"status","type":"set_field","value":"customer"}"#, #"{"seconds":3600,"type":"wait"}"#,
        #"{"type":"wait","until":"09:00","weekdays_only":true}"#, #"{"summary":"Llamar","type":"log_interaction"}"#,
        #"{"type":"call_webhook","url":"https://example.com/hook"}"#, #"{"type":"stop"}"#,
    ])
    func everyStepTypeRoundTripsThroughJSON(_ json: String) throws {
        let step = try Self.decode(Step.self, json)
        #expect(try Self.encode(step) == json)
    }

    @Test func anUnknownStepTypeIsRefusedByName() {
        #expect(throws: DecodingError.self) { try Self.decode(Step.self, #"{"type":"send_fax"}"#) }
    }

    @Test func triggersAndReentryRoundTrip() throws {
        let schedule = AutomationTrigger.schedule(.daily(TimeOfDay(hour: 8, minute: 0)!), catchUp: .skip)
        #expect(try Self.decode(AutomationTrigger.self, try Self.encode(schedule)) == schedule)
        #expect(
            try Self.decode(AutomationTrigger.self, #"{"type":"event","event":"contact.created"}"#) == .event("contact.created"))
        #expect(try Self.decode(Reentry.self, #"{"after_days":60}"#) == .afterDays(60))
        #expect(try Self.decode(Reentry.self, #""once_per_year""#) == .oncePerYear)
        #expect(Reentry(code: "after_days:60") == .afterDays(60))
        #expect(Reentry(code: "sometimes") == nil)
    }

    @Test func aScheduleWithoutCatchUpDefaultsToRunOnce() throws {
        let trigger = try Self.decode(AutomationTrigger.self, #"{"type":"schedule","schedule":{"kind":"daily","time":"08:00"}}"#)
        #expect(trigger == .schedule(.daily(TimeOfDay(hour: 8, minute: 0)!), catchUp: .runOnce))
    }

    @Test func validationNamesEveryProblemWithItsField() {
        let definition = AutomationDefinition(
            name: " ", trigger: .event("contact.exploded"), conditions: ConditionGroup(match: .all, conditions: []),
            steps: [
                .sendEmail(subject: "Hola {{contact.frist_name}}", text: "", html: nil, marketing: true),
                .addTag("   "), .setField(field: "email", value: "x"), .wait(.duration(seconds: 5)),
                .callWebhook(url: "ftp://example.com"),
            ],
            reentry: .afterDays(0))
        let fields = Set(definition.validate().map(\.field))
        #expect(
            fields == [
                "name", "trigger.event", "steps[0].subject", "steps[0].text", "steps[1].tag", "steps[2].field",
                "steps[3].seconds", "steps[4].url", "reentry",
            ])
    }

    @Test func templateProblemsSayWhereTheyAre() {
        let errors = Step.sendEmail(subject: "Hola {{contact.frist_name}}", text: "ok", html: nil, marketing: true)
            .validate(path: "steps[0]")
        #expect(errors.count == 1)
        #expect(errors[0].message.contains("line 1, column 6"))
        #expect(errors[0].message.contains("contact.first_name"))
    }

    @Test func aWaitUntilATimeEndsAtTheNextSuchTimeOnAWeekday() {
        var calendar = Calendar(identifier: .gregorian)
        let zone = TimeZone(identifier: "America/Argentina/Buenos_Aires")!
        calendar.timeZone = zone
        // Friday 2026-03-13 at 18:00: the next weekday 09:00 is Monday the 16th.
        let friday = calendar.date(from: DateComponents(year: 2026, month: 3, day: 13, hour: 18))!
        let step = Step.wait(.until(TimeOfDay(hour: 9, minute: 0)!, weekdaysOnly: true))
        #expect(
            step.waitEnds(after: friday, in: zone) == calendar.date(from: DateComponents(year: 2026, month: 3, day: 16, hour: 9)))
        let anyDay = Step.wait(.until(TimeOfDay(hour: 9, minute: 0)!, weekdaysOnly: false))
        #expect(
            anyDay.waitEnds(after: friday, in: zone)
                == calendar.date(from: DateComponents(year: 2026, month: 3, day: 14, hour: 9)))
        #expect(Step.wait(.duration(seconds: 3600)).waitEnds(after: friday, in: zone) == friday.addingTimeInterval(3600))
    }

    @Test func theBuiltInShapesAreValid() {
        // Mirrors what the server installs: a daily trigger with the e-mail consent conditions.
        let definition = AutomationDefinition(
            name: "Cumpleaños", trigger: .schedule(.daily(TimeOfDay(hour: 8, minute: 0)!), catchUp: .runOnce),
            conditions: ConditionGroup(match: .all, conditions: [.birthdayToday(.contact), .hasEmail, .consent(.email, .given)]),
            steps: [
                .sendEmail(
                    subject: "¡Feliz cumpleaños, {{contact.first_name}}!", text: "{{business.name}}", html: nil, marketing: true)
            ],
            reentry: .oncePerYear)
        #expect(definition.validate().isEmpty)
    }
}
