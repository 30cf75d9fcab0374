/// Why one CSV row could not be imported, naming the column when there is one.
///
/// Codes follow the project's `FieldError` codes ("email.invalid", "contact.identity_required", …) so
/// the server can reuse its `error.<code>` translations; the import-only codes are listed below.
/// `message` is English, with the column and the offending value when they help.
public struct ImportProblem: Sendable, Hashable, Codable, CustomStringConvertible {
    public let code: String
    /// The column's header as written in the file; nil for problems with the whole row.
    public let column: String?
    /// The cell (or the part of it) that caused the problem, when there is one.
    public let value: String?
    public let message: String

    public init(code: String, column: String? = nil, value: String? = nil, message: String) {
        self.code = code
        self.column = column
        self.value = value
        self.message = message
    }

    /// "Birthday: 31/02/1990 is not a date that exists." — what the rejected-rows file shows.
    public var description: String {
        guard let column, !column.isEmpty else { return message }
        return column + ": " + message
    }

    // Import-only codes. Problems found by `ContactInput.validate` keep that method's codes.

    /// The record grew past `CSVParser.maxRecordLength`, usually because a quote was never closed.
    public static let recordTooLong = "csv.record_too_long"
    /// The file ended inside a quoted cell.
    public static let unclosedQuote = "csv.unclosed_quote"
    /// The row has non-empty cells beyond the header's columns: an unquoted separator shifted them.
    public static let tooManyCells = "csv.too_many_cells"
    /// The birthday's text is not a date in any form we read.
    public static let unreadableDate = "birthday.unreadable"
    /// The birthday reads as a date that does not exist (31/02) or is outside 1900–2100.
    public static let impossibleDate = "birthday.impossible"
    /// The birthday is after the current year.
    public static let futureDate = "birthday.future"
}
