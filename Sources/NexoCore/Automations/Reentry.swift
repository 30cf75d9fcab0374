/// How often one contact may go through an automation: the guard that makes "once per contact" and
/// "once a year" hold even when triggers fire again or jobs run twice.
/// JSON: `"once"`, `"once_per_year"`, `"always"`, or `{"after_days": 60}`.
public enum Reentry: Sendable, Hashable, Codable {
    /// Once per contact, ever (a welcome).
    case once
    /// Once per contact per calendar year in the tenant's time zone (a birthday).
    case oncePerYear
    /// Again only when the last run for the contact started at least this many days ago (a reactivation).
    case afterDays(Int)
    /// Every trigger (every event, every scheduled fire).
    case always

    private enum Key: String, CodingKey { case afterDays = "after_days" }

    public init(from decoder: any Decoder) throws {
        if let single = try? decoder.singleValueContainer(), let text = try? single.decode(String.self) {
            switch text {
            case "once": self = .once
            case "once_per_year": self = .oncePerYear
            case "always": self = .always
            default:
                throw DecodingError.dataCorruptedError(
                    in: single, debugDescription: "unknown reentry \(text); expected once, once_per_year, always or {after_days}")
            }
            return
        }
        let container = try decoder.container(keyedBy: Key.self)
        self = .afterDays(try container.decode(Int.self, forKey: .afterDays))
    }

    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .once:
            var single = encoder.singleValueContainer()
            try single.encode("once")
        case .oncePerYear:
            var single = encoder.singleValueContainer()
            try single.encode("once_per_year")
        case .always:
            var single = encoder.singleValueContainer()
            try single.encode("always")
        case .afterDays(let days):
            var container = encoder.container(keyedBy: Key.self)
            try container.encode(days, forKey: .afterDays)
        }
    }

    /// The stable text form used in forms and storage: once, once_per_year, always, after_days:N.
    public var code: String {
        switch self {
        case .once: "once"
        case .oncePerYear: "once_per_year"
        case .always: "always"
        case .afterDays(let days): "after_days:\(days)"
        }
    }

    public init?(code: String) {
        switch code {
        case "once": self = .once
        case "once_per_year": self = .oncePerYear
        case "always": self = .always
        default:
            guard code.hasPrefix("after_days:"), let days = Int(code.dropFirst("after_days:".count)) else { return nil }
            self = .afterDays(days)
        }
    }

    public func validate() -> [FieldError] {
        if case .afterDays(let days) = self, !(1...3650).contains(days) {
            return [FieldError(field: "reentry", code: "reentry.days_out_of_range", message: "Days must be between 1 and 3650")]
        }
        return []
    }
}
