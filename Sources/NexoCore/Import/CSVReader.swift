/// Bytes in, records out: detects the encoding and the delimiter from the start of the file, then
/// decodes and parses chunk by chunk, so memory stays flat however large the file is.
///
/// The first record returned is the header row. Excel's optional first line `sep=;` sets the
/// delimiter and is not returned.
public struct CSVReader: Sendable {
    /// How much decoded text is looked at to choose the delimiter.
    public static let delimiterSampleSize = 64 * 1024

    private var decoder: TextChunkDecoder
    private var parser: CSVParser?
    private var fixedDelimiter: CSVDelimiter?
    private let maxRecordLength: Int
    /// Text decoded before the delimiter is known.
    private var sample = ""

    /// - Parameters:
    ///   - encoding: nil detects it (see `CSVEncoding.detect`).
    ///   - delimiter: nil detects it (see `CSVDelimiter.detect`).
    public init(
        encoding: CSVEncoding? = nil, delimiter: CSVDelimiter? = nil,
        maxRecordLength: Int = CSVParser.defaultMaxRecordLength
    ) {
        decoder = TextChunkDecoder(encoding: encoding)
        fixedDelimiter = delimiter
        self.maxRecordLength = maxRecordLength
    }

    /// Known once enough bytes have been read, or after `finish()`.
    public var encoding: CSVEncoding? { decoder.encoding }
    /// Known once enough text has been read, or after `finish()`.
    public var delimiter: CSVDelimiter? { parser?.delimiter }

    /// Reads the next bytes and returns the records they completed.
    public mutating func read(_ bytes: some Collection<UInt8>) -> [CSVRecord] {
        parse(decoder.decode(bytes), final: false)
    }

    /// Ends the input and returns the remaining records.
    public mutating func finish() -> [CSVRecord] {
        var records = parse(decoder.finish(), final: true)
        records += parser?.finish() ?? []
        return records
    }

    private mutating func parse(_ text: String, final: Bool) -> [CSVRecord] {
        if parser != nil { return parser!.feed(text) }
        sample += text
        guard final || sample.utf8.count >= Self.delimiterSampleSize else { return [] }
        var firstLine = 1
        var delimiter = fixedDelimiter
        if let (declared, rest) = Self.excelSeparatorLine(sample) {
            delimiter = delimiter ?? declared
            sample = rest
            firstLine = 2
        }
        if delimiter == nil {
            let head = String(decoding: sample.utf8.prefix(Self.delimiterSampleSize), as: UTF8.self)
            delimiter = CSVDelimiter.detect(in: head)
        }
        var parser = CSVParser(delimiter: delimiter ?? .comma, firstLine: firstLine, maxRecordLength: maxRecordLength)
        let records = parser.feed(sample)
        self.parser = parser
        sample = ""
        return records
    }

    /// Excel reads and writes a first line `sep=;` naming the delimiter.
    private static func excelSeparatorLine(_ text: String) -> (CSVDelimiter, rest: String)? {
        let scalars = Array(text.unicodeScalars.prefix(6))
        guard scalars.count >= 5, String(String.UnicodeScalarView(scalars[0..<4])).lowercased() == "sep=",
            let delimiter = CSVDelimiter(rawValue: String(scalars[4])),
            scalars.count == 5 || scalars[5] == "\r" || scalars[5] == "\n"
        else { return nil }
        var rest = text.unicodeScalars.dropFirst(5)
        if rest.first == "\r" { rest = rest.dropFirst() }
        if rest.first == "\n" { rest = rest.dropFirst() }
        return (delimiter, String(rest))
    }
}
