/// An extra header line such as List-Unsubscribe. Values are unstructured text: folded at spaces and,
/// when not ASCII, written as RFC 2047 encoded-words.
public struct MailHeader: Sendable, Hashable {
    public var name: String
    public var value: String

    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }

    /// RFC 8058 one-click unsubscribe: List-Unsubscribe with the HTTPS URL (and an optional mailto:) plus
    /// List-Unsubscribe-Post, which together let mail providers show an "Unsubscribe" button.
    public static func oneClickUnsubscribe(url: String, mailto: String? = nil) -> [MailHeader] {
        let targets = [url] + (mailto.map { [$0.hasPrefix("mailto:") ? $0 : "mailto:" + $0] } ?? [])
        return [
            MailHeader("List-Unsubscribe", targets.map { "<\($0)>" }.joined(separator: ", ")),
            MailHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click"),
        ]
    }

    /// Longest line RFC 5322 recommends, and the hard limit, both without the CRLF.
    static let preferredLineLength = 78
    static let maximumLineLength = 998

    /// Control characters (CR and LF above all) would let a value start a header of its own.
    static func isForbidden(_ scalar: Unicode.Scalar) -> Bool {
        (scalar.value < 0x20 && scalar != "\t") || scalar.value == 0x7F
    }

    static func isValidName(_ name: String) -> Bool {
        !name.isEmpty && name.unicodeScalars.allSatisfy { $0.value > 0x20 && $0.value < 0x7F && $0 != ":" }
    }

    /// "Name: token token…" with a CRLF and a space instead of the separating space wherever the line
    /// would pass 78 characters. Tokens are never split; the first always stays on the name's line.
    static func fold(name: String, tokens: [String]) throws -> String {
        var result = name + ":"
        var lineLength = result.utf8.count
        for (index, token) in tokens.enumerated() {
            let length = token.utf8.count
            if index > 0 && lineLength + 1 + length > preferredLineLength {
                result += "\r\n"
                lineLength = 0
            }
            result += " " + token
            lineLength += 1 + length
            guard lineLength <= maximumLineLength else { throw MailMessageError.headerTooLong(field: name) }
        }
        return result + "\r\n"
    }

    /// Tokens for unstructured text: the words themselves when they survive unfolding unchanged and each fits
    /// on a line, otherwise encoded-words, which carry their spaces inside and can be split anywhere.
    static func unstructuredTokens(_ text: String, firstMaximum: Int) -> [String] {
        let printable = text.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value < 0x7F }
        let words = text.split(separator: " ", omittingEmptySubsequences: false)
        // Parsers drop leading and trailing spaces and may collapse doubled ones; "=?" may be decoded.
        let plain =
            printable && !text.contains("=?") && !words.contains(where: \.isEmpty)
            && words.allSatisfy { $0.utf8.count <= firstMaximum }
        guard !text.isEmpty else { return [] }
        return plain ? words.map(String.init) : EncodedWord.encode(text, firstMaximum: firstMaximum)
    }

    /// Tokens for a printable ASCII value without leading or trailing spaces, written as given: structured headers
    /// such as List-Unsubscribe must not be encoded. Runs of spaces stay with the following word, so folding never
    /// leaves a blank line.
    static func verbatimTokens(_ value: String) -> [String] {
        var tokens: [String] = []
        var pendingSpaces = ""
        for word in value.split(separator: " ", omittingEmptySubsequences: false) {
            if word.isEmpty {
                pendingSpaces += " "
            } else {
                tokens.append(pendingSpaces + word)
                pendingSpaces = ""
            }
        }
        return tokens
    }

    /// Width left for the first token after "Name: ".
    static func firstMaximum(for name: String) -> Int {
        min(EncodedWord.maximumLength, max(preferredLineLength - name.utf8.count - 2, EncodedWord.minimumLength))
    }
}
