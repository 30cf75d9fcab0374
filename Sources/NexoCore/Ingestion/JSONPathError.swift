/// Why a text is not a `JSONPath`, with an English message that quotes the path and points at the spot.
///
/// Positions count characters from 1, as written (leading spaces included).
public enum JSONPathError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Blank, or only the root marker `$`.
    case empty
    /// Nothing between two dots, or after the last one (`customer..email`, `customer.`).
    case emptyKey(path: String, position: Int)
    /// A character dotted syntax cannot hold, such as a space, a quote or a stray `]`.
    case unexpectedCharacter(path: String, character: Character, position: Int)
    /// A `[` without its `]`.
    case unclosedBracket(path: String, position: Int)
    /// A quoted key without its closing quote.
    case unclosedQuote(path: String, position: Int)
    /// Brackets holding neither a whole number nor a quoted key.
    case badIndex(path: String, text: String, position: Int)
    /// More than `JSONPath.maxSegments` keys and indexes.
    case tooManySegments(path: String, count: Int)

    /// Stable, for translations and API clients.
    public var code: String {
        switch self {
        case .empty: "json_path.empty"
        case .emptyKey: "json_path.empty_key"
        case .unexpectedCharacter: "json_path.unexpected_character"
        case .unclosedBracket: "json_path.unclosed_bracket"
        case .unclosedQuote: "json_path.unclosed_quote"
        case .badIndex: "json_path.bad_index"
        case .tooManySegments: "json_path.too_long"
        }
    }

    public var message: String {
        switch self {
        case .empty:
            return "The path is empty: write the keys to follow, such as customer.email."
        case .emptyKey(let path, let position):
            return "\"\(path)\" has an empty key at character \(position): remove the extra dot or write the key."
        case .unexpectedCharacter(let path, let character, let position):
            let shown = character.isWhitespace ? "a space" : "\"\(character)\""
            return "\"\(path)\" has \(shown) at character \(position) where a key, \".\" or \"[\" was expected; "
                + "write keys with dots, spaces or quotes in brackets, such as [\"first name\"]."
        case .unclosedBracket(let path, let position):
            return "\"\(path)\" opens a bracket at character \(position) that is never closed with \"]\"."
        case .unclosedQuote(let path, let position):
            return "\"\(path)\" opens a quoted key at character \(position) that is never closed."
        case .badIndex(let path, let text, let position):
            return "\"\(path)\" has [\(text)] at character \(position): an array index is a whole number from 0, "
                + "such as [0]; a key in brackets goes in quotes, such as [\"\(text)\"]."
        case .tooManySegments(let path, let count):
            return "\"\(path)\" has \(count) keys and indexes; a path can have at most \(JSONPath.maxSegments)."
        }
    }

    public var description: String { message }
}
