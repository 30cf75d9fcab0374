/// A streaming CSV reader: feed it text as it arrives and it returns the records completed so far.
///
/// RFC 4180, plus what real exports do: CRLF, LF or CR line ends; quoted cells holding delimiters,
/// doubled quotes and line breaks (stored as "\n"); spaces before an opening quote or after a closing
/// one are dropped; a stray quote inside an unquoted cell is kept as text; text after a closing quote
/// is appended; blank lines (and lines of empty cells, as Excel writes for empty rows) are skipped.
/// Rows keep the number of cells they have: deciding about ragged rows is up to the caller.
///
/// Memory is bounded by `maxRecordLength`: a record that grows past it (typically a quote never closed)
/// is returned with a `recordTooLong` problem and what was read of it up to then, and reading resumes
/// on the next line.
public struct CSVParser: Sendable {
    public static let defaultMaxRecordLength = 1 << 20

    public let delimiter: CSVDelimiter
    /// Longest record accepted, in UTF-8 bytes of cell text.
    public let maxRecordLength: Int

    private enum State {
        case cellStart
        case unquoted
        case quoted
        /// A quote inside a quoted cell: either the first of a doubled quote or the closing one.
        case quoteInQuoted
        /// After a closing quote and the spaces following it.
        case afterQuoted
        /// The record overflowed: ignore everything, quotes included, up to the next line end.
        case skippingToLineEnd
    }

    private let separator: UInt8
    private var state = State.cellStart
    private var cell: [UInt8] = []
    private var cells: [String] = []
    private var recordLength = 0
    private var overflowed = false
    private var line: Int
    private var recordLine: Int
    private var previousByte: UInt8 = 0

    private static let quote = UInt8(ascii: "\"")
    private static let cr = UInt8(ascii: "\r")
    private static let lf = UInt8(ascii: "\n")
    private static let space = UInt8(ascii: " ")
    private static let tab = UInt8(ascii: "\t")

    /// - Parameter firstLine: the file line the text starts on (2 when a `sep=;` line was taken off).
    public init(delimiter: CSVDelimiter = .comma, firstLine: Int = 1, maxRecordLength: Int = defaultMaxRecordLength) {
        self.delimiter = delimiter
        self.maxRecordLength = maxRecordLength
        separator = delimiter.byte
        line = firstLine
        recordLine = firstLine
    }

    /// Reads the text and returns the records it completed; an unfinished one waits for more text.
    public mutating func feed(_ text: String) -> [CSVRecord] {
        var text = text
        var records: [CSVRecord] = []
        text.withUTF8 { process($0, into: &records) }
        return records
    }

    /// Ends the input and returns the last record, if the text did not end with a line break.
    public mutating func finish() -> [CSVRecord] {
        var records: [CSVRecord] = []
        switch state {
        case .cellStart where cells.isEmpty && cell.isEmpty:
            break
        case .quoted:
            let problem = ImportProblem(
                code: ImportProblem.unclosedQuote,
                message: "The file ends inside a quoted cell: a quote is missing its closing pair.")
            endRecord(into: &records, problem: problem)
        case .skippingToLineEnd:
            endRecord(into: &records, problem: tooLongProblem)
        default:
            endRecord(into: &records)
        }
        return records
    }

    private mutating func process(_ bytes: UnsafeBufferPointer<UInt8>, into records: inout [CSVRecord]) {
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            defer { previousByte = byte }
            let isLineEnd = byte == Self.cr || byte == Self.lf
            // The LF of a CRLF: the CR already ended the line (or, in quotes, added the "\n").
            if byte == Self.lf && previousByte == Self.cr {
                index += 1
                continue
            }
            switch state {
            case .cellStart:
                if byte == Self.quote {
                    cell.removeAll(keepingCapacity: true)  // spaces before an opening quote
                    state = .quoted
                } else if byte == separator {
                    endCell()
                } else if isLineEnd {
                    endLine(into: &records)
                } else {
                    append(byte)
                    if !(byte == Self.space || byte == Self.tab) { state = .unquoted }
                }
            case .unquoted:
                if byte == separator {
                    endCell()
                } else if isLineEnd {
                    endLine(into: &records)
                } else {
                    // Copy the run up to the next delimiter or line end at once.
                    var end = index + 1
                    while end < bytes.count, bytes[end] != separator, bytes[end] != Self.cr, bytes[end] != Self.lf {
                        end += 1
                    }
                    append(UnsafeBufferPointer(rebasing: bytes[index..<end]))
                    index = end - 1
                }
            case .quoted:
                if byte == Self.quote {
                    state = .quoteInQuoted
                } else if isLineEnd {
                    line += 1
                    append(Self.lf)
                } else {
                    var end = index + 1
                    while end < bytes.count, bytes[end] != Self.quote, bytes[end] != Self.cr, bytes[end] != Self.lf {
                        end += 1
                    }
                    append(UnsafeBufferPointer(rebasing: bytes[index..<end]))
                    index = end - 1
                }
            case .quoteInQuoted:
                if byte == Self.quote {
                    append(Self.quote)
                    state = .quoted
                } else {
                    state = .afterQuoted
                    afterQuoted(byte, isLineEnd: isLineEnd, into: &records)
                }
            case .afterQuoted:
                afterQuoted(byte, isLineEnd: isLineEnd, into: &records)
            case .skippingToLineEnd:
                if isLineEnd { endLine(into: &records) }
            }
            index += 1
        }
    }

    private mutating func afterQuoted(_ byte: UInt8, isLineEnd: Bool, into records: inout [CSVRecord]) {
        if byte == separator {
            endCell()
        } else if isLineEnd {
            endLine(into: &records)
        } else if byte != Self.space && byte != Self.tab {
            // `"abc"def`: not RFC 4180, but spreadsheets read it as abcdef.
            append(byte)
            state = .unquoted
        }
    }

    private mutating func append(_ byte: UInt8) {
        guard !overflowed else { return }
        cell.append(byte)
        recordLength += 1
        if recordLength > maxRecordLength { overflow() }
    }

    private mutating func append(_ run: UnsafeBufferPointer<UInt8>) {
        guard !overflowed else { return }
        cell.append(contentsOf: run)
        recordLength += run.count
        if recordLength > maxRecordLength { overflow() }
    }

    private mutating func overflow() {
        overflowed = true
        cell = []
        state = .skippingToLineEnd
    }

    private mutating func endCell() {
        cells.append(String(decoding: cell, as: UTF8.self))
        cell.removeAll(keepingCapacity: true)
        state = .cellStart
    }

    private mutating func endLine(into records: inout [CSVRecord]) {
        endRecord(into: &records, problem: overflowed ? tooLongProblem : nil)
        line += 1
        recordLine = line
    }

    private var tooLongProblem: ImportProblem {
        ImportProblem(
            code: ImportProblem.recordTooLong,
            message: "This row is longer than \(maxRecordLength / 1024) KiB: a quote may be missing its closing pair.")
    }

    private mutating func endRecord(into records: inout [CSVRecord], problem: ImportProblem? = nil) {
        if !overflowed { endCell() }
        let isBlank = cells.allSatisfy { $0.utf8.allSatisfy { $0 == Self.space || $0 == Self.tab } }
        if problem != nil || !isBlank {
            records.append(CSVRecord(cells: cells, line: recordLine, problem: problem))
        }
        cells.removeAll(keepingCapacity: true)
        cell.removeAll(keepingCapacity: true)
        recordLength = 0
        overflowed = false
        state = .cellStart
    }
}
