import Foundation

/// One filter on a contact, as automations, segments and campaigns use it ("has tag vip", "birthday is today", …).
///
/// Conditions are stored as JSON and travel through the REST API, so their shape (`Condition+Codable.swift`)
/// is part of the public contract. Decoding checks the structure (kind, operators, types); `ConditionGroup.validate()`
/// checks the content (known field, non-empty tag, days not negative, …) and names every problem.
public enum Condition: Sendable, Hashable {
    /// A hundred years: longer spans are typing slips, and far-off dates overflow some databases' time types.
    public static let maxDays = 36_500

    /// A contact field compared as text, ignoring case and accents. `value` is not used by the empty checks.
    case field(Field, FieldOperator, value: String? = nil)
    case hasTag(String)
    case lacksTag(String)
    /// The contact's status is one of these (statuses are free-form keywords per tenant).
    case statusIn([String])
    case consent(Channel, ConsentRequirement)
    case hasEmail
    /// A phone number that parsed as valid, so messages can reach it.
    case hasPhone
    case birthdayToday(BirthdayZone = .contact)
    /// Days, in 24-hour periods, since the last interaction or, for a contact never contacted, since it was added.
    case daysSinceLastInteraction(Comparison, days: Int)
    /// Added less than `days` 24-hour periods ago.
    case createdWithinDays(Int)
    case score(Comparison, Int)

    /// The `"kind"` discriminator of the JSON shape.
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case field
        case hasTag = "has_tag"
        case lacksTag = "lacks_tag"
        case statusIn = "status_in"
        case consent
        case hasEmail = "has_email"
        case hasPhone = "has_phone"
        case birthdayToday = "birthday_today"
        case daysSinceLastInteraction = "days_since_last_interaction"
        case createdWithinDays = "created_within_days"
        case score
    }

    public enum FieldOperator: String, Sendable, Codable, CaseIterable {
        case equals
        case notEquals = "not_equals"
        case contains
        case notContains = "not_contains"
        case startsWith = "starts_with"
        case isEmpty = "is_empty"
        case isNotEmpty = "is_not_empty"

        /// Whether the operator compares against a value (the empty checks do not).
        public var needsValue: Bool { self != .isEmpty && self != .isNotEmpty }
    }

    /// How a number (days, score) is compared with the condition's threshold.
    public enum Comparison: String, Sendable, Codable, CaseIterable {
        case atLeast = "at_least"
        case lessThan = "less_than"

        func holds(_ actual: Int, _ threshold: Int) -> Bool {
            switch self {
            case .atLeast: actual >= threshold
            case .lessThan: actual < threshold
            }
        }
    }

    public enum Channel: String, Sendable, Codable, CaseIterable {
        case email
        case whatsapp
    }

    public enum ConsentRequirement: String, Sendable, Codable, CaseIterable {
        /// Only an explicit yes counts: what marketing messages need.
        case given
        /// Unknown or given: anyone who has not opted out.
        case notWithdrawn = "not_withdrawn"
    }

    /// Whose calendar decides what "today" is.
    public enum BirthdayZone: String, Sendable, Codable, CaseIterable {
        /// The contact's own time zone when known, else the tenant's: greetings arrive on the person's day.
        case contact
        case tenant
    }

    public var kind: Kind {
        switch self {
        case .field: .field
        case .hasTag: .hasTag
        case .lacksTag: .lacksTag
        case .statusIn: .statusIn
        case .consent: .consent
        case .hasEmail: .hasEmail
        case .hasPhone: .hasPhone
        case .birthdayToday: .birthdayToday
        case .daysSinceLastInteraction: .daysSinceLastInteraction
        case .createdWithinDays: .createdWithinDays
        case .score: .score
        }
    }
}
