/// Quoted-printable body encoding (RFC 2045 §6.7): readable for Spanish text, safe through 7-bit relays.
enum QuotedPrintable {
    /// Longest encoded line, including the "=" of a soft line break.
    static let maximumLineLength = 76

    /// Encodes `text` with CRLF line breaks. Any of CRLF, LF or CR ends a line, and the result always ends
    /// with CRLF: a text body ends with a line break, and SMTP needs one before its terminating ".".
    static func encode(_ text: String) -> String {
        var output = ""
        var line: [UInt8] = []
        var previous: UInt8 = 0
        for byte in text.utf8 {
            if byte == 0x0A && previous == 0x0D {
                previous = 0
                continue
            }
            previous = byte
            if byte == 0x0A || byte == 0x0D {
                encodeLine(line, into: &output)
                line = []
            } else {
                line.append(byte)
            }
        }
        if !line.isEmpty || output.isEmpty { encodeLine(line, into: &output) }
        return output
    }

    private static func encodeLine(_ bytes: [UInt8], into output: inout String) {
        var lineLength = 0
        for index in bytes.indices {
            let isLast = index == bytes.count - 1
            var token = token(bytes, at: index, atLineStart: lineLength == 0)
            // The final token may use column 76; others must leave room for the soft break's "=".
            if lineLength + token.count > maximumLineLength - (isLast ? 0 : 1) {
                output += "=\r\n"
                lineLength = 0
                token = self.token(bytes, at: index, atLineStart: true)
            }
            output += token
            lineLength += token.count
        }
        output += "\r\n"
    }

    private static func token(_ bytes: [UInt8], at index: Int, atLineStart: Bool) -> String {
        let byte = bytes[index]
        let isLast = index == bytes.count - 1
        let literal: Bool
        switch byte {
        case 0x20, 0x09:
            // Trailing whitespace is stripped by some relays, so it is encoded.
            literal = !isLast
        case UInt8(ascii: "."):
            // A lone "." ends the SMTP DATA and some relays mishandle leading dots: never start a line with one.
            literal = !atLineStart
        case UInt8(ascii: "F"):
            // "From " at the start of a line gets a ">" added by mbox tools.
            literal = !(atLineStart && bytes[index...].starts(with: "From ".utf8))
        case UInt8(ascii: "="):
            literal = false
        default:
            literal = byte > 0x20 && byte < 0x7F
        }
        return literal ? String(UnicodeScalar(byte)) : "=" + EncodedWord.hex(byte)
    }
}
