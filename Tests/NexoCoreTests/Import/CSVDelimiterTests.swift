import Testing

@testable import NexoCore

@Suite struct CSVDelimiterTests {
    @Test(arguments: CSVDelimiter.allCases)
    func detectsEachDelimiter(delimiter: CSVDelimiter) {
        // Given a small file using the delimiter
        let d = delimiter.rawValue
        let sample =
            "Nombre\(d)Email\(d)Teléfono\nAna\(d)ana@example.com\(d)11 3333 2222\nLuis\(d)luis@example.com\(d)\n"

        // When the delimiter is detected
        let detected = CSVDelimiter.detect(in: sample)

        // Then it is the one used
        #expect(detected == delimiter)
    }

    @Test func ignoresCommasInsideQuotes() {
        // Given a semicolon file whose quoted names hold commas
        let sample = "Nombre;Email\n\"García, Ana\";ana@example.com\n\"Pérez, Luis\";luis@example.com\n"

        // When detected / Then the quoted commas do not count
        #expect(CSVDelimiter.detect(in: sample) == .semicolon)
    }

    @Test func prefersTheConsistentDelimiterOverDecimalCommas() {
        // Given an Excel Spanish export: semicolons, and decimal commas in some rows only
        let sample = "Nombre;Saldo;Ciudad\nAna;1,5;Lima\nLuis;2;Quito\nEva;3,25;Cali\n"

        // When detected / Then the semicolon wins: it splits every record the same way
        #expect(CSVDelimiter.detect(in: sample) == .semicolon)
    }

    @Test func prefersTheDelimiterGivingMoreCellsWhenBothAreConsistent() {
        // Given a tab file where every record also has one comma
        let sample = "name\tnotes\tcity\nAna\tyes, sure\tLima\nLuis\tno, thanks\tQuito\n"

        // When detected / Then the tab, which gives three cells, wins over the comma's two
        #expect(CSVDelimiter.detect(in: sample) == .tab)
    }

    @Test func fallsBackToCommaForASingleColumn() {
        // Given a file with one column
        let sample = "email\nana@example.com\nluis@example.com\n"

        // When detected / Then it is the comma
        #expect(CSVDelimiter.detect(in: sample) == .comma)
    }

    @Test func detectsFromASingleLineWithoutLineBreak() {
        // Given only a header, without a line break
        // When detected / Then the header alone decides
        #expect(CSVDelimiter.detect(in: "nombre|email|telefono") == .pipe)
    }
}
