import Testing

@testable import NexoCore

@Suite struct QuotedPrintableTests {
    @Test func plainASCIIIsUnchanged() {
        #expect(QuotedPrintable.encode("Hello, world!") == "Hello, world!\r\n")
    }

    @Test func equalsSignIsEscaped() {
        #expect(QuotedPrintable.encode("a=b =41") == "a=3Db =3D41\r\n")
    }

    @Test func utf8BytesAreEscaped() {
        #expect(QuotedPrintable.encode("Ñandú 🎉") == "=C3=91and=C3=BA =F0=9F=8E=89\r\n")
    }

    @Test func trailingSpaceAndTabAreEscaped() {
        #expect(QuotedPrintable.encode("space \ntab\t\nmiddle ok") == "space=20\r\ntab=09\r\nmiddle ok\r\n")
    }

    @Test func lineStartingWithDotIsEscaped() {
        #expect(QuotedPrintable.encode(".\n.hidden\na.b") == "=2E\r\n=2Ehidden\r\na.b\r\n")
    }

    @Test func lineStartingWithFromIsEscaped() {
        #expect(QuotedPrintable.encode("From here\nFrom\nsaid From x") == "=46rom here\r\nFrom\r\nsaid From x\r\n")
    }

    @Test func anyLineEndingBecomesCRLF() {
        #expect(QuotedPrintable.encode("a\nb\r\nc\rd\n") == "a\r\nb\r\nc\r\nd\r\n")
    }

    @Test func emptyLinesAreKept() {
        #expect(QuotedPrintable.encode("a\n\n\nb") == "a\r\n\r\n\r\nb\r\n")
    }

    @Test func longLineGetsSoftBreaksAt76() {
        let encoded = QuotedPrintable.encode(String(repeating: "x", count: 200))
        let lines = encoded.components(separatedBy: "\r\n").dropLast()
        #expect(lines.map(\.count) == [76, 76, 50])
        #expect(lines.dropLast().allSatisfy { $0.hasSuffix("=") })
    }

    @Test func lineOf76CharactersNeedsNoSoftBreak() {
        let line = String(repeating: "y", count: 76)
        #expect(QuotedPrintable.encode(line) == line + "\r\n")
    }

    @Test func softBreakNeverSplitsAnEscape() {
        let encoded = QuotedPrintable.encode(String(repeating: "ñ", count: 60))
        for line in encoded.components(separatedBy: "\r\n").dropLast() {
            #expect(line.count <= QuotedPrintable.maximumLineLength)
            // Escapes come whole: "=XX" runs, then optionally the soft break's "=".
            let body = line.hasSuffix("=") && line.count % 3 == 1 ? String(line.dropLast()) : line
            #expect(body.count % 3 == 0)
        }
    }

    @Test func dotAfterSoftBreakIsEscaped() {
        let encoded = QuotedPrintable.encode(String(repeating: "a", count: 75) + ".b")
        #expect(encoded == String(repeating: "a", count: 75) + "=\r\n=2Eb\r\n")
    }

    @Test(arguments: [
        "Hola Ñandú,\n.punto\nFrom Buenos Aires\n" + String(repeating: "Línea larga con ñ 🎉 = ", count: 20) + "  \n",
        String(repeating: "x ", count: 100), "tabs\t\tin\tthe middle\t", "=\n==\n=3D", "",
    ])
    func encodedTextDecodesBack(text: String) {
        var expected = text.replacingOccurrences(of: "\n", with: "\r\n")
        if !expected.hasSuffix("\r\n") { expected += "\r\n" }
        let encoded = QuotedPrintable.encode(text)
        #expect(MailDecoding.quotedPrintable(encoded) == expected)
        #expect(encoded.components(separatedBy: "\r\n").allSatisfy { $0.count <= 76 })
    }
}
