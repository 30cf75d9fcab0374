/// Prefilters: what a message must contain for a pattern to have any chance, so the matcher can index
/// pattern rules like keyword rules and run the regex only on messages that pass.
///
/// Literals rely on this: patterns are case-insensitive, and a case-insensitive match of ASCII letters and
/// digits is, after `SearchText.fold`, those same lower-case letters — except for a few letters ICU also
/// equates with them ("ſ" with "s", "ﬁ" with "fi"), which folding keeps as non-ASCII letters; for messages with
/// any such letter the matcher runs every literal-filtered pattern (`MessageWords.hasNonASCIILetter`).
/// Symbols and digits have no case, so they need no such care.
extension AutoReplyPattern {
    /// What a message must contain for the pattern to match, from the most to the least selective.
    enum Prefilter: Sendable, Hashable {
        /// One of these runs of lower-case ASCII letters and digits, in the folded words.
        case anyLiteral([[UInt8]])
        /// This ASCII symbol ("@", "/", ":"…), in the text as written.
        case symbol(UInt8)
        /// A decimal digit (`\d`).
        case digit
        /// Nothing usable: the pattern runs on every message.
        case none
    }

    /// Shorter literals would hit nearly every message.
    static let minimumLiteralLength = 3

    static func prefilter(of source: String) -> Prefilter {
        if let literals = requiredLiterals(of: source) { return .anyLiteral(literals.map { Array($0.utf8) }) }
        let atoms = requiredTopLevelAtoms(of: source)
        if let symbol = atoms.symbols.min(by: { symbolRank($0) < symbolRank($1) }) { return .symbol(symbol) }
        return atoms.digit ? .digit : .none
    }

    /// Literals such that every match contains at least one of them, lower-cased; nil when there are none of
    /// `minimumLiteralLength` characters, or when inline flags (`(?x)`, `(?i)`) could change how the pattern
    /// reads. Each alternative of `a|b` contributes its own; inside a sequence, the run or required group whose
    /// shortest literal is longest is chosen ("(turno|cita) para" → "turno", "cita"). Classes, escapes and
    /// optional parts break runs.
    static func requiredLiterals(of source: String) -> [String]? {
        let scalars = Array(source.unicodeScalars)
        if hasInlineFlags(scalars) { return nil }
        var index = 0
        let literals = alternation(scalars, &index)
        return index == scalars.count ? literals : nil
    }

    static func hasInlineFlags(_ scalars: [Unicode.Scalar]) -> Bool {
        scalars.indices.dropLast(2).contains { index in
            scalars[index] == "(" && scalars[index + 1] == "?" && "imsxwu-".unicodeScalars.contains(scalars[index + 2])
        }
    }

    /// Branches up to a ")" or the end (not consumed): the union of each branch's literals, nil if one has none.
    private static func alternation(_ scalars: [Unicode.Scalar], _ index: inout Int) -> [String]? {
        var union: [String] = []
        var complete = true
        while true {
            if let literals = branch(scalars, &index) {
                for literal in literals where !union.contains(literal) { union.append(literal) }
            } else {
                complete = false
            }
            guard index < scalars.count, scalars[index] == "|" else { break }
            index += 1
        }
        return complete ? union : nil
    }

    /// One branch up to "|", ")" or the end (not consumed): its most selective literal set.
    private static func branch(_ scalars: [Unicode.Scalar], _ index: inout Int) -> [String]? {
        var candidates: [[String]] = []
        var run = ""
        func flush() {
            if run.count >= minimumLiteralLength { candidates.append([run]) }
            run = ""
        }
        func pastQuantifier(_ index: Int) -> Int { quantifier(scalars, at: index)?.end ?? index }
        while index < scalars.count {
            let scalar = scalars[index]
            switch scalar {
            case "|", ")":
                flush()
                return mostSelective(candidates)
            case "\\":
                flush()
                index = pastQuantifier(skipEscape(scalars, from: index))
            case "[":
                flush()
                index = pastQuantifier(skipClass(scalars, from: index))
            case "(":
                flush()
                guard let start = groupContentStart(scalars, at: index) else {
                    // Lookarounds and comments consume nothing a match must contain.
                    index = pastQuantifier(skipGroup(scalars, from: index))
                    continue
                }
                var cursor = start
                let literals = alternation(scalars, &cursor)
                index = min(cursor + 1, scalars.count)
                let quantifier = quantifier(scalars, at: index)
                index = quantifier?.end ?? index
                if let literals, (quantifier?.minimum ?? 1) >= 1 { candidates.append(literals) }
            default:
                guard scalar.isASCII, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) else {
                    flush()
                    index = pastQuantifier(index + 1)
                    continue
                }
                let character = Character(scalar).lowercased()
                if let quantifier = quantifier(scalars, at: index + 1) {
                    // "ab?c" needs "a" and "c"; "ab+c" needs "ab", then "c" after the repeated "b".
                    if quantifier.minimum >= 1 { run += character }
                    flush()
                    index = quantifier.end
                } else {
                    run += character
                    index += 1
                }
            }
        }
        flush()
        return mostSelective(candidates)
    }

    /// Where the alternatives of the group at `index` start, past `?:`, `?>` or `?<name>`; nil for lookarounds
    /// and comments.
    private static func groupContentStart(_ scalars: [Unicode.Scalar], at index: Int) -> Int? {
        guard index + 1 < scalars.count, scalars[index + 1] == "?" else { return index + 1 }
        guard index + 2 < scalars.count else { return nil }
        switch scalars[index + 2] {
        case ":", ">":
            return index + 3
        case "<":
            guard index + 3 < scalars.count, scalars[index + 3] != "=", scalars[index + 3] != "!" else { return nil }
            return scalars[index...].firstIndex(of: ">").map { $0 + 1 }
        default:
            return nil
        }
    }

    /// The set whose shortest literal is longest; fewer literals break ties.
    private static func mostSelective(_ candidates: [[String]]) -> [String]? {
        var best: (set: [String], shortest: Int)?
        for set in candidates {
            let shortest = set.map(\.count).min() ?? 0
            if best == nil || shortest > best!.shortest || (shortest == best!.shortest && set.count < best!.set.count) {
                best = (set, shortest)
            }
        }
        return best?.set
    }

    /// Index just past the group opening at `index`.
    static func skipGroup(_ scalars: [Unicode.Scalar], from index: Int) -> Int {
        var depth = 0
        var cursor = index
        while cursor < scalars.count {
            switch scalars[cursor] {
            case "\\":
                cursor = skipEscape(scalars, from: cursor)
                continue
            case "[":
                cursor = skipClass(scalars, from: cursor)
                continue
            case "(":
                depth += 1
            case ")":
                depth -= 1
                if depth == 0 { return cursor + 1 }
            default:
                break
            }
            cursor += 1
        }
        return scalars.count
    }

    /// ASCII symbols and `\d` that a pattern without top-level alternatives requires outside any group.
    static func requiredTopLevelAtoms(of source: String) -> (symbols: [UInt8], digit: Bool) {
        let scalars = Array(source.unicodeScalars)
        var symbols: [UInt8] = []
        var digit = false
        var index = 0
        func required(after next: Int) -> (Bool, Int) {
            guard let quantifier = quantifier(scalars, at: next) else { return (true, next) }
            return (quantifier.minimum >= 1, quantifier.end)
        }
        while index < scalars.count {
            let scalar = scalars[index]
            switch scalar {
            case "|":
                return ([], false)
            case "\\":
                guard index + 1 < scalars.count else { return (symbols, digit) }
                let escaped = scalars[index + 1]
                let end = skipEscape(scalars, from: index)
                let (isRequired, next) = required(after: end)
                if isRequired, escaped == "d" { digit = true }
                if isRequired, isSymbol(escaped) { symbols.append(UInt8(escaped.value)) }
                index = next
            case "[":
                index = required(after: skipClass(scalars, from: index)).1
            case "(":
                index = required(after: skipGroup(scalars, from: index)).1
            default:
                let (isRequired, next) = required(after: index + 1)
                if isRequired, isSymbol(scalar), !".^$)]}*+?{".unicodeScalars.contains(scalar) {
                    symbols.append(UInt8(scalar.value))
                }
                index = next
            }
        }
        return (symbols, digit)
    }

    /// Printable ASCII that is neither a letter, a digit nor a space.
    static func isSymbol(_ scalar: Unicode.Scalar) -> Bool {
        (0x21...0x7E).contains(scalar.value) && !scalar.properties.isAlphabetic && !("0"..."9").contains(scalar)
    }

    /// Rarer symbols first: "@" marks an e-mail, "," is everywhere.
    private static func symbolRank(_ symbol: UInt8) -> Int {
        Array("@#$%/:=&_;\"'!?-.,".utf8).firstIndex(of: symbol) ?? 20
    }
}
