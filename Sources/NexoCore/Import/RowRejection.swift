/// A CSV row that cannot be imported, with every reason found.
public struct RowRejection: Error, Sendable, Equatable {
    /// The file line the row starts on.
    public let line: Int
    public let problems: [ImportProblem]

    public init(line: Int, problems: [ImportProblem]) {
        self.line = line
        self.problems = problems
    }
}
