/// Payload values read as the text of a CSV cell, so webhook values go through the import's row logic.
extension JSONValue {
    /// Strings as they are, numbers without a trailing ".0", booleans as "true"/"false", and arrays of
    /// those joined with ", " (so a tags array reads like a tags cell). Nil for objects, `null` and arrays
    /// holding objects or arrays: they are not one value.
    var cellText: String? {
        switch self {
        case .string(let text): text
        case .number(let number): Self.text(of: number)
        case .bool(let flag): flag ? "true" : "false"
        case .array(let items): elementTexts(of: items)?.joined(separator: ", ")
        case .object, .null: nil
        }
    }

    /// The texts of a scalar or of each element of an array of scalars; empty for anything else.
    var scalarTexts: [String] {
        switch self {
        case .array(let items): elementTexts(of: items) ?? []
        default: cellText.map { [$0] } ?? []
        }
    }

    /// False for `null`, blank text and empty arrays: what a form sends for an unanswered question.
    var hasContent: Bool {
        switch self {
        case .null: false
        case .string(let text): !text.trimmedWhitespace.isEmpty
        case .array(let items): !items.isEmpty
        case .bool, .number, .object: true
        }
    }

    /// A whole number's digits ("1500", not "1500.0"); other numbers as Swift prints them.
    ///
    /// `JSONValue` holds a `Double`, so integers beyond 2^53 (9007199254740992) have already lost digits:
    /// ids that long must be sent as strings.
    static func text(of number: Double) -> String {
        if number.rounded() == number, abs(number) < 9.2e18 { return String(Int64(number)) }
        return String(number)
    }

    private func elementTexts(of items: [JSONValue]) -> [String]? {
        var texts: [String] = []
        for item in items {
            switch item {
            case .null: continue
            case .object, .array: return nil
            case .string, .number, .bool:
                if let text = item.cellText, !text.trimmedWhitespace.isEmpty { texts.append(text) }
            }
        }
        return texts
    }
}
