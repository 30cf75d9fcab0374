import Testing

@testable import NexoCore

@Suite struct CSVReaderTests {
    @Test func readsAnExcelSpanishExportInWindows1252WithSemicolons() {
        // Given what Excel writes in a Spanish locale: Windows-1252, semicolons, CRLF
        let text = "Nombre;Apellidos;Teléfono;Año\r\nJosé;Muñoz;11 3333 2222;1990\r\n"
        let bytes = text.unicodeScalars.map { UInt8($0.value) }

        // When read
        let (records, reader) = ImportTestSupport.read(bytes)

        // Then encoding and delimiter are detected and the accents are right
        #expect(reader.encoding == .windows1252)
        #expect(reader.delimiter == .semicolon)
        #expect(
            records.map(\.cells) == [
                ["Nombre", "Apellidos", "Teléfono", "Año"], ["José", "Muñoz", "11 3333 2222", "1990"],
            ])
    }

    @Test func readsUTF16TabSeparatedText() {
        // Given Excel's "Unicode text": UTF-16LE with BOM, tab-separated
        let bytes = ImportTestSupport.utf16LE("Nombre\tEmail\r\nNúñez\tn@example.com\r\n", bom: true)

        // When read one byte at a time
        let (records, reader) = ImportTestSupport.read(bytes, chunk: 1)

        // Then both are detected and the rows are whole
        #expect(reader.encoding == .utf16LE)
        #expect(reader.delimiter == .tab)
        #expect(records.map(\.cells) == [["Nombre", "Email"], ["Núñez", "n@example.com"]])
    }

    @Test func takesTheDelimiterFromExcelsSepLine() {
        // Given a "sep=;" first line, which makes the comma look likelier otherwise
        let bytes = Array("sep=;\r\nname;notes\r\nAna;a, b, c\r\n".utf8)

        // When read
        let (records, reader) = ImportTestSupport.read(bytes)

        // Then the declared delimiter is used, the line is not a record, and lines count from it
        #expect(reader.delimiter == .semicolon)
        #expect(records.map(\.cells) == [["name", "notes"], ["Ana", "a, b, c"]])
        #expect(records.map(\.line) == [2, 3])
    }

    @Test func usesTheEncodingAndDelimiterItIsGiven() {
        // Given a reader told the encoding and delimiter
        var reader = CSVReader(encoding: .windows1252, delimiter: .pipe)

        // When read
        let records = reader.read([0x41, 0xF1, 0x6F, 0x7C, 0x62]) + reader.finish()

        // Then they are used as given
        #expect(records.map(\.cells) == [["Año", "b"]])
        #expect(reader.delimiter == .pipe)
    }

    @Test func readsALargeFileInChunksWithoutLosingARow() {
        // Given 200,000 rows with accents, quotes and embedded line breaks, in 64 KiB chunks
        let rowCount = 200_000
        var text = "Nombre;Email;Teléfono;Notas\r\n"
        for index in 0..<rowCount {
            let notes = index % 1000 == 0 ? "\"línea 1\r\nlínea \"\"2\"\"\"" : "ñandú \(index)"
            text += "José \(index);jose\(index)@example.com;+54 9 11 3333 \(1000 + index % 9000);\(notes)\r\n"
        }
        let bytes = Array(text.utf8)
        text = ""

        // When read through the streaming reader
        var reader = CSVReader()
        var count = 0
        var last: CSVRecord?
        var start = 0
        while start < bytes.count {
            let end = min(start + 64 * 1024, bytes.count)
            let records = reader.read(bytes[start..<end])
            count += records.count
            last = records.last ?? last
            start = end
        }
        let rest = reader.finish()
        count += rest.count
        last = rest.last ?? last

        // Then every row arrives, header included, with the right line numbers
        #expect(count == rowCount + 1)
        #expect(last?.cells.first == "José \(rowCount - 1)")
        #expect(last?.line == rowCount + 1 + rowCount / 1000)
    }
}
