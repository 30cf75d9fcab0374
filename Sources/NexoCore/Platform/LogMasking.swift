import Foundation

/// Masks e-mail addresses and phone numbers in text bound for logs, so logs can be shared without leaking personal data.
public enum LogMasking {
    /// "juana.perez@example.com" → "j***@example.com"; "+54 9 11 3333-2222" → "+54*******22".
    public static func mask(_ text: String) -> String {
        guard text.contains(where: { $0 == "@" || $0.isNumber }) else { return text }
        var result = text
        result = replace(emailPattern, in: result) { match in
            guard let at = match.firstIndex(of: "@") else { return "***" }
            let first = match.first.map(String.init) ?? ""
            return first + "***" + match[at...]
        }
        result = replace(phonePattern, in: result) { match in
            let digits = match.filter(\.isNumber)
            guard digits.count >= 7 else { return String(match) }
            let lead = match.hasPrefix("+") ? "+" + digits.prefix(2) : String(digits.prefix(2))
            return lead + String(repeating: "*", count: max(digits.count - 4, 3)) + digits.suffix(2)
        }
        return result
    }

    private static let emailPattern = try! NSRegularExpression(
        pattern: #"[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}"#)
    // Seven or more digits with the usual separators, not glued to letters, dashes, colons or dots (so parts of
    // UUIDs, times and versions are kept), and not starting an ISO date ("2026-11-23 09:52"), an IPv4 address
    // ("192.168.100.200") or a UUID made of digits only ("00000000-0000-…"). Extended syntax: spaces in it are
    // ignored, so the space separator is written \x20.
    private static let phonePattern = try! NSRegularExpression(
        pattern: #"""
            (?<![\w\-:.])
            (?!\d{4}-\d{2}-\d{2}(?!\d)
              |\d{1,3}(?:\.\d{1,3}){3}(?!\.?\d)
              |[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}(?![0-9A-Fa-f]))
            \+?\d[\d\x20\-().]{5,}\d(?![\w\-:])
            """#, options: [.allowCommentsAndWhitespace])

    private static func replace(
        _ regex: NSRegularExpression, in text: String, with transform: (Substring) -> String
    ) -> String {
        let ns = text as NSString
        let matches = regex.matches(in: text, range: NSRange(location: 0, length: ns.length))
        guard !matches.isEmpty else { return text }
        var out = ""
        var cursor = 0
        for match in matches {
            out += ns.substring(with: NSRange(location: cursor, length: match.range.location - cursor))
            out += transform(Substring(ns.substring(with: match.range)))
            cursor = match.range.location + match.range.length
        }
        out += ns.substring(from: cursor)
        return out
    }
}
