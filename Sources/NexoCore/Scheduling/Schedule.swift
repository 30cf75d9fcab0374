import Foundation

/// When recurring work fires, in the tenant's time zone.
///
/// JSON: `{"kind":"daily","time":"08:00"}`, `{"kind":"weekly","weekdays":[1,3],"time":"09:30"}`,
/// `{"kind":"monthly","day":1,"time":"08:00"}`, `{"kind":"cron","expression":"0 8 * * 1-5"}`.
/// Decoding validates and throws `ValidationFailure` naming fields "schedule.kind", "schedule.time",
/// "schedule.weekdays", "schedule.day" and "schedule.expression".
public enum Schedule: Sendable, Hashable, Codable {
    case daily(TimeOfDay)
    /// `weekdays`: ISO numbers, 1 = Monday … 7 = Sunday.
    case weekly(weekdays: [Int], at: TimeOfDay)
    /// `day` 1…31; in shorter months a day past the end fires on the month's last day (31 → Feb 28/29).
    case monthly(day: Int, at: TimeOfDay)
    case cron(CronExpression)

    public static let kinds = ["daily", "weekly", "monthly", "cron"]

    public var kind: String {
        switch self {
        case .daily: "daily"
        case .weekly: "weekly"
        case .monthly: "monthly"
        case .cron: "cron"
        }
    }

    /// Problems with values the enum's types cannot rule out (weekdays, day of month); empty when valid.
    public func validate() -> [FieldError] {
        switch self {
        case .daily, .cron:
            return []
        case .weekly(let weekdays, _):
            if weekdays.isEmpty {
                return [FieldError(field: "schedule.weekdays", code: "field.required", message: "Choose at least one weekday.")]
            }
            if let bad = weekdays.first(where: { !(1...7).contains($0) }) {
                return [
                    FieldError(
                        field: "schedule.weekdays", code: "schedule.weekdays_out_of_range",
                        message: "Weekday \(bad) is out of range 1–7 (1 = Monday, 7 = Sunday).")
                ]
            }
            return []
        case .monthly(let day, _):
            guard (1...31).contains(day) else {
                return [
                    FieldError(
                        field: "schedule.day", code: "schedule.day_out_of_range", message: "Day \(day) is out of range 1–31.")
                ]
            }
            return []
        }
    }

    /// Builds a schedule from raw form or JSON values, reporting every problem at once.
    /// Weekdays are sorted and deduplicated; values a kind does not use are ignored.
    public static func validated(
        kind: String?, time: String?, weekdays: [Int]?, day: Int?, expression: String?
    ) throws(ValidationFailure) -> Schedule {
        var errors: [FieldError] = []
        func required(_ field: String, _ message: String) {
            errors.append(FieldError(field: "schedule.\(field)", code: "field.required", message: message))
        }
        func parsedTime() -> TimeOfDay? {
            guard let time else {
                required("time", "Give the time of day as HH:MM.")
                return nil
            }
            guard let parsed = TimeOfDay(time) else {
                errors.append(
                    FieldError(
                        field: "schedule.time", code: "schedule.time_invalid",
                        message: "\(time) is not a time of day; write HH:MM from 00:00 to 23:59."))
                return nil
            }
            return parsed
        }

        var schedule: Schedule?
        switch kind {
        case "daily":
            schedule = parsedTime().map { .daily($0) }
        case "weekly":
            let at = parsedTime()
            if let weekdays {
                let candidate = Schedule.weekly(weekdays: Array(Set(weekdays)).sorted(), at: at ?? .midnight)
                errors += candidate.validate()
                if at != nil { schedule = candidate }
            } else {
                required("weekdays", "Choose at least one weekday.")
            }
        case "monthly":
            let at = parsedTime()
            if let day {
                let candidate = Schedule.monthly(day: day, at: at ?? .midnight)
                errors += candidate.validate()
                if at != nil { schedule = candidate }
            } else {
                required("day", "Choose the day of the month, 1–31.")
            }
        case "cron":
            if let expression {
                do throws(CronExpression.ParseError) {
                    schedule = .cron(try CronExpression(expression))
                } catch {
                    errors.append(FieldError(field: "schedule.expression", code: error.code, message: error.message))
                }
            } else {
                required("expression", "Write a cron expression, e.g. 0 8 * * 1-5.")
            }
        case nil:
            required("kind", "Choose a kind of schedule: daily, weekly, monthly or cron.")
        case let other?:
            errors.append(
                FieldError(
                    field: "schedule.kind", code: "schedule.kind_unknown",
                    message: "\(other) is not a kind of schedule; use daily, weekly, monthly or cron."))
        }
        guard errors.isEmpty, let schedule else { throw ValidationFailure(errors) }
        return schedule
    }

    // MARK: Codable

    enum CodingKeys: String, CodingKey {
        case kind, time, weekdays, day, expression
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        var typeErrors: [FieldError] = []
        // A value of the wrong JSON type is reported with the other problems rather than aborting decoding.
        func read<Value: Decodable>(_ key: CodingKeys, _ type: Value.Type, _ expected: String) -> Value? {
            do {
                return try container.decodeIfPresent(type, forKey: key)
            } catch {
                typeErrors.append(
                    FieldError(field: "schedule.\(key.rawValue)", code: "field.type", message: "Must be \(expected)."))
                return nil
            }
        }
        let kind = read(.kind, String.self, "a string")
        let time = read(.time, String.self, "a string HH:MM")
        let weekdays = read(.weekdays, [Int].self, "an array of whole numbers 1–7")
        let day = read(.day, Int.self, "a whole number 1–31")
        let expression = read(.expression, String.self, "a string")
        var errors = typeErrors
        var schedule: Schedule?
        do throws(ValidationFailure) {
            schedule = try Schedule.validated(kind: kind, time: time, weekdays: weekdays, day: day, expression: expression)
        } catch {
            // A type error replaces the "required" error that its missing value caused.
            let typed = Set(typeErrors.map(\.field))
            errors += error.errors.filter { !typed.contains($0.field) }
        }
        guard errors.isEmpty, let schedule else { throw ValidationFailure(errors) }
        self = schedule
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(kind, forKey: .kind)
        switch self {
        case .daily(let time):
            try container.encode(time, forKey: .time)
        case .weekly(let weekdays, let time):
            try container.encode(weekdays, forKey: .weekdays)
            try container.encode(time, forKey: .time)
        case .monthly(let day, let time):
            try container.encode(day, forKey: .day)
            try container.encode(time, forKey: .time)
        case .cron(let expression):
            try container.encode(expression.text, forKey: .expression)
        }
    }
}
