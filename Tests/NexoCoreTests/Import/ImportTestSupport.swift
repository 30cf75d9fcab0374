@testable import NexoCore

/// Test-only shortcuts for feeding whole inputs through the streaming types.
enum ImportTestSupport {
    /// Every record of `text`, fed to the parser in pieces of `chunk` characters.
    static func records(_ text: String, delimiter: CSVDelimiter = .comma, chunk: Int = .max) -> [CSVRecord] {
        var parser = CSVParser(delimiter: delimiter)
        var records: [CSVRecord] = []
        var rest = Substring(text)
        while !rest.isEmpty {
            let piece = rest.prefix(chunk)
            records += parser.feed(String(piece))
            rest = rest.dropFirst(piece.count)
        }
        return records + parser.finish()
    }

    /// The cells of every record of `text`.
    static func cells(_ text: String, delimiter: CSVDelimiter = .comma, chunk: Int = .max) -> [[String]] {
        records(text, delimiter: delimiter, chunk: chunk).map(\.cells)
    }

    /// Decodes `bytes` in pieces of `chunk` bytes.
    static func decode(_ bytes: [UInt8], encoding: CSVEncoding? = nil, chunk: Int = .max) -> (String, CSVEncoding?) {
        var decoder = TextChunkDecoder(encoding: encoding)
        var text = ""
        var start = 0
        while start < bytes.count {
            let end = start + min(chunk, bytes.count - start)
            text += decoder.decode(bytes[start..<end])
            start = end
        }
        text += decoder.finish()
        return (text, decoder.encoding)
    }

    /// Reads a whole file's bytes through `CSVReader` in pieces of `chunk` bytes.
    static func read(_ bytes: [UInt8], chunk: Int = 64 * 1024) -> (records: [CSVRecord], reader: CSVReader) {
        var reader = CSVReader()
        var records: [CSVRecord] = []
        var start = 0
        while start < bytes.count {
            let end = start + min(chunk, bytes.count - start)
            records += reader.read(bytes[start..<end])
            start = end
        }
        records += reader.finish()
        return (records, reader)
    }

    static func utf16LE(_ text: String, bom: Bool) -> [UInt8] {
        (bom ? [0xFF, 0xFE] : []) + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
    }

    static func utf16BE(_ text: String, bom: Bool) -> [UInt8] {
        (bom ? [0xFE, 0xFF] : []) + text.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
    }

    /// Maps rows through a mapping guessed from the first record; rejected rows as errors.
    static func rows(
        _ text: String, delimiter: CSVDelimiter = .comma, options: ImportOptions = options
    ) -> [Result<ContactImportRow, RowRejection>] {
        let records = self.records(text, delimiter: delimiter)
        guard let header = records.first else { return [] }
        let mapping = ColumnMapping(headers: header.cells)
        return records.dropFirst().map { record in
            Result { () throws(RowRejection) in try ContactImportRow(record: record, mapping: mapping, options: options)
            }
        }
    }

    static let options = ImportOptions(defaultCountry: "AR", dateOrder: .dayFirst, currentYear: 2025)
}
