/// The bytes sent after DATA: CRLF line endings, dot-stuffing and the terminating "." line (RFC 5321 §4.5.2).
enum SMTPMessageData {
    static func encode(_ message: String) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(message.utf8.count + 64)
        var atLineStart = true
        var previous: UInt8 = 0
        for byte in message.utf8 {
            defer { previous = byte }
            switch byte {
            case 0x0A where previous == 0x0D:
                continue
            case 0x0A, 0x0D:
                // Any of CRLF, LF or CR ends a line: bare ones are forbidden on the wire.
                output += [0x0D, 0x0A]
                atLineStart = true
            default:
                // A line starting with "." gets a second one, or a lone "." would end the message early.
                if atLineStart && byte == UInt8(ascii: ".") { output.append(byte) }
                output.append(byte)
                atLineStart = false
            }
        }
        if !atLineStart { output += [0x0D, 0x0A] }
        return output + Array(".\r\n".utf8)
    }
}
