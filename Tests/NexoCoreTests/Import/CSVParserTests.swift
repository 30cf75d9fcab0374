import Testing

@testable import NexoCore

@Suite struct CSVParserTests {
    @Test func splitsRecordsIntoCells() {
        // Given a plain CSV text
        let text = "name,email\nAna,ana@example.com\n"

        // When parsed / Then each line is a record of its cells
        #expect(ImportTestSupport.cells(text) == [["name", "email"], ["Ana", "ana@example.com"]])
    }

    @Test func readsQuotedCellsWithDoubledQuotesAndDelimiters() {
        // Given quoted cells holding a delimiter and doubled quotes
        let text = #"name,notes"# + "\n" + #""García, Ana","dice ""hola"", siempre""# + "\n"

        // When parsed / Then quotes are removed and doubled quotes become one
        #expect(ImportTestSupport.cells(text)[1] == ["García, Ana", #"dice "hola", siempre"#])
    }

    @Test func keepsLineBreaksInsideQuotesAsNewlines() {
        // Given a quoted cell spanning lines with CRLF and LF
        let text = "name,notes\r\nAna,\"línea 1\r\nlínea 2\nlínea 3\"\r\nLuis,x\r\n"

        // When parsed
        let records = ImportTestSupport.records(text)

        // Then the cell keeps its lines, written "\n", and the next record is intact
        #expect(records.map(\.cells) == [["name", "notes"], ["Ana", "línea 1\nlínea 2\nlínea 3"], ["Luis", "x"]])
    }

    @Test(arguments: ["\r\n", "\n", "\r"])
    func acceptsEachLineEnd(lineEnd: String) {
        // Given a text using one kind of line end
        let text = ["a,b", "1,2", "3,4"].joined(separator: lineEnd) + lineEnd

        // When parsed / Then the records are the same
        #expect(ImportTestSupport.cells(text) == [["a", "b"], ["1", "2"], ["3", "4"]])
    }

    @Test func numbersRecordsByTheLineTheyStartOn() {
        // Given blank lines and a cell spanning two lines
        let text = "name,notes\r\n\r\nAna,\"uno\r\ndos\"\r\nLuis,x\r\n"

        // When parsed
        let records = ImportTestSupport.records(text)

        // Then each record knows its starting line as an editor shows it
        #expect(records.map(\.line) == [1, 3, 5])
    }

    @Test func skipsBlankLinesAndLinesOfEmptyCells() {
        // Given blank lines, a line of spaces and Excel's empty rows ";;;"
        let text = "a;b;c\n\n   \n;;\n1;2;3\n;;\n"

        // When parsed / Then only records with content remain
        #expect(ImportTestSupport.cells(text, delimiter: .semicolon) == [["a", "b", "c"], ["1", "2", "3"]])
    }

    @Test func keepsRaggedRowsAsTheyAre() {
        // Given rows with fewer and more cells than the header
        let text = "a,b,c\n1\n1,2,3,4\n"

        // When parsed / Then each row keeps its own number of cells
        #expect(ImportTestSupport.cells(text) == [["a", "b", "c"], ["1"], ["1", "2", "3", "4"]])
    }

    @Test func keepsEmptyCellsAndATrailingDelimiter() {
        // Given empty cells, one at the end
        // When parsed / Then they are empty strings
        #expect(ImportTestSupport.cells("a,,c,\n") == [["a", "", "c", ""]])
    }

    @Test func keepsSpacesAroundUnquotedCells() {
        // Given unquoted cells with spaces
        // When parsed / Then the spaces stay: trimming is the mapper's decision
        #expect(ImportTestSupport.cells(" Ana , x\n") == [[" Ana ", " x"]])
    }

    @Test func dropsSpacesAroundQuotedCells() {
        // Given spaces before an opening quote and after a closing one
        // When parsed / Then the quoted text alone is the cell
        #expect(ImportTestSupport.cells("a, \"b, c\" ,d\n") == [["a", "b, c", "d"]])
    }

    @Test func keepsAStrayQuoteInsideAnUnquotedCell() {
        // Given a quote in the middle of a cell
        // When parsed / Then it is text
        #expect(ImportTestSupport.cells("pantalla 5\" nueva,x\n") == [["pantalla 5\" nueva", "x"]])
    }

    @Test func appendsTextFollowingAClosingQuote() {
        // Given text right after a closing quote
        // When parsed / Then it joins the cell as spreadsheets do
        #expect(ImportTestSupport.cells("\"abc\"def,x\n") == [["abcdef", "x"]])
    }

    @Test func readsTheLastRecordWithoutALineBreak() {
        // Given a text not ending with a line break
        // When parsed and finished / Then the last record is returned
        #expect(ImportTestSupport.cells("a,b\n1,2") == [["a", "b"], ["1", "2"]])
    }

    @Test func returnsNothingForEmptyText() {
        // Given nothing / When parsed / Then there are no records
        #expect(ImportTestSupport.records("").isEmpty)
    }

    @Test func givesTheSameRecordsWhateverTheChunkSize() {
        // Given a text with every tricky construct
        let text = "name;notes\r\n\"a;b\";\"x\"\"y\"\r\n\r\n\"multi\r\nline\";z\rlast;\"q\"\"\"\n"
        let whole = ImportTestSupport.records(text, delimiter: .semicolon)

        // When fed one character, then three characters at a time
        let single = ImportTestSupport.records(text, delimiter: .semicolon, chunk: 1)
        let triple = ImportTestSupport.records(text, delimiter: .semicolon, chunk: 3)

        // Then the records, and their line numbers, are identical
        #expect(single == whole)
        #expect(triple == whole)
        #expect(whole.map(\.cells) == [["name", "notes"], ["a;b", "x\"y"], ["multi\nline", "z"], ["last", "q\""]])
        #expect(whole.map(\.line) == [1, 2, 4, 6])
    }

    @Test func countsACRLFSplitBetweenChunksAsOneLineEnd() {
        // Given "\r" at the end of one chunk and "\n" at the start of the next
        var parser = CSVParser()
        let first = parser.feed("a,b\r")
        let second = parser.feed("\n1,2\r")
        let third = parser.feed("\n")
        let rest = parser.finish()

        // When the records are collected / Then there is no blank record and lines are counted once
        let records = first + second + third + rest
        #expect(records.map(\.cells) == [["a", "b"], ["1", "2"]])
        #expect(records.map(\.line) == [1, 2])
    }

    @Test func reportsAFileEndingInsideQuotes() {
        // Given a quote that is never closed
        let records = ImportTestSupport.records("name,notes\nAna,\"sin cerrar\nLuis,x\n")

        // When parsed / Then the last record carries the problem
        #expect(records.count == 2)
        #expect(records[1].problem?.code == ImportProblem.unclosedQuote)
        #expect(records[1].line == 2)
    }

    @Test func cutsARunawayQuotedCellAndResumesOnTheNextLine() {
        // Given a limit of 64 bytes and a quote never closed, followed by more rows
        var parser = CSVParser(maxRecordLength: 64)
        let longLine = "Ana,\"" + String(repeating: "x", count: 100) + "\n"
        let text = "name,notes\n" + longLine + "Luis,ok\n"

        // When parsed
        let records = parser.feed(text) + parser.finish()

        // Then the long record is rejected with a problem and the following row is read normally
        #expect(records.count == 3)
        #expect(records[1].problem?.code == ImportProblem.recordTooLong)
        #expect(records[1].line == 2)
        #expect(records[2].cells == ["Luis", "ok"])
        #expect(records[2].line == 3)
    }

    @Test func flagsARecordTooLongAtTheEndOfTheFile() {
        // Given an over-long unquoted last record without a line break
        var parser = CSVParser(maxRecordLength: 10)

        // When parsed
        let records = parser.feed("a,b\n" + String(repeating: "y", count: 50)) + parser.finish()

        // Then it is reported, not returned cut
        #expect(records.last?.problem?.code == ImportProblem.recordTooLong)
    }

    @Test func usesTheGivenFirstLineNumber() {
        // Given a parser told the text starts on line 2
        var parser = CSVParser(delimiter: .semicolon, firstLine: 2)

        // When parsed / Then numbering starts there
        #expect((parser.feed("a;b\n1;2\n") + parser.finish()).map(\.line) == [2, 3])
    }
}
