/// Checks a trigger before it is saved; pattern triggers are compiled and timed (`AutoReplyPattern.problem(in:)`).
extension AutoReplyTrigger {
    /// Enough for synonyms and misspellings; a longer list is usually several rules in one.
    public static let maximumKeywords = 50
    /// In characters.
    public static let maximumKeywordLength = 100

    /// Every problem, each naming its place in the rule's JSON (`trigger.words[2]`, `trigger.pattern`).
    public func validate() -> [FieldError] {
        switch self {
        case .keyword(let words, _, _):
            return Self.validateKeywords(words)
        case .pattern(let source):
            return AutoReplyPattern.problem(in: source).map { [$0.fieldError(field: "trigger.pattern")] } ?? []
        case .greeting, .thanks, .goodbye:
            return []
        }
    }

    private static func validateKeywords(_ words: [String]) -> [FieldError] {
        if words.isEmpty {
            return [FieldError(field: "trigger.words", code: "field.required", message: "Give at least one keyword.")]
        }
        var errors: [FieldError] = []
        if words.count > maximumKeywords {
            errors.append(
                FieldError(
                    field: "trigger.words", code: "auto_reply.too_many_keywords",
                    message: "A rule takes at most \(maximumKeywords) keywords; it has \(words.count)."))
        }
        var seen: [[String]: Int] = [:]
        for (index, word) in words.enumerated() {
            let field = "trigger.words[\(index)]"
            let normalized = MessageWords.words(of: word)
            if normalized.isEmpty {
                errors.append(
                    FieldError(
                        field: field, code: "auto_reply.keyword_blank",
                        message: "“\(word)” has no letters or digits, so it can never match."))
            } else if word.count > maximumKeywordLength {
                errors.append(
                    FieldError(
                        field: field, code: "auto_reply.keyword_too_long",
                        message: "Keywords have at most \(maximumKeywordLength) characters."))
            } else if let earlier = seen[normalized] {
                errors.append(
                    FieldError(
                        field: field, code: "auto_reply.duplicate_keyword",
                        message: "“\(word)” is the same keyword as “\(words[earlier])” (case and accents are ignored)."))
            } else {
                seen[normalized] = index
            }
        }
        return errors
    }
}
