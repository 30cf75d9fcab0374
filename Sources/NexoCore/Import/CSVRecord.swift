/// One record of a CSV file: its cells as written (not trimmed) and the line it starts on.
public struct CSVRecord: Sendable, Equatable {
    public var cells: [String]
    /// 1-based line of the file where the record starts ("row 12" in messages). Lines inside quoted
    /// cells count, so it is the line a text editor shows.
    public var line: Int
    /// Set when the record could not be read whole (a runaway quoted cell, the file ending inside quotes).
    public var problem: ImportProblem?

    public init(cells: [String], line: Int, problem: ImportProblem? = nil) {
        self.cells = cells
        self.line = line
        self.problem = problem
    }
}
