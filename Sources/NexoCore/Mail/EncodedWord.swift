import Foundation

/// RFC 2047 encoded-words ("=?UTF-8?Q?Jos=C3=A9?="), the only way to put non-ASCII text in a header that
/// every mail system understands.
enum EncodedWord {
    /// Longest encoded-word RFC 2047 allows.
    static let maximumLength = 75
    /// Room for the overhead and at least one encoded character, so a word can always be written.
    static let minimumLength = 24

    private static let overhead = "=?UTF-8?B??=".utf8.count

    enum Encoding: String {
        case b = "B"
        case q = "Q"
    }

    /// `text` as encoded-words, each at most `maximumLength` characters and the first at most `firstMaximum`.
    /// Words break only between characters (never inside a UTF-8 sequence or, when it fits, a grapheme), and
    /// decoders join adjacent encoded-words without the space between them, so the text comes back exactly.
    /// Q is chosen when it is shorter (mostly-ASCII Spanish), B otherwise (emoji, CJK).
    static func encode(_ text: String, firstMaximum: Int = maximumLength) -> [String] {
        let q = encode(text, as: .q, firstMaximum: firstMaximum)
        let b = encode(text, as: .b, firstMaximum: firstMaximum)
        return q.reduce(0) { $0 + $1.count } <= b.reduce(0) { $0 + $1.count } ? q : b
    }

    static func encode(_ text: String, as encoding: Encoding, firstMaximum: Int = maximumLength) -> [String] {
        var words: [String] = []
        var pending: [UInt8] = []

        func payloadLength(_ bytes: [UInt8]) -> Int {
            switch encoding {
            case .b: (bytes.count + 2) / 3 * 4
            case .q: bytes.reduce(0) { $0 + (isQLiteral($1) || $1 == 0x20 ? 1 : 3) }
            }
        }
        func limit() -> Int { (words.isEmpty ? firstMaximum : maximumLength) - overhead }
        func flush() {
            guard !pending.isEmpty else { return }
            words.append(word(pending, encoding))
            pending = []
        }
        func add(_ unit: [UInt8]) -> Bool {
            if payloadLength(pending + unit) <= limit() {
                pending += unit
                return true
            }
            flush()
            guard payloadLength(unit) <= limit() else { return false }
            pending = unit
            return true
        }

        for character in text {
            if add(Array(character.utf8)) { continue }
            // A grapheme too long for one word (an emoji family, many combining marks) goes scalar by scalar.
            for scalar in character.unicodeScalars {
                let bytes = Array(String(scalar).utf8)
                if !add(bytes) { pending = bytes }
            }
        }
        flush()
        return words
    }

    private static func word(_ bytes: [UInt8], _ encoding: Encoding) -> String {
        let payload: String
        switch encoding {
        case .b:
            payload = Data(bytes).base64EncodedString()
        case .q:
            var text = ""
            for byte in bytes {
                if byte == 0x20 {
                    text += "_"
                } else if isQLiteral(byte) {
                    text.unicodeScalars.append(Unicode.Scalar(byte))
                } else {
                    text += "=" + hex(byte)
                }
            }
            payload = text
        }
        return "=?UTF-8?\(encoding.rawValue)?\(payload)?="
    }

    /// The characters RFC 2047 allows unencoded in a Q word inside a phrase, which also suits Subject.
    private static func isQLiteral(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"):
            true
        default:
            "!*+-/".utf8.contains(byte)
        }
    }

    static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF".unicodeScalars)
        return String(digits[Int(byte >> 4)]) + String(digits[Int(byte & 0x0F)])
    }
}
