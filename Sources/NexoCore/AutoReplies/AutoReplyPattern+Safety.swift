/// The save-time guard: constructs refused outright, and probe texts that make the rest show their cost.
extension AutoReplyPattern {
    /// A repetition bound above this counts as unbounded: `(a{1,2}){1,50}` backtracks like `(a|aa)+`.
    static let largeRepeat = 10

    /// A description of the first construct that can make matching take exponential (or unbounded
    /// polynomial) time, or nil:
    /// - nested repetition — a repeated group holding a repetition, where either one is unbounded (`*`, `+`,
    ///   `{n,}`, a bound above `largeRepeat`): `(a+)+`, `(.*)*`, `(\w+\s?)+$`, `(a{1,2}){2,}`. Small counted
    ///   nesting such as `(\d{1,3}\.){3}` stays allowed;
    /// - backreferences (`\1`, `\k<name>`): matching with them is NP-hard and nothing a trigger needs.
    /// Overlapping alternatives under a repetition (`(a|aa)*`) are not spotted here; the probes catch them.
    static func unsafeConstruct(in source: String) -> String? {
        let scalars = Array(source.unicodeScalars)
        /// What the innermost open group contains: the widest repetition seen in it.
        var groups: [Repetition] = [.none]
        var previous = Atom.none
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            switch scalar {
            case "\\":
                guard index + 1 < scalars.count else { return nil }
                let next = scalars[index + 1]
                if ("1"..."9").contains(next) || next == "k" {
                    return "Backreferences such as \\\(next) are not allowed: they can make matching take very long."
                }
                index = skipEscape(scalars, from: index)
                previous = .single
            case "[":
                index = skipClass(scalars, from: index)
                previous = .single
            case "(":
                if index + 2 < scalars.count, scalars[index + 1] == "?", scalars[index + 2] == "#" {
                    index = skip(to: ")", in: scalars, from: index) + 1
                    continue
                }
                groups.append(.none)
                previous = .none
                index += 1
            case ")":
                let inner = groups.count > 1 ? groups.removeLast() : .none
                groups[groups.count - 1] = max(groups[groups.count - 1], inner)
                previous = .group(inner)
                index += 1
            case "*", "+", "?", "{":
                guard let quantifier = quantifier(scalars, at: index) else {
                    previous = .single
                    index += 1
                    continue
                }
                let repetition = quantifier.repetition
                if case .group(let inner) = previous, repetition != .none, inner != .none,
                    repetition == .unbounded || inner == .unbounded
                {
                    return "A repeated group contains a repetition (like (a+)+ or (.*)*), "
                        + "which can make matching take very long; repeat only once, e.g. (ab)+ or a+."
                }
                groups[groups.count - 1] = max(groups[groups.count - 1], repetition)
                previous = .none
                index = quantifier.end
            case "|":
                previous = .none
                index += 1
            default:
                previous = .single
                index += 1
            }
        }
        return nil
    }

    /// How far a quantifier lets its atom repeat; `.none` for at most once (`?`, `{0,1}`).
    enum Repetition: Int, Comparable {
        case none, bounded, unbounded
        static func < (lhs: Repetition, rhs: Repetition) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    private enum Atom {
        case none
        case single
        /// A group just closed, with the widest repetition inside it.
        case group(Repetition)
    }

    /// A quantifier read from a pattern.
    struct Quantifier {
        let repetition: Repetition
        /// Fewest times the atom must occur: 0 for `*`, `?`, `{0,n}`.
        let minimum: Int
        /// Where the pattern resumes, past a lazy `?` or possessive `+`.
        let end: Int
    }

    /// The quantifier at `index`, or nil when there is none, or for a "{" that does not open a bound
    /// (ICU reads it as a literal).
    static func quantifier(_ scalars: [Unicode.Scalar], at index: Int) -> Quantifier? {
        guard index < scalars.count else { return nil }
        var end = index + 1
        let repetition: Repetition
        let minimum: Int
        switch scalars[index] {
        case "*": (repetition, minimum) = (.unbounded, 0)
        case "+": (repetition, minimum) = (.unbounded, 1)
        case "?": (repetition, minimum) = (.none, 0)
        case "{":
            guard let close = scalars[index...].firstIndex(of: "}") else { return nil }
            let bounds = String(String.UnicodeScalarView(scalars[(index + 1)..<close])).split(
                separator: ",", omittingEmptySubsequences: false)
            guard (1...2).contains(bounds.count), let low = Int(bounds[0]) else { return nil }
            let high: Int? = bounds.count == 1 ? low : Int(bounds[1])
            guard bounds.count == 1 || bounds[1].isEmpty || high != nil else { return nil }
            switch high {
            case nil: repetition = .unbounded
            case let high? where high > largeRepeat: repetition = .unbounded
            case let high? where high > 1: repetition = .bounded
            default: repetition = .none
            }
            minimum = low
            end = close + 1
        default:
            return nil
        }
        if end < scalars.count, scalars[end] == "?" || scalars[end] == "+" { end += 1 }
        return Quantifier(repetition: repetition, minimum: minimum, end: end)
    }

    /// Index just past the escape at `index` (`\d`, `\x{41}`, `\p{L}`, `\Q…\E`).
    static func skipEscape(_ scalars: [Unicode.Scalar], from index: Int) -> Int {
        guard index + 1 < scalars.count else { return scalars.count }
        let kind = scalars[index + 1]
        if kind == "Q" {
            var cursor = index + 2
            while cursor + 1 < scalars.count, !(scalars[cursor] == "\\" && scalars[cursor + 1] == "E") { cursor += 1 }
            return min(cursor + 2, scalars.count)
        }
        if "pPxNkg".unicodeScalars.contains(kind), index + 2 < scalars.count, scalars[index + 2] == "{" {
            return skip(to: "}", in: scalars, from: index + 2) + 1
        }
        if kind == "x" { return min(index + 4, scalars.count) }
        if kind == "u" { return min(index + 6, scalars.count) }
        if kind == "U" { return min(index + 10, scalars.count) }
        if kind == "c" { return min(index + 3, scalars.count) }
        return index + 2
    }

    /// Index just past the character class opening at `index`, nested sets (`[[a-z]&&[^aeiou]]`) included.
    static func skipClass(_ scalars: [Unicode.Scalar], from index: Int) -> Int {
        var depth = 0
        var cursor = index
        while cursor < scalars.count {
            switch scalars[cursor] {
            case "\\":
                cursor += 2
                continue
            case "[":
                depth += 1
                // A "]" right after "[" or "[^" is a literal member.
                if cursor + 1 < scalars.count, scalars[cursor + 1] == "]" { cursor += 1 }
                if cursor + 2 < scalars.count, scalars[cursor + 1] == "^", scalars[cursor + 2] == "]" { cursor += 2 }
            case "]":
                depth -= 1
                if depth == 0 { return cursor + 1 }
            default:
                break
            }
            cursor += 1
        }
        return scalars.count
    }

    static func skip(to closing: Unicode.Scalar, in scalars: [Unicode.Scalar], from index: Int) -> Int {
        scalars[index...].firstIndex(of: closing) ?? scalars.count
    }

    /// A friendlier pointer than ICU's bare error for the most common slip: where a bracket is left open
    /// or closed twice.
    static func unbalancedBracket(in source: String) -> String? {
        let scalars = Array(source.unicodeScalars)
        var opened: [Int] = []
        var index = 0
        while index < scalars.count {
            switch scalars[index] {
            case "\\":
                index = skipEscape(scalars, from: index)
                continue
            case "[":
                let end = skipClass(scalars, from: index)
                if end == scalars.count, scalars.last != "]" {
                    return "the “[” at position \(index + 1) is never closed"
                }
                index = end
                continue
            case "(":
                opened.append(index)
            case ")":
                if opened.popLast() == nil { return "the “)” at position \(index + 1) closes nothing" }
            default:
                break
            }
            index += 1
        }
        return opened.first.map { "the “(” at position \($0 + 1) is never closed" }
    }

    /// The first probe text on which the pattern takes more than `probeBudget` of CPU time, or nil.
    func slowProbe() -> String? {
        for probe in Self.probes(for: source) {
            let start = Self.threadCPUTime()
            let outcome = firstMatch(in: probe, budget: Self.probeBudget)
            if outcome == .timedOut || Self.threadCPUTime() - start > Self.probeBudget { return probe }
        }
        return nil
    }

    /// Texts of `inputLimit` characters that make backtracking show: each letter or digit of the pattern
    /// repeated, all of them in turn, runs of "a", "1" and spaces, and ordinary Spanish chat; each ends in a
    /// character the pattern is unlikely to want, so the engine must try every way before failing.
    static func probes(for source: String) -> [String] {
        var characters: [Character] = []
        for scalar in source.unicodeScalars where scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
            let character = Character(scalar)
            if !characters.contains(character) { characters.append(character) }
            if characters.count == 8 { break }
        }
        let length = inputLimit - 1
        func cycled(_ text: String) -> String {
            String(String(repeating: text, count: length / text.count + 1).prefix(length)) + "\u{1}"
        }
        var probes = characters.map { cycled(String($0)) }
        if characters.count > 1 { probes.append(cycled(String(characters))) }
        probes += [
            cycled("a"), cycled("1"), cycled(" "), cycled("a "), cycled("a1"),
            cycled("Hola, quería saber el precio de la limpieza para el martes 12/03 a las 10:30. ¿Tienen turno? "),
        ]
        return probes
    }
}
