/// Text encodings found in CSV files that small businesses export, and how to tell them apart.
public enum CSVEncoding: String, Sendable, Codable, CaseIterable {
    case utf8 = "utf-8"
    case utf8BOM = "utf-8-bom"
    case utf16LE = "utf-16le"
    case utf16BE = "utf-16be"
    /// What Excel writes in Spanish and Portuguese locales ("CSV (delimitado por comas)").
    case windows1252 = "windows-1252"

    /// How many leading bytes are needed for a confident guess; fewer are used when the file is shorter.
    public static let sampleSize = 64 * 1024

    /// Guesses the encoding from the first bytes of a file.
    ///
    /// Byte order marks decide first. Without one, UTF-16 shows as a NUL byte in every other position
    /// (the high byte of ASCII text); then text that is valid UTF-8 is UTF-8, and anything else is
    /// Windows-1252, which any byte sequence is.
    public static func detect(_ sample: some Collection<UInt8>) -> CSVEncoding {
        let bytes = Array(sample.prefix(sampleSize))
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { return .utf8BOM }
        if bytes.starts(with: [0xFF, 0xFE]) { return .utf16LE }
        if bytes.starts(with: [0xFE, 0xFF]) { return .utf16BE }
        if let utf16 = utf16ByNULPattern(bytes) { return utf16 }
        return isUTF8(bytes) ? .utf8 : .windows1252
    }

    /// The byte order mark this encoding starts with, empty when it has none.
    public var byteOrderMark: [UInt8] {
        switch self {
        case .utf8BOM: [0xEF, 0xBB, 0xBF]
        case .utf16LE: [0xFF, 0xFE]
        case .utf16BE: [0xFE, 0xFF]
        case .utf8, .windows1252: []
        }
    }

    private static func utf16ByNULPattern(_ bytes: [UInt8]) -> CSVEncoding? {
        let pairs = min(bytes.count / 2, 1024)
        guard pairs >= 2 else { return nil }
        var evenNULs = 0
        var oddNULs = 0
        for pair in 0..<pairs {
            if bytes[2 * pair] == 0 { evenNULs += 1 }
            if bytes[2 * pair + 1] == 0 { oddNULs += 1 }
        }
        // Mostly-ASCII text: nearly every code unit has one zero byte. Accented letters and a few
        // non-Latin characters lower the share, hence "at least a third" rather than "all".
        if oddNULs * 3 >= pairs && evenNULs * 10 < pairs { return .utf16LE }
        if evenNULs * 3 >= pairs && oddNULs * 10 < pairs { return .utf16BE }
        return nil
    }

    /// Valid UTF-8, allowing the sample to end in the middle of a character.
    static func isUTF8(_ bytes: [UInt8]) -> Bool {
        var index = 0
        while index < bytes.count {
            switch UTF8Sequence.length(in: bytes, at: index) {
            case .valid(let length): index += length
            case .truncated: return true
            case .invalid: return false
            }
        }
        return true
    }
}

/// Validation of one UTF-8 sequence, shared by detection and the streaming decoder.
enum UTF8Sequence {
    enum Outcome {
        case valid(Int)
        /// A valid start that the buffer cuts short: wait for more bytes.
        case truncated
        case invalid
    }

    static func length(in bytes: [UInt8], at start: Int) -> Outcome {
        let first = bytes[start]
        if first < 0x80 { return .valid(1) }
        let length: Int
        var secondRange: ClosedRange<UInt8> = 0x80...0xBF
        switch first {
        case 0xC2...0xDF: length = 2
        case 0xE0: (length, secondRange) = (3, 0xA0...0xBF)
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: (length, secondRange) = (3, 0x80...0x9F)  // no UTF-16 surrogates
        case 0xF0: (length, secondRange) = (4, 0x90...0xBF)
        case 0xF1...0xF3: length = 4
        case 0xF4: (length, secondRange) = (4, 0x80...0x8F)  // nothing past U+10FFFF
        default: return .invalid
        }
        for offset in 1..<length {
            guard start + offset < bytes.count else { return .truncated }
            let byte = bytes[start + offset]
            let range = offset == 1 ? secondRange : 0x80...0xBF
            guard range.contains(byte) else { return .invalid }
        }
        return .valid(length)
    }
}
