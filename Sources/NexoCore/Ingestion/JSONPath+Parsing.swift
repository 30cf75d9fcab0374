/// Reads the path syntax people type into a mapping form.
extension JSONPath {
    /// Parses `customer.email`, `items[0].sku`, `$.data.email`, `$["first.name"]`, `['x y'].value`.
    ///
    /// - A leading `$` followed by `.`, `[` or nothing is the root and is skipped (`$foo` is a key).
    /// - Dotted keys stop at `.` and `[`; they cannot hold spaces, quotes or brackets: those keys go in
    ///   brackets, quoted with `"` or `'`, where `\` escapes the next character.
    /// - `[n]` is an array index: digits only.
    /// - Surrounding whitespace is ignored.
    public init(parsing text: String) throws(JSONPathError) {
        var reader = Reader(text: text)
        self.init(checkedSegments: try reader.segments())
    }

    private struct Reader {
        let text: String
        let characters: [Character]
        var index: Int
        let end: Int

        init(text: String) {
            self.text = text
            characters = Array(text)
            index = characters.firstIndex(where: { !$0.isWhitespace }) ?? characters.count
            end = (characters.lastIndex(where: { !$0.isWhitespace }) ?? -1) + 1
        }

        var current: Character? { index < end ? characters[index] : nil }
        var position: Int { index + 1 }

        mutating func segments() throws(JSONPathError) -> [Segment] {
            var needsKey = false
            if current == "$", index + 1 == end || characters[index + 1] == "." || characters[index + 1] == "[" {
                index += 1
                if current == "." {
                    index += 1
                    needsKey = true
                }
            }
            guard current != nil else {
                if needsKey { throw .emptyKey(path: text, position: position) }
                throw .empty
            }

            var segments: [Segment] = []
            while true {
                if current == "[" && !needsKey {
                    segments.append(try bracket())
                } else {
                    segments.append(.key(try dottedKey()))
                }
                if segments.count > JSONPath.maxSegments {
                    throw .tooManySegments(path: text, count: segments.count)
                }
                guard let next = current else { return segments }
                switch next {
                case ".":
                    index += 1
                    needsKey = true
                case "[":
                    needsKey = false
                default:
                    throw .unexpectedCharacter(path: text, character: next, position: position)
                }
            }
        }

        mutating func dottedKey() throws(JSONPathError) -> String {
            let start = index
            while let character = current, !JSONPath.endsDottedKey(character) { index += 1 }
            guard index > start else {
                if let character = current, character != ".", character != "[" {
                    throw .unexpectedCharacter(path: text, character: character, position: position)
                }
                throw .emptyKey(path: text, position: position)
            }
            return String(characters[start..<index])
        }

        mutating func bracket() throws(JSONPathError) -> Segment {
            let open = position
            index += 1
            guard let first = current else { throw .unclosedBracket(path: text, position: open) }
            if first == "\"" || first == "'" {
                let quoteStart = position
                index += 1
                var key = ""
                while true {
                    guard let character = current else { throw .unclosedQuote(path: text, position: quoteStart) }
                    index += 1
                    if character == first { break }
                    if character == "\\", let escaped = current {
                        key.append(escaped)
                        index += 1
                    } else {
                        key.append(character)
                    }
                }
                guard let close = current else { throw .unclosedBracket(path: text, position: open) }
                guard close == "]" else {
                    throw .unexpectedCharacter(path: text, character: close, position: position)
                }
                index += 1
                return .key(key)
            }
            let start = index
            while let character = current, character != "]" { index += 1 }
            guard current == "]" else { throw .unclosedBracket(path: text, position: open) }
            let digits = String(characters[start..<index])
            index += 1
            guard !digits.isEmpty, digits.allSatisfy(JSONPath.isDigit), let number = Int(digits) else {
                throw .badIndex(path: text, text: digits, position: open)
            }
            return .index(number)
        }
    }
}
