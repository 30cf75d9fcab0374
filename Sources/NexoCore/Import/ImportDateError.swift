/// Why a birthday cell could not be read.
public enum ImportDateError: Error, Sendable, Equatable {
    /// Not a date in any form we read.
    case unreadable
    /// Reads as a date that does not exist (31/02/1990), or a year outside 1900–2100.
    case impossible
    /// After the current year.
    case future

    /// The stable code (see `ImportProblem`).
    public var code: String {
        switch self {
        case .unreadable: ImportProblem.unreadableDate
        case .impossible: ImportProblem.impossibleDate
        case .future: ImportProblem.futureDate
        }
    }

    /// English text for a problem report, naming the cell's text.
    public func message(for text: String) -> String {
        switch self {
        case .unreadable:
            "\"\(text)\" is not a date we can read: use day/month/year, such as 31/12/1990, or 1990-12-31."
        case .impossible: "\"\(text)\" is not a possible birthday: the date does not exist or is before 1900."
        case .future: "\"\(text)\" is in the future."
        }
    }
}
