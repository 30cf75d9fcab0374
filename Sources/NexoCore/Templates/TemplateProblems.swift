/// Thrown when a template does not compile; carries every problem found, in source order.
public struct TemplateProblems: Error, Sendable, Hashable {
    public let problems: [TemplateProblem]

    public init(_ problems: [TemplateProblem]) { self.problems = problems }

    /// The problems as field errors for a 422 answer about the field that holds the template.
    public func fieldErrors(field: String) -> [FieldError] { problems.map { $0.fieldError(field: field) } }
}
