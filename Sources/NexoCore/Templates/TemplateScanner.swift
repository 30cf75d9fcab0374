import Foundation

/// Reads the `{{ }}` tags of a template the way swift-mustache's parser does, to report every problem with
/// its place: the parser stops at the first error and knows nothing of Nexo's variables.
struct TemplateScanner {
    private struct OpenSection {
        let name: String
        /// "#", "^", or the sigil of an unsupported block ("$", "<"), kept to quote the tag back.
        let sigil: Character
        let start: Int
    }

    /// What swift-mustache accepts in a tag name; anything else ends the name and must be `}}`.
    private static let nameCharacters = Set<Character>("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-_?*()")

    private let characters: [Character]
    /// Line and column of each character, plus one entry for the end of the source.
    private let positions: [(line: Int, column: Int)]
    private var openSections: [OpenSection] = []
    private var reportedDepth = false
    /// Last answer of `findClosing`: searches only move forward, so one answer serves many tags and a source
    /// of thousands of "{{" before one "}}" stays linear.
    private var closingCache: (from: Int, found: Int?)?
    private var knownVariables: Set<String> = []
    private(set) var problems: [TemplateProblem] = []
    /// Known variables in order of first use.
    private(set) var variables: [String] = []

    init(_ source: String) {
        characters = Array(source)
        var positions: [(line: Int, column: Int)] = []
        positions.reserveCapacity(characters.count + 1)
        var line = 1
        var column = 1
        for character in characters {
            positions.append((line, column))
            if character == "\n" || character == "\r\n" || character == "\r" {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        positions.append((line, column))
        self.positions = positions
    }

    mutating func scan() {
        var index = 0
        while let start = find("{{", from: index) {
            guard let next = scanTag(at: start) else { break }
            index = next
        }
        for section in openSections {
            let tag = "{{\(section.sigil)\(section.name)}}"
            report(
                TemplateProblem.Code.unclosedSection, at: section.start, variable: section.name,
                "Section \(tag) opened at \(place(section.start)) is never closed; add {{/\(section.name)}}")
        }
        openSections = []
        problems.sort { ($0.line, $0.column) < ($1.line, $1.column) }
    }

    /// Reads the tag starting at `start` and returns where text resumes, or nil when the tag swallows the rest.
    private mutating func scanTag(at start: Int) -> Int? {
        var index = start + 2
        guard index < characters.count, let end = findClosing(from: index) else {
            report(TemplateProblem.Code.unclosedTag, at: start, "Tag opened at \(place(start)) is never closed with }}")
            return nil
        }
        let sigil = characters[index]
        switch sigil {
        case "!":
            return end + 2
        case ">":
            let name = text(index + 1..<end)
            report(
                TemplateProblem.Code.partialNotAllowed, at: start,
                "Partial {{> \(name)}} at \(place(start)) is not allowed; templates cannot include other templates")
            return end + 2
        case "=", "%", "$", "<":
            let kinds: [Character: String] = ["=": "Set-delimiter", "%": "Pragma", "$": "Block", "<": "Parent template"]
            report(
                TemplateProblem.Code.unsupportedTag, at: start,
                "\(kinds[sigil] ?? "This") tag {{\(sigil)…}} at \(place(start)) is not supported in message templates")
            // Blocks have a closing tag; keep them open so it is not reported a second time.
            if sigil == "$" || sigil == "<" { push(OpenSection(name: text(index + 1..<end), sigil: sigil, start: start)) }
            return end + 2
        case "#", "^", "/", "&", "{":
            index += 1
        default:
            break
        }
        skipWhitespace(&index)
        let nameStart = index
        while index < characters.count, Self.nameCharacters.contains(characters[index]) { index += 1 }
        let name = text(nameStart..<index)
        skipWhitespace(&index)
        let closing = sigil == "{" ? "}}}" : "}}"
        var matched = 0
        for expected in closing where index + matched < characters.count && characters[index + matched] == expected {
            matched += 1
        }
        guard matched == closing.count else {
            let message: String
            if matched == 0, index < characters.count, !characters[index].isNewline {
                message =
                    "Unexpected \"\(characters[index])\" at \(place(index)) in the tag opened at \(place(start)); "
                    + "a tag holds one variable name and ends with \(closing)"
            } else {
                message = "The tag opened at \(place(start)) must end with \(closing) at \(place(index))"
            }
            report(TemplateProblem.Code.syntax, at: index, message)
            return index
        }
        handle(sigil: sigil, name: name, start: start)
        return index + closing.count
    }

    private mutating func handle(sigil: Character, name: String, start: Int) {
        guard !name.isEmpty else {
            report(
                TemplateProblem.Code.emptyTag, at: start, "Empty tag at \(place(start)); write a variable name between the braces"
            )
            return
        }
        switch sigil {
        case "/":
            close(name, at: start)
        case "#", "^":
            checkVariable(name, at: start, dotAllowed: false)
            push(OpenSection(name: name, sigil: sigil, start: start))
        default:
            // Inside {{#name}} the dot is that value; elsewhere it is the whole context, which must not leak.
            checkVariable(name, at: start, dotAllowed: openSections.last?.sigil == "#")
        }
    }

    private mutating func checkVariable(_ name: String, at start: Int, dotAllowed: Bool) {
        if name == "." {
            if !dotAllowed {
                report(
                    TemplateProblem.Code.unknownVariable, at: start, variable: name,
                    "{{.}} at \(place(start)) only has a meaning inside a {{#section}}, where it is the section's value")
            }
            return
        }
        if TemplateVariables.isKnown(name) {
            if knownVariables.insert(name).inserted { variables.append(name) }
            return
        }
        // Problems found so far all lie before this tag: past the cap, this one would be cut anyway.
        if problems.count >= MessageTemplate.maximumProblems { return }
        var message = "Unknown variable \(name) at \(place(start))"
        if let suggestion = TemplateVariables.suggestion(for: name) { message += "; did you mean \(suggestion)?" }
        report(TemplateProblem.Code.unknownVariable, at: start, variable: name, message)
    }

    private mutating func push(_ section: OpenSection) {
        openSections.append(section)
        if openSections.count > MessageTemplate.maximumDepth, !reportedDepth {
            reportedDepth = true
            report(
                TemplateProblem.Code.tooDeep, at: section.start,
                "Sections are nested more than \(MessageTemplate.maximumDepth) deep at \(place(section.start))")
        }
    }

    private mutating func close(_ name: String, at start: Int) {
        guard let innermost = openSections.last else {
            report(
                TemplateProblem.Code.unexpectedClosing, at: start, variable: name,
                "Closing tag {{/\(name)}} at \(place(start)) has no open section to close")
            return
        }
        if innermost.name == name {
            openSections.removeLast()
        } else if let index = openSections.lastIndex(where: { $0.name == name }) {
            // Closing an outer section: the ones inside it were left open.
            for section in openSections[(index + 1)...] {
                report(
                    TemplateProblem.Code.unclosedSection, at: section.start, variable: section.name,
                    "Section {{\(section.sigil)\(section.name)}} opened at \(place(section.start)) is never closed; "
                        + "add {{/\(section.name)}} before {{/\(name)}} at \(place(start))")
            }
            openSections.removeSubrange(index...)
        } else {
            // Most likely a misspelt closing tag: treat it as closing the innermost section, so one slip is one problem.
            report(
                TemplateProblem.Code.mismatchedSection, at: start, variable: name,
                "Closing tag {{/\(name)}} at \(place(start)) does not match the open section "
                    + "{{\(innermost.sigil)\(innermost.name)}} from \(place(innermost.start)); write {{/\(innermost.name)}}")
            openSections.removeLast()
        }
    }

    private mutating func report(_ code: String, at index: Int, variable: String? = nil, _ message: String) {
        let position = positions[min(index, positions.count - 1)]
        problems.append(
            TemplateProblem(code: code, message: message, line: position.line, column: position.column, variable: variable))
    }

    private func place(_ index: Int) -> String {
        let position = positions[min(index, positions.count - 1)]
        return "line \(position.line), column \(position.column)"
    }

    private mutating func findClosing(from start: Int) -> Int? {
        if let cache = closingCache, cache.from <= start, cache.found.map({ $0 >= start }) ?? true {
            return cache.found
        }
        let found = find("}}", from: start)
        closingCache = (start, found)
        return found
    }

    private func find(_ needle: String, from start: Int) -> Int? {
        let needle = Array(needle)
        var index = start
        while index + needle.count <= characters.count {
            if characters[index] == needle[0], Array(characters[index..<index + needle.count]) == needle { return index }
            index += 1
        }
        return nil
    }

    private func skipWhitespace(_ index: inout Int) {
        while index < characters.count, characters[index].isWhitespace { index += 1 }
    }

    private func text(_ range: Range<Int>) -> String {
        String(characters[range]).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
