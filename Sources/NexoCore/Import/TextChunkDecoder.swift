/// Turns a file's bytes into text piece by piece, so a large upload is never held whole in memory.
///
/// Bytes may be cut anywhere: a UTF-8 character, a UTF-16 code unit or a surrogate pair split between
/// two chunks is held back until the rest arrives. A leading byte order mark is dropped.
public struct TextChunkDecoder: Sendable {
    /// nil until enough bytes have arrived to detect it (see `CSVEncoding.sampleSize`).
    public private(set) var encoding: CSVEncoding?
    /// Bytes not decoded yet: the detection sample, or the start of a character cut by the chunk end.
    private var pending: [UInt8] = []
    private var atStart = true

    /// - Parameter encoding: the file's encoding when known; nil detects it from the first bytes.
    public init(encoding: CSVEncoding? = nil) {
        self.encoding = encoding
    }

    /// Decodes what it can of the bytes received so far.
    public mutating func decode(_ chunk: some Collection<UInt8>) -> String {
        pending.append(contentsOf: chunk)
        if encoding == nil {
            guard pending.count >= CSVEncoding.sampleSize else { return "" }
            encoding = CSVEncoding.detect(pending)
        }
        return drain(final: false)
    }

    /// Decodes whatever is left once the input has ended; a cut character becomes U+FFFD
    /// (UTF-16) or its bytes' Windows-1252 characters (UTF-8).
    public mutating func finish() -> String {
        if encoding == nil { encoding = CSVEncoding.detect(pending) }
        return drain(final: true)
    }

    private mutating func drain(final: Bool) -> String {
        guard let encoding, !pending.isEmpty else { return "" }
        var text: String
        let consumed: Int
        switch encoding {
        case .utf8, .utf8BOM: (text, consumed) = Self.decodeUTF8(pending, final: final)
        case .utf16LE: (text, consumed) = Self.decodeUTF16(pending, bigEndian: false, final: final)
        case .utf16BE: (text, consumed) = Self.decodeUTF16(pending, bigEndian: true, final: final)
        case .windows1252: (text, consumed) = (Self.decodeWindows1252(pending), pending.count)
        }
        pending.removeFirst(consumed)
        if atStart && !text.isEmpty {
            atStart = false
            if text.unicodeScalars.first == "\u{FEFF}" { text.unicodeScalars.removeFirst() }
        }
        return text
    }

    /// UTF-8, except that a byte which is not valid UTF-8 is read as Windows-1252 instead of U+FFFD:
    /// a file whose sample was plain ASCII but which has "Muñoz" written by Excel further down still
    /// reads right.
    static func decodeUTF8(_ bytes: [UInt8], final: Bool) -> (String, consumed: Int) {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = 0
        var runStart = 0
        while index < bytes.count {
            if bytes[index] < 0x80 {
                index += 1
                continue
            }
            switch UTF8Sequence.length(in: bytes, at: index) {
            case .valid(let length):
                index += length
            case .truncated where !final:
                output.append(contentsOf: bytes[runStart..<index])
                return (String(decoding: output, as: UTF8.self), index)
            case .truncated, .invalid:
                output.append(contentsOf: bytes[runStart..<index])
                appendWindows1252(bytes[index], to: &output)
                index += 1
                runStart = index
            }
        }
        output.append(contentsOf: bytes[runStart..<index])
        return (String(decoding: output, as: UTF8.self), index)
    }

    static func decodeUTF16(_ bytes: [UInt8], bigEndian: Bool, final: Bool) -> (String, consumed: Int) {
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var index = 0
        while index + 1 < bytes.count {
            let (high, low) = bigEndian ? (bytes[index], bytes[index + 1]) : (bytes[index + 1], bytes[index])
            units.append(UInt16(high) << 8 | UInt16(low))
            index += 2
        }
        // A lead surrogate at the end waits for its trail in the next chunk.
        if !final, let last = units.last, (0xD800...0xDBFF).contains(last) {
            units.removeLast()
            index -= 2
        }
        var text = String(decoding: units, as: UTF16.self)
        if final && index < bytes.count {
            text.unicodeScalars.append("\u{FFFD}")
            index = bytes.count
        }
        return (text, index)
    }

    static func decodeWindows1252(_ bytes: [UInt8]) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + bytes.count / 8)
        for byte in bytes {
            if byte < 0x80 {
                output.append(byte)
            } else {
                appendWindows1252(byte, to: &output)
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    private static func appendWindows1252(_ byte: UInt8, to output: inout [UInt8]) {
        output.append(contentsOf: windows1252UTF8[Int(byte) - 0x80])
    }

    /// UTF-8 bytes of the characters for 0x80–0xFF, computed once.
    private static let windows1252UTF8: [[UInt8]] = (0x80...0xFF).map {
        Array(String(windows1252Scalar(UInt8($0))).utf8)
    }

    /// 0x80–0x9F hold Windows-1252's extra characters (€, curly quotes, dashes…); the rest is Latin-1.
    /// The five unassigned bytes map to the C1 controls of the same value, as browsers do.
    static func windows1252Scalar(_ byte: UInt8) -> Unicode.Scalar {
        guard (0x80...0x9F).contains(byte) else { return Unicode.Scalar(byte) }
        let value = windows1252High[Int(byte) - 0x80]
        return Unicode.Scalar(value) ?? Unicode.Scalar(byte)
    }

    private static let windows1252High: [UInt32] = [
        0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
        0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
        0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
        0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
    ]
}
