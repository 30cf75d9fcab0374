/// Why a rule answers a message or not, structured like `ConditionReason` so the tester UI can translate it:
/// a stable `code` (a translation key), its `arguments` (`{0}`, `{1}`, … in the text), and an English `message`
/// for the API, made from the same template.
public struct AutoReplyReason: Sendable, Hashable, Codable {
    public let code: Code
    public let arguments: [String]
    public let message: String

    public init(_ code: Code, _ arguments: [String] = []) {
        self.code = code
        self.arguments = arguments
        var text = code.englishTemplate
        for (index, argument) in arguments.enumerated() {
            text = text.replacingOccurrences(of: "{\(index)}", with: argument)
        }
        self.message = text
    }

    /// Words or phrases as the reasons show them: “turno”, “precio”.
    static func quoted(_ items: [String]) -> String {
        items.map { "“\($0)”" }.joined(separator: ", ")
    }

    public enum Code: String, Sendable, Codable, CaseIterable {
        // keyword: {0} words found (or missing, for keywordsAbsent), {1} words missing, as quoted lists.
        case keywordsFound = "auto_reply.keywords_found"
        case keywordsAbsent = "auto_reply.keywords_absent"
        case keywordsIncomplete = "auto_reply.keywords_incomplete"
        case noKeywords = "auto_reply.no_keywords"
        // pattern: {0} the pattern, {1} the matched text or the problem.
        case patternMatched = "auto_reply.pattern_matched"
        case patternNotMatched = "auto_reply.pattern_not_matched"
        case patternTimedOut = "auto_reply.pattern_timed_out"
        case patternUnusable = "auto_reply.pattern_unusable"
        // built-ins: {0} the phrases found, {1} the other words.
        case greetingFound = "auto_reply.greeting_found"
        case thanksFound = "auto_reply.thanks_found"
        case goodbyeFound = "auto_reply.goodbye_found"
        case greetingAbsent = "auto_reply.greeting_absent"
        case thanksAbsent = "auto_reply.thanks_absent"
        case goodbyeAbsent = "auto_reply.goodbye_absent"
        case moreThanSmallTalk = "auto_reply.more_than_small_talk"
        case questionBeyondSmallTalk = "auto_reply.question_beyond_small_talk"
        // scope: {0} the rule's numbers, {1} the message's number.
        case disabled = "auto_reply.disabled"
        case otherNumber = "auto_reply.other_number"
        case noNumber = "auto_reply.no_number"
        // hours: {0} the active hours, {1} the tenant's clock ("Saturday 10:15"), {2} the time zone.
        case outsideHours = "auto_reply.outside_hours"
        // tester: {0} the rule that answers instead.
        case outranked = "auto_reply.outranked"

        /// The English text; also what Resources/Locales/en.json should hold under the code.
        public var englishTemplate: String {
            switch self {
            case .keywordsFound: "Found {0}"
            case .keywordsAbsent: "None of {0} is in the message"
            case .keywordsIncomplete: "Found {0} but not {1}"
            case .noKeywords: "The rule has no usable keywords"
            case .patternMatched: "Pattern {0} matched “{1}”"
            case .patternNotMatched: "Pattern {0} does not match"
            case .patternTimedOut: "Pattern {0} was stopped after {1} ms"
            case .patternUnusable: "Pattern {0} cannot be used: {1}"
            case .greetingFound: "Greeting {0}"
            case .thanksFound: "Thanks {0}"
            case .goodbyeFound: "Goodbye {0}"
            case .greetingAbsent: "No greeting in the message"
            case .thanksAbsent: "No thanks in the message"
            case .goodbyeAbsent: "No goodbye in the message"
            case .moreThanSmallTalk: "Besides {0} the message says {1}"
            case .questionBeyondSmallTalk: "Besides {0} the message asks {1}"
            case .disabled: "The rule is off"
            case .otherNumber: "The rule answers only on {0}; the message came to {1}"
            case .noNumber: "The rule answers only on {0}; the message came to no number"
            case .outsideHours: "Outside active hours ({0}): it is {1} in {2}"
            case .outranked: "Matches, but “{0}” comes first"
            }
        }
    }
}
