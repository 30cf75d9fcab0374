import Foundation

/// Text folding for accent- and case-insensitive contact search.
///
/// Stored documents and queries must go through the same `fold`, so the database can
/// match with a plain LIKE instead of depending on collations that differ per engine.
public enum SearchText {
    /// Lower-cased, diacritics removed ("Núñez" → "nunez", "São" → "sao", "Ñandú" → "nandu"),
    /// whitespace collapsed, trimmed.
    public static func fold(_ s: String) -> String {
        if s.utf8.allSatisfy({ $0 < 0x80 }) { return foldASCII(s) }
        // Done by hand rather than `String.folding(options:)`, whose output differs
        // between Darwin and swift-corelibs-foundation.
        var stripped = String.UnicodeScalarView()
        for scalar in s.decomposedStringWithCanonicalMapping.unicodeScalars
        where scalar.properties.generalCategory != .nonspacingMark {
            stripped.append(scalar)
        }
        var folded = ""
        for character in String(stripped).lowercased() {
            if let replacement = undecomposable[character] {
                folded += replacement
            } else {
                folded.append(character)
            }
        }
        return folded.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// `fold` for ASCII text (most e-mails, many names), which has nothing to decompose: lower-case letters and
    /// collapse whitespace in one pass over the bytes. A bulk import folds every contact, and NFD was its hot spot.
    static func foldASCII(_ s: String) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(s.utf8.count)
        var pendingSpace = false
        for byte in s.utf8 {
            if byte == 0x20 || (0x09...0x0D).contains(byte) {
                pendingSpace = !bytes.isEmpty
                continue
            }
            if pendingSpace {
                bytes.append(0x20)
                pendingSpace = false
            }
            bytes.append((0x41...0x5A).contains(byte) ? byte + 0x20 : byte)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The folded text stored for a contact: joins non-empty parts with a single space,
    /// the phone contributing its digits only, so digits typed without separators find it
    /// however the number was stored.
    public static func document(
        firstName: String?,
        lastName: String?,
        email: String?,
        phone: String?,
        company: String?
    ) -> String {
        let phoneDigits = phone.map { String($0.unicodeScalars.filter { ("0"..."9").contains($0) }) }
        return [firstName, lastName, email, phoneDigits, company]
            .compactMap { $0.map(fold) }
            .filter { !$0.isEmpty }
            .joined(separator: " ")
    }

    /// `"%<escaped folded query>%"` for `LIKE ? ESCAPE '\'`; `%`, `_` and `\` in the
    /// query match literally.
    public static func likePattern(containing query: String) -> String {
        var escaped = ""
        for character in fold(query) {
            if character == "%" || character == "_" || character == "\\" {
                escaped.append("\\")
            }
            escaped.append(character)
        }
        return "%" + escaped + "%"
    }

    /// Letters with a stroke or ligatures have no canonical decomposition, so NFD keeps
    /// them; map the common ones so "Søren" and "Straße" are found by plain typing.
    private static let undecomposable: [Character: String] = [
        "ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "đ": "d", "ð": "d", "ł": "l", "ħ": "h",
        "ı": "i", "þ": "th",
    ]
}
