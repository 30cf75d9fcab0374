import Foundation

/// Minimal decoders so tests can check that what the encoders write comes back exactly.
enum MailDecoding {
    /// Quoted-printable to text: soft breaks removed, =XX decoded, CRLF kept.
    static func quotedPrintable(_ encoded: String) -> String {
        var bytes: [UInt8] = []
        let input = Array(encoded.utf8)
        var index = 0
        while index < input.count {
            if input[index] == UInt8(ascii: "=") {
                if input[index + 1] == 0x0D {
                    index += 3
                    continue
                }
                bytes.append(UInt8(String(decoding: input[index + 1...index + 2], as: UTF8.self), radix: 16)!)
                index += 3
            } else {
                bytes.append(input[index])
                index += 1
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Bytes of one "=?UTF-8?B|Q?…?=" word.
    static func encodedWordBytes(_ word: String) -> [UInt8] {
        let parts = word.dropFirst(2).dropLast(2).split(separator: "?", omittingEmptySubsequences: false)
        let payload = String(parts[2])
        if parts[1] == "B" { return Array(Data(base64Encoded: payload)!) }
        return Array(quotedPrintable(payload.replacingOccurrences(of: "_", with: " ")).utf8)
    }

    /// Text of adjacent encoded-words (the whitespace between them does not count).
    static func encodedWords(_ words: [String]) -> String {
        String(decoding: words.flatMap(encodedWordBytes), as: UTF8.self)
    }

    /// Header lines of a rendered message, unfolded, by lower-cased name (first occurrence).
    static func headers(_ message: String) -> [String: String] {
        let head = message.components(separatedBy: "\r\n\r\n")[0].replacingOccurrences(of: "\r\n ", with: " ")
        var result: [String: String] = [:]
        for line in head.components(separatedBy: "\r\n") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = line[..<colon].lowercased()
            if result[name] == nil { result[name] = String(line[line.index(after: colon)...].dropFirst()) }
        }
        return result
    }
}
