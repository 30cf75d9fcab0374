/// One thing wrong with a tenant's template, placed where the editor can point at it.
/// `code` is stable and translated in the UI; `message` is English for the API.
public struct TemplateProblem: Sendable, Hashable, Codable {
    /// Known codes; a client should still expect new ones.
    public enum Code {
        /// Malformed Mustache: a tag not closed properly, a bad character in a name, …
        public static let syntax = "template.syntax"
        /// `{{` with no `}}` after it.
        public static let unclosedTag = "template.unclosed_tag"
        /// `{{}}` or `{{ }}`: nothing to show.
        public static let emptyTag = "template.empty_tag"
        public static let unknownVariable = "template.unknown_variable"
        /// `{{#name}}` or `{{^name}}` without its `{{/name}}`.
        public static let unclosedSection = "template.unclosed_section"
        /// `{{/name}}` that closes a different section than the one open.
        public static let mismatchedSection = "template.mismatched_section"
        /// `{{/name}}` with no section open.
        public static let unexpectedClosing = "template.unexpected_closing"
        /// `{{> name}}`: tenants have no library of partials.
        public static let partialNotAllowed = "template.partial_not_allowed"
        /// Set-delimiter, pragma and inheritance tags (`{{=`, `{{%`, `{{$`, `{{<`).
        public static let unsupportedTag = "template.unsupported_tag"
        /// Sections nested deeper than `MessageTemplate.maximumDepth`.
        public static let tooDeep = "template.too_deep"
        /// Source longer than `MessageTemplate.maximumLength` characters.
        public static let tooLong = "template.too_long"
        /// More than `MessageTemplate.maximumBraces` "{" characters.
        public static let tooManyBraces = "template.too_many_braces"
    }

    public let code: String
    public let message: String
    /// 1-based; `\n`, `\r\n` and `\r` each end a line.
    public let line: Int
    /// 1-based, counted in characters (grapheme clusters), as swift-mustache counts them.
    public let column: Int
    /// The variable or section name the problem is about, when there is one.
    public let variable: String?

    public init(code: String, message: String, line: Int, column: Int, variable: String? = nil) {
        self.code = code
        self.message = message
        self.line = line
        self.column = column
        self.variable = variable
    }

    /// The problem as a field error for a 422 answer about the field that holds the template.
    public func fieldError(field: String) -> FieldError {
        FieldError(field: field, code: code, message: message)
    }
}
