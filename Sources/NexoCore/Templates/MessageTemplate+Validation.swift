import Foundation
import Mustache

extension MessageTemplate {
    /// Longest source accepted, in characters: generous for an e-mail, small enough to check on every keystroke.
    public static let maximumLength = 100_000
    /// Most "{" characters accepted: some 500 tags or a style sheet, more than a message needs (see `sizeProblem`).
    public static let maximumBraces = 1_000
    /// Deepest nesting of sections; swift-mustache parses and renders sections recursively.
    public static let maximumDepth = 10

    /// Most problems reported for one source: enough to fix a template, not a megabyte of JSON for garbage.
    public static let maximumProblems = 100

    /// Every problem in `source` (up to `maximumProblems`), in source order; empty when the template compiles.
    public static func validate(_ source: String) -> [TemplateProblem] {
        analyse(source).problems
    }

    struct Analysis {
        var problems: [TemplateProblem] = []
        var variables: [String] = []
        /// The parsed template, when nothing is wrong.
        var compiled: MustacheTemplate?
    }

    /// Problems the scanner reports for tags swift-mustache parses happily; with only these,
    /// the parser is still run to catch anything the scanner let through.
    private static let semanticCodes: Set<String> = [
        TemplateProblem.Code.unknownVariable, TemplateProblem.Code.partialNotAllowed, TemplateProblem.Code.emptyTag,
    ]

    static func analyse(_ source: String) -> Analysis {
        if let problem = sizeProblem(source) { return Analysis(problems: [problem]) }
        var scanner = TemplateScanner(source)
        scanner.scan()
        var analysis = Analysis(problems: scanner.problems, variables: scanner.variables)
        // The parser is recursive: only run it on input whose nesting the scanner has bounded.
        guard analysis.problems.allSatisfy({ semanticCodes.contains($0.code) }) else {
            analysis.problems = Array(analysis.problems.prefix(maximumProblems))
            return analysis
        }
        do {
            let compiled = try compile(source)
            if analysis.problems.isEmpty { analysis.compiled = compiled }
        } catch {
            analysis.problems.append(problem(fromParserError: error, source: source))
            analysis.problems.sort { ($0.line, $0.column) < ($1.line, $1.column) }
        }
        analysis.problems = Array(analysis.problems.prefix(maximumProblems))
        return analysis
    }

    /// A source too long, or with so many braces that swift-mustache would take long to parse it, is refused
    /// before anything else: its parser measures the rest of the source at every "{" and "}}", which makes
    /// parsing cost braces × length (about a second for 8,000 tags in 70,000 characters, release build).
    private static func sizeProblem(_ source: String) -> TemplateProblem? {
        let braces = source.utf8.count(where: { $0 == UInt8(ascii: "{") })
        guard source.utf8.count > maximumLength || braces > maximumBraces else { return nil }
        var line = 1
        var column = 1
        var braceCount = 0
        for (offset, character) in source.enumerated() {
            if offset == maximumLength {
                return TemplateProblem(
                    code: TemplateProblem.Code.tooLong,
                    message: "The template is longer than \(maximumLength) characters; it goes on past line \(line), "
                        + "column \(column)",
                    line: line, column: column)
            }
            if character == "{" {
                braceCount += 1
                if braceCount > maximumBraces {
                    return TemplateProblem(
                        code: TemplateProblem.Code.tooManyBraces,
                        message: "The template has more than \(maximumBraces) \"{\" characters (a tag uses two); "
                            + "the one at line \(line), column \(column) is over the limit",
                        line: line, column: column)
                }
            }
            if character == "\n" || character == "\r\n" || character == "\r" {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        return nil
    }

    /// swift-mustache 2.1.1 throws on a source whose last character is "{" (it reads two characters to look
    /// for "{{" and runs off the end), so such a source is compiled with a line break after it, which
    /// `render` takes off again.
    static func needsFinalLineBreak(_ source: String) -> Bool { source.last == "{" }

    static func compile(_ source: String) throws -> MustacheTemplate {
        try MustacheTemplate(string: needsFinalLineBreak(source) ? source + "\n" : source)
    }

    /// swift-mustache's first error in `source`, if any, as a problem.
    static func parserProblem(in source: String) -> TemplateProblem? {
        do {
            _ = try compile(source)
            return nil
        } catch {
            return problem(fromParserError: error, source: source)
        }
    }

    private static let parserErrorDescriptions: [MustacheTemplate.Error: String] = [
        .sectionCloseNameIncorrect: "The closing tag does not match the open section",
        .unfinishedName: "A tag is not closed properly",
        .expectedSectionEnd: "A section is never closed",
        .invalidSetDelimiter: "Invalid set-delimiter tag",
        .transformAppliedToInheritanceSection: "Invalid block tag",
        .illegalTokenInsideInheritSection: "Invalid tag inside a parent template",
        .textInsideInheritSection: "Text inside a parent template",
        .invalidConfigVariableSyntax: "Invalid pragma",
        .unrecognisedConfigVariable: "Unknown pragma",
    ]

    /// swift-mustache's `ParserError` carries a 1-based line and column, the column counted in characters
    /// back to the previous "\n". A "\r\n" is one character that is not "\n", so on CRLF sources the
    /// column would run on from the start of the text: those are parsed again with "\n" line breaks.
    static func problem(fromParserError error: any Error, source: String) -> TemplateProblem {
        var error = error
        if source.unicodeScalars.contains("\r") {
            let unixSource = source.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
            do {
                _ = try compile(unixSource)
            } catch let unixError {
                error = unixError
            }
        }
        guard let parserError = error as? MustacheTemplate.ParserError else {
            return TemplateProblem(code: TemplateProblem.Code.syntax, message: "Invalid template: \(error)", line: 1, column: 1)
        }
        let line = parserError.context.lineNumber
        let column = parserError.context.columnNumber
        let description = (parserError.error as? MustacheTemplate.Error).flatMap { parserErrorDescriptions[$0] }
        return TemplateProblem(
            code: TemplateProblem.Code.syntax,
            message: "\(description ?? "Invalid template") at line \(line), column \(column)",
            line: line, column: column)
    }
}
