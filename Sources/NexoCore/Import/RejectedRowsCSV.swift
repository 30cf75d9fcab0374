/// The file a user downloads to fix rejected rows and import them again: the original header and cells,
/// with the reasons in a first column named `error` (which the column guess ignores on re-import).
///
/// Written line by line, so the server can stream it; use the file's own delimiter so Excel opens it
/// the same way as the original.
public enum RejectedRowsCSV {
    public static let errorColumn = "error"

    /// The header line: `error`, then the original headers.
    public static func header(_ headers: [String], separator: Character = ",") -> String {
        CSVLine.make([errorColumn] + headers, separator: separator)
    }

    /// One rejected row: its reasons joined with "; ", then the cells as they were read.
    ///
    /// - Parameter describe: the text of one problem; English by default, the server's translation otherwise.
    public static func line(
        cells: [String], problems: [ImportProblem], separator: Character = ",",
        describe: (ImportProblem) -> String = { $0.description }
    ) -> String {
        CSVLine.make([problems.map(describe).joined(separator: "; ")] + cells, separator: separator)
    }

    /// The whole file for rows already collected, for small imports and tests.
    public static func make(
        headers: [String], rejected: [(cells: [String], problems: [ImportProblem])], separator: Character = ","
    ) -> String {
        rejected.reduce(into: header(headers, separator: separator)) { text, row in
            text += line(cells: row.cells, problems: row.problems, separator: separator)
        }
    }
}
