import Foundation

/// Why a condition passed or failed for one contact, structured so the UI can translate it:
/// a stable `code` (a translation key), its `arguments` (`{0}`, `{1}`, … in the text), and an English `message`
/// for the API, made from the same template so the two never disagree.
public struct ConditionReason: Sendable, Hashable, Codable {
    public let code: Code
    public let arguments: [String]
    public let message: String

    public init(_ code: Code, _ arguments: [String] = []) {
        self.code = code
        self.arguments = arguments
        self.message = Self.fill(code.englishTemplate, arguments)
    }

    /// Replaces `{n}` with the arguments, as `Translations.text` does, and says "1 day" rather than "1 days".
    static func fill(_ template: String, _ arguments: [String]) -> String {
        var text = arguments.first == "1" ? template.replacingOccurrences(of: "{0} days", with: "{0} day") : template
        for (index, argument) in arguments.enumerated() {
            text = text.replacingOccurrences(of: "{\(index)}", with: argument)
        }
        return text
    }

    public enum Code: String, Sendable, Codable, CaseIterable {
        // field: {0} is the field ("first_name", "metadata.plan"), {1} the contact's value, {2} the condition's.
        case fieldUnknown = "condition.field_unknown"
        case fieldEmpty = "condition.field_empty"
        case fieldNotEmpty = "condition.field_not_empty"
        case fieldEquals = "condition.field_equals"
        case fieldNotEqual = "condition.field_not_equal"
        case fieldContains = "condition.field_contains"
        case fieldNotContaining = "condition.field_not_containing"
        case fieldStartsWith = "condition.field_starts_with"
        case fieldNotStarting = "condition.field_not_starting"
        case tagPresent = "condition.tag_present"
        case tagMissing = "condition.tag_missing"
        case statusListed = "condition.status_listed"
        case statusNotListed = "condition.status_not_listed"
        case consentGiven = "condition.consent_given"
        case consentUnknown = "condition.consent_unknown"
        case consentWithdrawn = "condition.consent_withdrawn"
        case hasEmail = "condition.has_email"
        case noEmail = "condition.no_email"
        case hasPhone = "condition.has_phone"
        case noPhone = "condition.no_phone"
        case phoneInvalid = "condition.phone_invalid"
        case birthdayToday = "condition.birthday_today"
        case birthdayNotToday = "condition.birthday_not_today"
        case noBirthday = "condition.no_birthday"
        // days: {0} is the days elapsed, {1} the condition's days.
        case interactionOldEnough = "condition.interaction_old_enough"
        case interactionTooRecent = "condition.interaction_too_recent"
        case interactionRecentEnough = "condition.interaction_recent_enough"
        case interactionTooOld = "condition.interaction_too_old"
        case neverContactedOldEnough = "condition.never_contacted_old_enough"
        case neverContactedTooRecent = "condition.never_contacted_too_recent"
        case neverContactedRecentEnough = "condition.never_contacted_recent_enough"
        case neverContactedTooOld = "condition.never_contacted_too_old"
        case createdRecently = "condition.created_recently"
        case createdTooLongAgo = "condition.created_too_long_ago"
        case scoreHighEnough = "condition.score_high_enough"
        case scoreTooLow = "condition.score_too_low"
        case scoreLowEnough = "condition.score_low_enough"
        case scoreTooHigh = "condition.score_too_high"

        /// The English text; also what Resources/Locales/en.json should hold under the code.
        public var englishTemplate: String {
            switch self {
            case .fieldUnknown: "Unknown field {0}"
            case .fieldEmpty: "{0} is empty"
            case .fieldNotEmpty: "{0} is not empty: “{1}”"
            case .fieldEquals: "{0} is “{1}”"
            case .fieldNotEqual: "{0} is “{1}”, not “{2}”"
            case .fieldContains: "{0} “{1}” contains “{2}”"
            case .fieldNotContaining: "{0} “{1}” does not contain “{2}”"
            case .fieldStartsWith: "{0} “{1}” starts with “{2}”"
            case .fieldNotStarting: "{0} “{1}” does not start with “{2}”"
            case .tagPresent: "Has tag {0}"
            case .tagMissing: "Does not have tag {0}"
            case .statusListed: "Status {0} is one of {1}"
            case .statusNotListed: "Status {0} is not one of {1}"
            case .consentGiven: "Consent for {0} given"
            case .consentUnknown: "No consent recorded for {0}"
            case .consentWithdrawn: "Consent for {0} withdrawn"
            case .hasEmail: "Has an email address"
            case .noEmail: "Has no email address"
            case .hasPhone: "Has a valid phone number"
            case .noPhone: "Has no phone number"
            case .phoneInvalid: "Phone number is not valid"
            case .birthdayToday: "Birthday is today ({0} in {1})"
            case .birthdayNotToday: "Birthday is {0}; today is {1} in {2}"
            case .noBirthday: "Birthday unknown"
            case .interactionOldEnough: "Last interaction {0} days ago (at least {1})"
            case .interactionTooRecent: "Last interaction {0} days ago; needs at least {1}"
            case .interactionRecentEnough: "Last interaction {0} days ago (less than {1})"
            case .interactionTooOld: "Last interaction {0} days ago; needs less than {1}"
            case .neverContactedOldEnough: "Never contacted, added {0} days ago (at least {1})"
            case .neverContactedTooRecent: "Never contacted, added {0} days ago; needs at least {1}"
            case .neverContactedRecentEnough: "Never contacted, added {0} days ago (less than {1})"
            case .neverContactedTooOld: "Never contacted, added {0} days ago; needs less than {1}"
            case .createdRecently: "Added {0} days ago (less than {1})"
            case .createdTooLongAgo: "Added {0} days ago; needs less than {1}"
            case .scoreHighEnough: "Score {0} (at least {1})"
            case .scoreTooLow: "Score {0}; needs at least {1}"
            case .scoreLowEnough: "Score {0} (less than {1})"
            case .scoreTooHigh: "Score {0}; needs less than {1}"
            }
        }
    }
}
