import Mustache

/// A tenant's message template (Mustache), checked against `TemplateVariables` and compiled once,
/// then rendered for each contact.
public struct MessageTemplate: Sendable {
    /// HTML for e-mail bodies; none for plain text, WhatsApp messages and subjects, where `&lt;` would show as is.
    public enum Escaping: Sendable, Hashable {
        case html
        case none
    }

    public let source: String
    /// Catalogue variables the template uses, in order of first use.
    public let variables: [String]
    private let htmlTemplate: MustacheTemplate
    private let textTemplate: MustacheTemplate
    private let dropsFinalLineBreak: Bool

    /// swift-mustache escapes HTML unless told otherwise, and the only switch it offers is this pragma.
    /// The line break after it makes the pragma a standalone tag, which swift-mustache drops together with
    /// that line break, so the source that follows renders exactly as it would on its own.
    static let textPragma = "{{% CONTENT_TYPE:TEXT}}\n"

    /// Compiles `source`, or throws every problem `validate` finds.
    public init(source: String) throws(TemplateProblems) {
        let analysis = Self.analyse(source)
        guard analysis.problems.isEmpty, let compiled = analysis.compiled else {
            throw TemplateProblems(analysis.problems)
        }
        do {
            textTemplate = try Self.compile(Self.textPragma + source)
        } catch {
            // Cannot happen once the source itself parsed; reported rather than trapped all the same.
            throw TemplateProblems([Self.problem(fromParserError: error, source: source)])
        }
        self.source = source
        self.variables = analysis.variables
        self.htmlTemplate = compiled
        self.dropsFinalLineBreak = Self.needsFinalLineBreak(source)
    }

    /// The message for one recipient. Missing values render as nothing.
    public func render(_ context: TemplateContext, escaping: Escaping) -> String {
        let template = escaping == .html ? htmlTemplate : textTemplate
        var output = template.render(context.mustacheValue)
        if dropsFinalLineBreak, output.hasSuffix("\n") { output.removeLast() }
        return output
    }
}
