import Testing

@testable import NexoCore

@Suite struct CSVLineTests {
    @Test func joinsCellsWithCommasAndEndsWithCRLF() {
        // Given plain cells
        let cells = ["Juana", "Pérez", "juana@example.com"]

        // When written as a line
        let line = CSVLine.make(cells)

        // Then they are joined by commas and the line ends with CRLF
        #expect(line == "Juana,Pérez,juana@example.com\r\n")
    }

    @Test func emptyCellsStayEmpty() {
        // Given empty cells
        let cells = ["", "x", ""]

        // When written as a line
        let line = CSVLine.make(cells)

        // Then they are written as nothing between separators
        #expect(line == ",x,\r\n")
    }

    @Test(arguments: [
        ("Pérez, Juana", #""Pérez, Juana""#),
        (#"say "hi""#, #""say ""hi""""#),
        ("line 1\nline 2", "\"line 1\nline 2\""),
        ("line 1\r\nline 2", "\"line 1\r\nline 2\""),
        ("just text", "just text"),
    ])
    func quotesCellsWithSeparatorsQuotesOrLineBreaks(cell: String, written: String) {
        // Given a cell that may need quoting

        // When written as a line
        let line = CSVLine.make([cell])

        // Then it is quoted, with inner quotes doubled, only when needed
        #expect(line == written + "\r\n")
    }

    @Test func quotesTheChosenSeparatorOnly() {
        // Given cells with a semicolon and a comma
        let cells = ["a;b", "c,d"]

        // When written with a semicolon separator
        let line = CSVLine.make(cells, separator: ";")

        // Then only the semicolon forces quotes
        #expect(line == "\"a;b\";c,d\r\n")
    }

    @Test(arguments: [
        ("=SUM(A1:A9)", "'=SUM(A1:A9)"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
        ("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"),
        ("-", "'-"),
        ("+", "'+"),
        ("+54 9 11 3333-2222", "'+54 9 11 3333-2222"),
        ("\t=1+1", "'\t=1+1"),
    ])
    func defusesCellsASpreadsheetWouldRunAsAFormula(cell: String, written: String) {
        // Given a cell starting like a formula

        // When written as a line
        let line = CSVLine.make([cell])

        // Then it gets a leading apostrophe
        #expect(line == written + "\r\n")
    }

    @Test(arguments: ["+5491133332222", "-12.5", "+1 555 0100", "-0.5", "42", "a=b", "juana@example.com", "'quoted"])
    func leavesNumbersAndHarmlessCellsAlone(cell: String) {
        // Given a phone-like number, a signed number or text not starting like a formula

        // When written as a line
        let line = CSVLine.make([cell])

        // Then it is written as it is
        #expect(line == cell + "\r\n")
    }

    @Test func aDefusedCellIsQuotedWhenItHoldsASeparator() {
        // Given a formula cell with a comma in it
        let cell = "=HYPERLINK(\"http://x\",\"y\")"

        // When written as a line
        let line = CSVLine.make([cell])

        // Then it is both prefixed and quoted
        #expect(line == #""'=HYPERLINK(""http://x"",""y"")""# + "\r\n")
    }

    @Test func aLeadingCarriageReturnIsDefusedAndQuoted() {
        // Given a cell starting with a carriage return
        let cell = "\r=1+1"

        // When written as a line
        let line = CSVLine.make([cell])

        // Then it is prefixed and, holding a line break, quoted
        #expect(line == "\"'\r=1+1\"\r\n")
    }

    @Test func aLeadingCRLFIsDefusedLikeACarriageReturn() {
        // Given a cell starting with a Windows line break, as textareas send
        let cell = "\r\n=1+1"

        // When written as a line
        let line = CSVLine.make([cell])

        // Then it is prefixed and quoted
        #expect(line == "\"'\r\n=1+1\"\r\n")
    }
}
