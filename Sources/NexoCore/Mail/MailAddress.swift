/// A mailbox as written in From, To and Reply-To: an optional display name and an address.
public struct MailAddress: Sendable, Hashable {
    public var name: String?
    public var address: String

    public init(_ address: String, name: String? = nil) {
        self.address = address
        self.name = name
    }

    /// Header tokens for this mailbox ("Ana", "=?UTF-8?Q?P=C3=A9rez?=", "<ana@example.com>"), ready for folding.
    /// `firstMaximum` bounds the first token when it starts a header line.
    func headerTokens(field: String, firstMaximum: Int = EncodedWord.maximumLength) throws -> [String] {
        try Self.validate(address, field: field)
        guard let name else { return [address] }
        guard !name.unicodeScalars.contains(where: MailHeader.isForbidden) else {
            throw MailMessageError.headerInjection(field: field)
        }
        let phrase = Self.phrase(name, firstMaximum: firstMaximum)
        return phrase.isEmpty ? [address] : phrase + ["<\(address)>"]
    }

    /// Display name as atoms, one quoted-string or, when not ASCII, RFC 2047 encoded-words. Runs of spaces
    /// and tabs count as one space. Words that are plain atoms stay outside the encoded-words, so that
    /// adjacent encoded-words (whose separating space decoders disagree about) only occur in very long runs.
    static func phrase(_ name: String, firstMaximum: Int) -> [String] {
        let words = name.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        // "=?" could be mistaken for an encoded-word by decoders.
        func isAtom(_ word: String) -> Bool { word.unicodeScalars.allSatisfy(isAtext) && !word.contains("=?") }
        if words.allSatisfy(isAtom) { return words }
        let joined = words.joined(separator: " ")
        if joined.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value < 0x7F }) && !joined.contains("=?") {
            var quoted = "\""
            for character in joined {
                if character == "\"" || character == "\\" { quoted.append("\\") }
                quoted.append(character)
            }
            return [quoted + "\""]
        }
        var tokens: [String] = []
        var run: [String] = []
        func flushRun() {
            guard !run.isEmpty else { return }
            tokens += EncodedWord.encode(
                run.joined(separator: " "), firstMaximum: tokens.isEmpty ? firstMaximum : EncodedWord.maximumLength)
            run = []
        }
        for word in words {
            if isAtom(word) {
                flushRun()
                tokens.append(word)
            } else {
                run.append(word)
            }
        }
        flushRun()
        return tokens
    }

    /// Addresses are written verbatim, so anything that could break out of the angle brackets is refused.
    static func validate(_ address: String, field: String) throws {
        if address.unicodeScalars.contains(where: MailHeader.isForbidden) {
            throw MailMessageError.headerInjection(field: field)
        }
        let at = address.lastIndex(of: "@")
        let valid =
            at.map { $0 != address.startIndex && address.index(after: $0) != address.endIndex } ?? false
            && !address.unicodeScalars.contains { $0.properties.isWhitespace || "<>,;\"()".unicodeScalars.contains($0) }
        guard valid else { throw MailMessageError.invalidAddress(field: field) }
    }

    /// RFC 5322 atext: characters allowed in an atom without quoting.
    static func isAtext(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "a"..."z", "A"..."Z", "0"..."9": true
        default: "!#$%&'*+-/=?^_`{|}~".unicodeScalars.contains(scalar)
        }
    }
}
