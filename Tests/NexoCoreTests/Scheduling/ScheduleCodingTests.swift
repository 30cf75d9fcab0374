import Foundation
import Testing

@testable import NexoCore

/// A JSON body that must be rejected, with the (field, code) pairs expected.
struct BadScheduleJSON: Sendable, CustomTestStringConvertible {
    let json: String
    let errors: [String]

    init(_ json: String, _ errors: [String]) {
        self.json = json
        self.errors = errors
    }

    var testDescription: String { json }
}

@Suite struct ScheduleCodingTests {
    typealias F = ScheduleFixtures

    static func encode(_ schedule: Schedule) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: try encoder.encode(schedule), as: UTF8.self)
    }

    static func decode(_ json: String) throws -> Schedule { try JSONDecoder().decode(Schedule.self, from: Data(json.utf8)) }

    @Test(arguments: [
        (F.daily("08:00"), #"{"kind":"daily","time":"08:00"}"#),
        (F.weekly([1, 3], "09:30"), #"{"kind":"weekly","time":"09:30","weekdays":[1,3]}"#),
        (F.monthly(1, "08:00"), #"{"day":1,"kind":"monthly","time":"08:00"}"#),
        (F.cron("0 8 * * 1-5"), #"{"expression":"0 8 * * 1-5","kind":"cron"}"#),
    ])
    func encodesAsKindedObject(schedule: Schedule, json: String) throws {
        #expect(try Self.encode(schedule) == json)
    }

    @Test(arguments: [
        (#"{"kind":"daily","time":"08:00"}"#, F.daily("08:00")),
        (#"{"kind":"weekly","weekdays":[1,3],"time":"09:30"}"#, F.weekly([1, 3], "09:30")),
        (#"{"kind":"monthly","day":1,"time":"08:00"}"#, F.monthly(1, "08:00")),
        (#"{"kind":"cron","expression":"0 8 * * 1-5"}"#, F.cron("0 8 * * 1-5")),
        (#"{"kind":"cron","expression":"@weekly"}"#, F.cron("@weekly")),
        (#"{"kind":"daily","time":"7:05","day":3}"#, F.daily("07:05")),
    ])
    func decodesEachKind(json: String, schedule: Schedule) throws {
        #expect(try Self.decode(json) == schedule)
    }

    @Test func decodingSortsAndDeduplicatesWeekdays() throws {
        #expect(try Self.decode(#"{"kind":"weekly","weekdays":[5,1,5,3],"time":"09:30"}"#) == F.weekly([1, 3, 5], "09:30"))
    }

    @Test(arguments: [
        F.daily("00:00"), F.weekly([7], "23:59"), F.monthly(31, "12:00"), F.cron("*/5 9-17 * JAN-MAR MON-FRI"),
    ])
    func roundTripsThroughJSON(schedule: Schedule) throws {
        #expect(try Self.decode(try Self.encode(schedule)) == schedule)
    }

    @Test(arguments: [
        BadScheduleJSON("{}", ["schedule.kind field.required"]),
        BadScheduleJSON(#"{"kind":"hourly"}"#, ["schedule.kind schedule.kind_unknown"]),
        BadScheduleJSON(#"{"kind":7}"#, ["schedule.kind field.type"]),
        BadScheduleJSON(#"{"kind":"daily"}"#, ["schedule.time field.required"]),
        BadScheduleJSON(#"{"kind":"daily","time":"25:00"}"#, ["schedule.time schedule.time_invalid"]),
        BadScheduleJSON(#"{"kind":"daily","time":8}"#, ["schedule.time field.type"]),
        BadScheduleJSON(#"{"kind":"weekly","time":"09:30"}"#, ["schedule.weekdays field.required"]),
        BadScheduleJSON(#"{"kind":"weekly","weekdays":[],"time":"09:30"}"#, ["schedule.weekdays field.required"]),
        BadScheduleJSON(#"{"kind":"weekly","weekdays":"mon","time":"09:30"}"#, ["schedule.weekdays field.type"]),
        BadScheduleJSON(
            #"{"kind":"weekly","weekdays":[0,8],"time":"x"}"#,
            ["schedule.time schedule.time_invalid", "schedule.weekdays schedule.weekdays_out_of_range"]),
        BadScheduleJSON(#"{"kind":"monthly","time":"08:00"}"#, ["schedule.day field.required"]),
        BadScheduleJSON(#"{"kind":"monthly","day":32,"time":"08:00"}"#, ["schedule.day schedule.day_out_of_range"]),
        BadScheduleJSON(
            #"{"kind":"monthly","day":0}"#, ["schedule.time field.required", "schedule.day schedule.day_out_of_range"]),
        BadScheduleJSON(#"{"kind":"monthly","day":1.5,"time":"08:00"}"#, ["schedule.day field.type"]),
        BadScheduleJSON(#"{"kind":"cron"}"#, ["schedule.expression field.required"]),
        BadScheduleJSON(#"{"kind":"cron","expression":"0 24 * * *"}"#, ["schedule.expression cron.out_of_range"]),
        BadScheduleJSON(#"{"kind":"cron","expression":"@reboot"}"#, ["schedule.expression cron.unknown_macro"]),
    ])
    func decodingRejectsBadInputNamingEveryField(bad: BadScheduleJSON) {
        let failure = #expect(throws: ValidationFailure.self) { try Self.decode(bad.json) }
        #expect(failure?.errors.map { "\($0.field) \($0.code)" } == bad.errors)
    }

    @Test func cronErrorCarriesTheParserMessage() {
        let failure = #expect(throws: ValidationFailure.self) {
            try Self.decode(#"{"kind":"cron","expression":"0 24 * * *"}"#)
        }
        #expect(failure?.errors.first?.message == "hour: 24 is out of range 0–23")
    }

    @Test func decodingANonObjectIsADecodingError() {
        #expect(throws: DecodingError.self) { try Self.decode(#""daily""#) }
    }

    @Test(arguments: [F.daily("08:00"), F.weekly([1, 7], "08:00"), F.monthly(31, "08:00"), F.cron("@daily")])
    func validScheduleHasNoFieldErrors(schedule: Schedule) {
        #expect(schedule.validate().isEmpty)
    }

    @Test(arguments: [
        (F.weekly([], "08:00"), "schedule.weekdays field.required"),
        (F.weekly([1, 8], "08:00"), "schedule.weekdays schedule.weekdays_out_of_range"),
        (F.weekly([0], "08:00"), "schedule.weekdays schedule.weekdays_out_of_range"),
        (F.monthly(0, "08:00"), "schedule.day schedule.day_out_of_range"),
        (F.monthly(32, "08:00"), "schedule.day schedule.day_out_of_range"),
    ])
    func validateReportsBadWeekdaysAndDays(schedule: Schedule, error: String) {
        #expect(schedule.validate().map { "\($0.field) \($0.code)" } == [error])
    }

    @Test func validatedBuildsFromFormValues() throws {
        let schedule = try Schedule.validated(kind: "monthly", time: "8:00", weekdays: nil, day: 31, expression: nil)
        #expect(schedule == F.monthly(31, "08:00"))
    }

    @Test(arguments: ["daily", "weekly", "monthly", "cron"])
    func kindNamesMatchTheJSON(kind: String) throws {
        let schedule = try Schedule.validated(kind: kind, time: "08:00", weekdays: [1], day: 1, expression: "@daily")
        #expect(schedule.kind == kind)
        #expect(Schedule.kinds.contains(kind))
    }
}
