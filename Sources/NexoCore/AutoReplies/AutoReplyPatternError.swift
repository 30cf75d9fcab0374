/// Why a pattern trigger cannot be saved. `code` is stable and translated in the UI; `message` is English.
public struct AutoReplyPatternError: Error, Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case required = "auto_reply.pattern_required"
        case tooLong = "auto_reply.pattern_too_long"
        /// NSRegularExpression refuses it.
        case invalid = "auto_reply.pattern_invalid"
        /// Nested repetition or a backreference (`AutoReplyPattern.unsafeConstruct(in:)`).
        case unsafe = "auto_reply.pattern_unsafe"
        /// Over `AutoReplyPattern.probeBudget` on a probe text.
        case tooSlow = "auto_reply.pattern_too_slow"
        /// Matches an empty message, so it would answer everything.
        case matchesEverything = "auto_reply.pattern_matches_everything"
    }

    public let kind: Kind
    public let message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var code: String { kind.rawValue }

    public func fieldError(field: String) -> FieldError { FieldError(field: field, code: code, message: message) }
}
