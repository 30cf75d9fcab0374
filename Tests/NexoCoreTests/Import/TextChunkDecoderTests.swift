import Testing

@testable import NexoCore

@Suite struct TextChunkDecoderTests {
    @Test func detectsUTF8ByItsByteOrderMark() {
        // Given bytes starting with the UTF-8 BOM
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("Nombre".utf8)

        // When the encoding is detected
        let encoding = CSVEncoding.detect(bytes)

        // Then it is UTF-8 with BOM
        #expect(encoding == .utf8BOM)
    }

    @Test func detectsUTF16ByItsByteOrderMarks() {
        // Given UTF-16 text with each byte order mark
        let little = ImportTestSupport.utf16LE("Nombre", bom: true)
        let big = ImportTestSupport.utf16BE("Nombre", bom: true)

        // When detected / Then the byte order is the mark's
        #expect(CSVEncoding.detect(little) == .utf16LE)
        #expect(CSVEncoding.detect(big) == .utf16BE)
    }

    @Test func detectsUTF16WithoutByteOrderMarkByItsNULBytes() {
        // Given UTF-16 text without a mark, with an accented letter among ASCII
        let little = ImportTestSupport.utf16LE("Nombre;Teléfono\r\nAna;123\r\n", bom: false)
        let big = ImportTestSupport.utf16BE("Nombre;Teléfono\r\nAna;123\r\n", bom: false)

        // When detected / Then the NUL bytes' positions tell the byte order
        #expect(CSVEncoding.detect(little) == .utf16LE)
        #expect(CSVEncoding.detect(big) == .utf16BE)
    }

    @Test func detectsValidUTF8AndPlainASCIIAsUTF8() {
        // Given UTF-8 with accents and pure ASCII
        // When detected / Then both are UTF-8
        #expect(CSVEncoding.detect(Array("Año;Muñoz;€".utf8)) == .utf8)
        #expect(CSVEncoding.detect(Array("name,email".utf8)) == .utf8)
    }

    @Test func detectsUTF8CutInTheMiddleOfACharacterAsUTF8() {
        // Given a sample that ends halfway through "ñ"
        let bytes = Array(Array("Muñ".utf8).dropLast())

        // When detected / Then the cut does not make it look like another encoding
        #expect(CSVEncoding.detect(bytes) == .utf8)
    }

    @Test func detectsBytesThatAreNotUTF8AsWindows1252() {
        // Given "Año;Muñoz" as Excel writes it in a Spanish locale
        let bytes: [UInt8] = [0x41, 0xF1, 0x6F, 0x3B, 0x4D, 0x75, 0xF1, 0x6F, 0x7A]

        // When detected / Then it is Windows-1252
        #expect(CSVEncoding.detect(bytes) == .windows1252)
    }

    @Test func decodesWindows1252WithItsOwnCharactersIn0x80To0x9F() {
        // Given a Windows-1252 file with "Año", "Muñoz", "€" and curly quotes
        let bytes: [UInt8] =
            Array("A".utf8) + [0xF1] + Array("o;Mu".utf8) + [0xF1] + Array("oz;".utf8) + [0x80]
            + Array("100;".utf8) + [0x93] + Array("VIP".utf8) + [0x94, 0x96, 0x85]

        // When decoded with detection
        let (text, encoding) = ImportTestSupport.decode(bytes)

        // Then every character is the one Excel meant
        #expect(encoding == .windows1252)
        #expect(text == "Año;Muñoz;€100;“VIP”–…")
    }

    @Test func stripsTheUTF8ByteOrderMark() {
        // Given UTF-8 with a BOM
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("Nombre;Teléfono".utf8)

        // When decoded
        let (text, encoding) = ImportTestSupport.decode(bytes)

        // Then the text starts at the first header
        #expect(encoding == .utf8BOM)
        #expect(text == "Nombre;Teléfono")
    }

    @Test func stripsTheBOMEvenWhenItArrivesOneByteAtATime() {
        // Given UTF-8 with a BOM fed byte by byte, encoding given
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("Año".utf8)

        // When decoded in 1-byte chunks
        let (text, _) = ImportTestSupport.decode(bytes, encoding: .utf8, chunk: 1)

        // Then no BOM is left
        #expect(text == "Año")
    }

    @Test func decodesUTF16LittleEndianWithBOM() {
        // Given UTF-16LE with a BOM, as Excel's "Unicode text" writes
        let bytes = ImportTestSupport.utf16LE("Nombre\tTeléfono\r\nMaría\t+54 11 3333 2222\r\n", bom: true)

        // When decoded
        let (text, encoding) = ImportTestSupport.decode(bytes)

        // Then the text is whole, without the BOM
        #expect(encoding == .utf16LE)
        #expect(text == "Nombre\tTeléfono\r\nMaría\t+54 11 3333 2222\r\n")
    }

    @Test func decodesUTF16BigEndian() {
        // Given UTF-16BE with a BOM
        let bytes = ImportTestSupport.utf16BE("José,Ñandú", bom: true)

        // When decoded / Then the text is whole
        #expect(ImportTestSupport.decode(bytes).0 == "José,Ñandú")
    }

    @Test func keepsSurrogatePairsSplitAcrossChunks() {
        // Given UTF-16LE text with an emoji (a surrogate pair), fed one byte at a time
        let bytes = ImportTestSupport.utf16LE("Ana 😀 Núñez", bom: true)

        // When decoded in 1-byte chunks
        let (text, _) = ImportTestSupport.decode(bytes, chunk: 1)

        // Then the pair and every code unit come out whole
        #expect(text == "Ana 😀 Núñez")
    }

    @Test func keepsUTF8CharactersSplitAcrossOneByteChunks() {
        // Given UTF-8 with two-, three- and four-byte characters
        let original = "Ñandú € 😀 São Paulo"

        // When decoded one byte at a time, with the encoding given and detected
        let (given, _) = ImportTestSupport.decode(Array(original.utf8), encoding: .utf8, chunk: 1)
        let (detected, encoding) = ImportTestSupport.decode(Array(original.utf8), chunk: 1)

        // Then every character survives the cuts
        #expect(given == original)
        #expect(detected == original)
        #expect(encoding == .utf8)
    }

    @Test func readsAStrayWindows1252ByteInAUTF8FileAsWindows1252() {
        // Given a file detected as UTF-8 (ASCII so far) with a Windows-1252 "ñ" later on
        let bytes = Array("name\n".utf8) + Array("Mu".utf8) + [0xF1] + Array("oz\n".utf8)

        // When decoded as UTF-8
        let (text, _) = ImportTestSupport.decode(bytes, encoding: .utf8)

        // Then the byte is read as the letter Excel meant rather than U+FFFD
        #expect(text == "name\nMuñoz\n")
    }

    @Test func aUTF8CharacterCutByTheEndOfTheFileIsKeptAsBytes() {
        // Given UTF-8 ending with the first byte of "ñ"
        let bytes = Array("ab".utf8) + [0xC3]

        // When decoded and finished
        let (text, _) = ImportTestSupport.decode(bytes, encoding: .utf8)

        // Then the lone byte is read as its Windows-1252 letter, nothing is lost
        #expect(text == "abÃ")
    }

    @Test func anOddLastByteInUTF16BecomesAReplacementCharacter() {
        // Given UTF-16LE with a stray last byte
        let bytes = ImportTestSupport.utf16LE("ab", bom: true) + [0x41]

        // When decoded / Then the fragment is marked, not dropped silently
        #expect(ImportTestSupport.decode(bytes).0 == "ab\u{FFFD}")
    }

    @Test func decodesNothingForAnEmptyFile() {
        // Given no bytes / When decoded / Then the text is empty
        #expect(ImportTestSupport.decode([]).0 == "")
    }
}
