import Foundation

/// One server reply: a three-digit code and one or more lines of text ("250-…" lines continue a reply).
struct SMTPReply: Sendable, Equatable {
    var code: Int
    var lines: [String]

    /// The reply's text on one line, for error messages.
    var text: String { lines.joined(separator: " ").trimmingCharacters(in: .whitespaces) }

    var isPositive: Bool { (200..<300).contains(code) }
    var isTransientFailure: Bool { (400..<500).contains(code) }
    var isPermanentFailure: Bool { (500..<600).contains(code) }

    /// One reply line split into code, whether more lines follow, and text.
    struct Line: Equatable {
        var code: Int
        var continues: Bool
        var text: String
    }

    /// Parses "250-SIZE 1000", "250 OK" or a bare "250". Codes are 2xx to 5xx (RFC 5321 §4.2).
    static func parseLine(_ line: String) throws -> Line {
        let bytes = Array(line.utf8.prefix(4))
        let isDigit = { (byte: UInt8) in (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }
        guard bytes.count >= 3, bytes.prefix(3).allSatisfy(isDigit), (UInt8(ascii: "2")...UInt8(ascii: "5")).contains(bytes[0]),
            bytes.count == 3 || bytes[3] == UInt8(ascii: " ") || bytes[3] == UInt8(ascii: "-")
        else {
            throw SMTPError.protocolError("malformed reply line: \(line.prefix(80))")
        }
        let code = bytes.prefix(3).reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
        let continues = bytes.count == 4 && bytes[3] == UInt8(ascii: "-")
        return Line(code: code, continues: continues, text: String(decoding: line.utf8.dropFirst(4), as: UTF8.self))
    }
}
