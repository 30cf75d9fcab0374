import Testing

@testable import NexoCore

@Suite struct MailAddressTests {
    private func tokens(_ name: String?, _ address: String = "ana@example.com") throws -> String {
        try MailAddress(address, name: name).headerTokens(field: "To").joined(separator: " ")
    }

    @Test func addressWithoutNameIsBare() throws {
        #expect(try tokens(nil) == "ana@example.com")
    }

    @Test func blankNameIsLeftOut() throws {
        #expect(try tokens("  ") == "ana@example.com")
    }

    @Test func plainNameIsWrittenAsAtoms() throws {
        #expect(try tokens("Ana Gomez") == "Ana Gomez <ana@example.com>")
    }

    @Test func nameWithCommaIsQuoted() throws {
        #expect(try tokens("Gomez, Ana") == "\"Gomez, Ana\" <ana@example.com>")
    }

    @Test func quotesAndBackslashesAreEscapedInsideQuotes() throws {
        #expect(try tokens("Juan \"Juancho\" a\\b") == #""Juan \"Juancho\" a\\b" <ana@example.com>"#)
    }

    @Test func asciiNameWithDotIsQuoted() throws {
        #expect(try tokens("Dr. Who") == "\"Dr. Who\" <ana@example.com>")
    }

    @Test func accentedWordsAreEncodedAndPlainWordsStayPlain() throws {
        let phrase = MailAddress.phrase("María de la Torre", firstMaximum: 75)
        #expect(phrase.count == 4 && phrase[1...] == ["de", "la", "Torre"])
        #expect(MailDecoding.encodedWords([phrase[0]]) == "María")
    }

    @Test func adjacentAccentedWordsShareOneEncodedWord() throws {
        let phrase = MailAddress.phrase("José María", firstMaximum: 75)
        #expect(phrase.count == 1 && MailDecoding.encodedWords(phrase) == "José María")
    }

    @Test func punctuatedWordsNextToAccentsAreEncoded() throws {
        let phrase = MailAddress.phrase("Dra. Núñez, Pérez", firstMaximum: 75)
        #expect(phrase.count == 1 && MailDecoding.encodedWords(phrase) == "Dra. Núñez, Pérez")
    }

    @Test func spacesInNamesAreCollapsed() throws {
        #expect(try tokens("  Ana \t Gomez ") == "Ana Gomez <ana@example.com>")
    }

    @Test func nameThatLooksEncodedIsEncoded() throws {
        #expect(try tokens("=?x?") == "=?UTF-8?B?PT94Pw==?= <ana@example.com>")
    }

    @Test(arguments: ["ana\r\n@example.com", "ana@example.com\r\nBcc: x@evil.com", "ana\u{0}@example.com"])
    func addressWithControlCharactersIsInjection(address: String) {
        #expect(throws: MailMessageError.headerInjection(field: "To")) { try tokens(nil, address) }
    }

    @Test(arguments: ["", "ana", "@example.com", "ana@", "ana gomez@example.com", "<ana@example.com>", "a,b@example.com"])
    func malformedAddressIsRejected(address: String) {
        #expect(throws: MailMessageError.invalidAddress(field: "To")) { try tokens(nil, address) }
    }

    @Test(arguments: ["Ana\r\nBcc: x@evil.com", "Ana\n", "Ana\r"])
    func nameWithLineBreakIsInjection(name: String) {
        #expect(throws: MailMessageError.headerInjection(field: "To")) { try tokens(name) }
    }
}
