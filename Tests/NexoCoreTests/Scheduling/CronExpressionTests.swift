import Foundation
import Testing

@testable import NexoCore

/// A parsed expression's value sets, for table-driven comparisons.
struct CronFields: Sendable, Equatable, CustomTestStringConvertible {
    var minutes: [Int] = Array(0...59)
    var hours: [Int] = Array(0...23)
    var daysOfMonth: [Int] = Array(1...31)
    var months: [Int] = Array(1...12)
    var daysOfWeek: [Int] = Array(0...6)

    init(
        minutes: [Int]? = nil, hours: [Int]? = nil, daysOfMonth: [Int]? = nil, months: [Int]? = nil, daysOfWeek: [Int]? = nil
    ) {
        if let minutes { self.minutes = minutes }
        if let hours { self.hours = hours }
        if let daysOfMonth { self.daysOfMonth = daysOfMonth }
        if let months { self.months = months }
        if let daysOfWeek { self.daysOfWeek = daysOfWeek }
    }

    init(_ expression: CronExpression) {
        self.init(
            minutes: expression.minutes, hours: expression.hours, daysOfMonth: expression.daysOfMonth,
            months: expression.months, daysOfWeek: expression.daysOfWeek)
    }

    var testDescription: String { "\(minutes) \(hours) \(daysOfMonth) \(months) \(daysOfWeek)" }
}

/// An expected parse failure.
struct CronFailure: Sendable, CustomTestStringConvertible {
    let text: String
    let code: String
    let message: String
    let field: CronExpression.Field?
    let token: String
    let offset: Int

    init(_ text: String, _ code: String, _ message: String, _ field: CronExpression.Field?, _ token: String, _ offset: Int) {
        (self.text, self.code, self.message, self.field, self.token, self.offset) = (text, code, message, field, token, offset)
    }

    var testDescription: String { "\"\(text)\"" }
}

@Suite struct CronExpressionTests {
    @Test(arguments: [
        ("0 8 * * 1-5", CronFields(minutes: [0], hours: [8], daysOfWeek: [1, 2, 3, 4, 5])),
        ("*/15 * * * *", CronFields(minutes: [0, 15, 30, 45])),
        ("10-50/10 * * * *", CronFields(minutes: [10, 20, 30, 40, 50])),
        ("5/20 * * * *", CronFields(minutes: [5, 25, 45])),
        ("0 0,12 1,15 * *", CronFields(minutes: [0], hours: [0, 12], daysOfMonth: [1, 15])),
        ("1,2-4,30-59/15 * * * *", CronFields(minutes: [1, 2, 3, 4, 30, 45])),
        ("0 9 */10 * *", CronFields(minutes: [0], hours: [9], daysOfMonth: [1, 11, 21, 31])),
        ("0 9 * jan,Jul,DEC *", CronFields(minutes: [0], hours: [9], months: [1, 7, 12])),
        ("0 9 * FEB-APR/2 *", CronFields(minutes: [0], hours: [9], months: [2, 4])),
        ("0 9 * * mon-FRI", CronFields(minutes: [0], hours: [9], daysOfWeek: [1, 2, 3, 4, 5])),
        ("0 9 * * 7", CronFields(minutes: [0], hours: [9], daysOfWeek: [0])),
        ("0 9 * * 5-7", CronFields(minutes: [0], hours: [9], daysOfWeek: [0, 5, 6])),
        ("0 9 * * FRI-SUN", CronFields(minutes: [0], hours: [9], daysOfWeek: [0, 5, 6])),
        ("0 9 * * sat,sun", CronFields(minutes: [0], hours: [9], daysOfWeek: [0, 6])),
        ("0 9 * * 0-7", CronFields(minutes: [0], hours: [9])),
        ("0 9 * * */2", CronFields(minutes: [0], hours: [9], daysOfWeek: [0, 2, 4, 6])),
        ("59 23 31 12 6", CronFields(minutes: [59], hours: [23], daysOfMonth: [31], months: [12], daysOfWeek: [6])),
        ("00 08 01 01 00", CronFields(minutes: [0], hours: [8], daysOfMonth: [1], months: [1], daysOfWeek: [0])),
        ("  0\t8  * *   1-5 \n", CronFields(minutes: [0], hours: [8], daysOfWeek: [1, 2, 3, 4, 5])),
        ("* * * * *", CronFields()),
    ])
    func parsesFields(text: String, fields: CronFields) throws {
        #expect(CronFields(try CronExpression(text)) == fields)
    }

    @Test(arguments: [
        ("@hourly", "0 * * * *"), ("@daily", "0 0 * * *"), ("@midnight", "0 0 * * *"), ("@weekly", "0 0 * * 0"),
        ("@monthly", "0 0 1 * *"), ("@yearly", "0 0 1 1 *"), ("@annually", "0 0 1 1 *"), ("@DAILY", "0 0 * * *"),
        (" @Weekly ", "0 0 * * 0"),
    ])
    func macrosExpandToTheirFields(macro: String, expansion: String) throws {
        #expect(CronFields(try CronExpression(macro)) == CronFields(try CronExpression(expansion)))
    }

    @Test func keepsOriginalTextForDisplay() throws {
        let expression = try CronExpression("  0 8 * * MON-FRI ")
        #expect(expression.text == "0 8 * * MON-FRI")
        #expect(expression.description == "0 8 * * MON-FRI")
        #expect(try CronExpression("@daily").text == "@daily")
    }

    @Test(arguments: [
        ("* * * * *", false, false), ("0 0 1 * MON", true, true), ("0 0 */2 * *", true, false), ("0 0 */1 * *", false, false),
        ("0 0 * * */1", false, false), ("0 0 * * 1-5", false, true), ("@weekly", false, true), ("@monthly", true, false),
    ])
    func tellsWhichDayFieldsAreRestricted(text: String, dayOfMonth: Bool, dayOfWeek: Bool) throws {
        let expression = try CronExpression(text)
        #expect(expression.restrictsDayOfMonth == dayOfMonth)
        #expect(expression.restrictsDayOfWeek == dayOfWeek)
    }

    @Test(arguments: [
        CronFailure("", "cron.empty", "The cron expression is empty.", nil, "", 0),
        CronFailure("  \t ", "cron.empty", "The cron expression is empty.", nil, "", 0),
        CronFailure("0 24 * * *", "cron.out_of_range", "hour: 24 is out of range 0–23", .hour, "24", 2),
        CronFailure("60 * * * *", "cron.out_of_range", "minute: 60 is out of range 0–59", .minute, "60", 0),
        CronFailure("0 0 0 * *", "cron.out_of_range", "day-of-month: 0 is out of range 1–31", .dayOfMonth, "0", 4),
        CronFailure("0 0 32 * *", "cron.out_of_range", "day-of-month: 32 is out of range 1–31", .dayOfMonth, "32", 4),
        CronFailure("0 0 * 13 *", "cron.out_of_range", "month: 13 is out of range 1–12", .month, "13", 6),
        CronFailure("0 0 * 0 *", "cron.out_of_range", "month: 0 is out of range 1–12", .month, "0", 6),
        CronFailure("0 0 * * 8", "cron.out_of_range", "day-of-week: 8 is out of range 0–7", .dayOfWeek, "8", 8),
        CronFailure("0 1-24 * * *", "cron.out_of_range", "hour: 24 is out of range 0–23", .hour, "24", 4),
        CronFailure("99999 * * * *", "cron.out_of_range", "minute: 99999 is out of range 0–59", .minute, "99999", 0),
        CronFailure(" 0 24 * * *", "cron.out_of_range", "hour: 24 is out of range 0–23", .hour, "24", 3),
        CronFailure(
            "0 0 * FOO *", "cron.invalid_value", "month: FOO is not a number or a month name (JAN–DEC)", .month, "FOO", 6),
        CronFailure(
            "0 0 * * MONDAY", "cron.invalid_value", "day-of-week: MONDAY is not a number or a weekday name (SUN–SAT)",
            .dayOfWeek, "MONDAY", 8),
        CronFailure("x * * * *", "cron.invalid_value", "minute: x is not a number", .minute, "x", 0),
        CronFailure("0 MON * * *", "cron.invalid_value", "hour: MON is not a number", .hour, "MON", 2),
        CronFailure("0 0 L * *", "cron.invalid_value", "day-of-month: L is not a number", .dayOfMonth, "L", 4),
        CronFailure("0 0 ? * *", "cron.invalid_value", "day-of-month: ? is not a number", .dayOfMonth, "?", 4),
        CronFailure(
            "0 0 * * 1#2", "cron.invalid_value", "day-of-week: 1#2 is not a number or a weekday name (SUN–SAT)",
            .dayOfWeek, "1#2", 8),
        CronFailure("0 -5 * * *", "cron.invalid_value", "hour: (missing value) is not a number", .hour, "", 2),
        CronFailure("0 1-2-3 * * *", "cron.invalid_value", "hour: 1-2-3 is not a value or a range", .hour, "1-2-3", 2),
        CronFailure(
            "0 8 * *", "cron.field_count", "Expected 5 fields (minute hour day-of-month month day-of-week), found 4.", nil,
            "", 7),
        CronFailure(
            "0 8 * * * *", "cron.field_count", "Expected 5 fields (minute hour day-of-month month day-of-week), found 6.",
            nil, "*", 10),
        CronFailure("*/0 * * * *", "cron.invalid_step", "minute: step 0 is out of range 1–60", .minute, "0", 2),
        CronFailure("0 0 * * */8", "cron.invalid_step", "day-of-week: step 8 is out of range 1–7", .dayOfWeek, "8", 10),
        CronFailure("*/x * * * *", "cron.invalid_step", "minute: step x is not a number", .minute, "x", 2),
        CronFailure("*/ * * * *", "cron.invalid_step", "minute: step (missing) is not a number", .minute, "", 2),
        CronFailure("1/2/3 * * * *", "cron.invalid_step", "minute: 1/2/3 has more than one step", .minute, "1/2/3", 0),
        CronFailure(
            "0 5-1 * * *", "cron.reversed_range", "hour: range 5-1 runs backwards; write the smaller value first", .hour,
            "5-1", 2),
        CronFailure(
            "0 0 * * FRI-MON", "cron.reversed_range",
            "day-of-week: range FRI-MON runs backwards; write the smaller value first", .dayOfWeek, "FRI-MON", 8),
        CronFailure("0 1,,2 * * *", "cron.empty_item", "hour: the list 1,,2 has an empty item", .hour, "1,,2", 4),
        CronFailure("0 8, * * *", "cron.empty_item", "hour: the list 8, has an empty item", .hour, "8,", 4),
        CronFailure(
            "@reboot", "cron.unknown_macro",
            "@reboot is not a known macro; use one of @annually, @daily, @hourly, @midnight, @monthly, @weekly, @yearly.",
            nil, "@reboot", 0),
        CronFailure("@daily 5", "cron.unknown_macro", "A macro such as @daily must stand alone.", nil, "@daily", 0),
    ])
    func rejectsBadExpressionNamingFieldAndToken(failure: CronFailure) {
        let error = #expect(throws: CronExpression.ParseError.self) { try CronExpression(failure.text) }
        #expect(error?.code == failure.code)
        #expect(error?.message == failure.message)
        #expect(error?.field == failure.field)
        #expect(error?.token == failure.token)
        #expect(error?.offset == failure.offset)
    }

    @Test func parseErrorDescribesItselfWithTheMessage() {
        let error = #expect(throws: CronExpression.ParseError.self) { try CronExpression("0 24 * * *") }
        #expect(error.map { String(describing: $0) } == "hour: 24 is out of range 0–23")
    }

    /// "13th of the month or any Friday" (Vixie OR) against "13th only" and "Fridays only".
    @Test(arguments: [
        ("0 0 13 * 5", 9, 13, 5, true), ("0 0 13 * 5", 9, 6, 5, true), ("0 0 13 * 5", 10, 13, 0, true),
        ("0 0 13 * 5", 10, 14, 1, false), ("0 0 13 * *", 10, 13, 0, true), ("0 0 13 * *", 10, 11, 5, false),
        ("0 0 * * 5", 10, 11, 5, true), ("0 0 * * 5", 10, 13, 0, false), ("0 0 13 2 5", 3, 13, 5, false),
        ("0 0 */2 * 1", 1, 3, 3, true), ("0 0 */2 * 1", 1, 8, 1, true), ("0 0 */2 * 1", 1, 8, 2, false),
    ])
    func matchesEitherDayFieldWhenBothAreRestricted(text: String, month: Int, day: Int, weekday: Int, matches: Bool) throws {
        #expect(try CronExpression(text).matchesDay(month: month, day: day, weekday: weekday) == matches)
    }

    @Test func matchesTimeOfDayAgainstHourAndMinuteSets() throws {
        let expression = try CronExpression("*/30 9-17 * * *")
        #expect(expression.matchesTime(hour: 9, minute: 30))
        #expect(expression.matchesTime(hour: 18, minute: 0) == false)
        #expect(expression.matchesTime(hour: 10, minute: 15) == false)
    }

    @Test func encodesAsExpressionString() throws {
        let data = try JSONEncoder().encode([try CronExpression("0 8 * * MON-FRI")])
        #expect(String(decoding: data, as: UTF8.self) == #"["0 8 * * MON-FRI"]"#)
    }

    @Test func decodesFromExpressionString() throws {
        let decoded = try JSONDecoder().decode([CronExpression].self, from: Data(#"["@weekly"]"#.utf8))
        #expect(decoded == [try CronExpression("@weekly")])
    }

    @Test func decodingRejectsBadExpressionWithItsMessage() {
        let error = #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([CronExpression].self, from: Data(#"["0 24 * * *"]"#.utf8))
        }
        guard case .dataCorrupted(let context) = error else {
            Issue.record("expected dataCorrupted, got \(String(describing: error))")
            return
        }
        #expect(context.debugDescription == "hour: 24 is out of range 0–23")
    }
}
