import Testing

@testable import NexoCore

@Suite struct ImportDateTests {
    private func parse(_ text: String, _ order: DateOrder = .dayFirst) throws(ImportDateError) -> String? {
        try ImportDate.parseBirthday(text, order: order, currentYear: 2025)?.description
    }

    @Test(arguments: [
        ("15/03/1990", "1990-03-15"),
        ("5/3/1990", "1990-03-05"),
        ("15-03-1990", "1990-03-15"),
        ("15.03.1990", "1990-03-15"),
        ("5/3/90", "1990-03-05"),
        ("05/03/24", "2024-03-05"),
        ("29/02/2000", "2000-02-29"),
        ("15/03", "--03-15"),
        ("1990-03-15", "1990-03-15"),
        ("1990/3/5", "1990-03-05"),
        ("19900315", "1990-03-15"),
        ("--03-15", "--03-15"),
        ("--0315", "--03-15"),
        ("--02-29", "--02-29"),
        ("1990-03-15T00:00:00Z", "1990-03-15"),
        ("15/03/1990 0:00", "1990-03-15"),
        ("1990-03-15 00:00:00", "1990-03-15"),
    ])
    func readsNumericDatesDayFirst(text: String, iso: String) throws {
        // Given a date as people and exports write it / When read day-first / Then it is that day
        #expect(try parse(text) == iso)
    }

    @Test(arguments: [
        ("3 de marzo de 1990", "1990-03-03"),
        ("March 3, 1990", "1990-03-03"),
        ("3 March 1990", "1990-03-03"),
        ("3 mar 1990", "1990-03-03"),
        ("3 mar. 1990", "1990-03-03"),
        ("03-ene-1985", "1985-01-03"),
        ("03-Jan-85", "1985-01-03"),
        ("5 de março", "--03-05"),
        ("5 de marco de 1988", "1988-03-05"),
        ("12 setiembre 1970", "1970-09-12"),
        ("1 sept 1970", "1970-09-01"),
        ("20 de dezembro de 2001", "2001-12-20"),
        ("7 out 1999", "1999-10-07"),
        ("Dec 25", "--12-25"),
        ("25 dic", "--12-25"),
        ("1990 Mar 3", "1990-03-03"),
        ("lunes, 3 de marzo de 1990", "1990-03-03"),
        ("Saturday, March 3rd, 1990", "1990-03-03"),
        ("1º de mayo de 1980", "1980-05-01"),
        ("2 de Fevereiro de 1975", "1975-02-02"),
        ("ABRIL 9 1960", "1960-04-09"),
    ])
    func readsMonthNamesInSpanishEnglishAndPortuguese(text: String, iso: String) throws {
        // Given a date with a month name / When read / Then it is that day
        #expect(try parse(text) == iso)
    }

    @Test func readsMonthFirstWhenTold() throws {
        // Given an ambiguous date / When read month-first / Then month comes first
        #expect(try parse("03/04/1990", .monthFirst) == "1990-03-04")
        #expect(try parse("03/04/1990", .dayFirst) == "1990-04-03")
    }

    @Test func readsAnUnambiguousDateTheOnlyPossibleWay() throws {
        // Given dates only one order makes possible
        // When read in the other order / Then they are read the possible way
        #expect(try parse("13/05/1990", .monthFirst) == "1990-05-13")
        #expect(try parse("05/13/1990", .dayFirst) == "1990-05-13")
        #expect(try parse("12/25", .dayFirst) == "--12-25")
    }

    @Test func pivotsTwoDigitYearsSoBirthdaysAreNotInTheFuture() throws {
        // Given two-digit years in 2025 / When read / Then the latest year not after 2025 is used
        #expect(try parse("1/1/25") == "2025-01-01")
        #expect(try parse("1/1/26") == "1926-01-01")
        #expect(try parse("1/1/00") == "2000-01-01")
        #expect(try parse("1/1/99") == "1999-01-01")
    }

    @Test func readsSpreadsheetSerialNumbers() throws {
        // Given Excel's serial for 1990-03-15 and for 2000-02-29
        // When read / Then they are those days
        #expect(try parse("32947") == "1990-03-15")
        #expect(try parse("36585") == "2000-02-29")
    }

    @Test func aBlankCellIsNoDate() throws {
        // Given blank text / When read / Then there is no birthday, and no error
        #expect(try parse("   ") == nil)
    }

    @Test(arguments: [
        "31/02/1990", "30/02", "29/02/2023", "00/05/1990", "32/01/1990", "1990-02-30", "31 de abril de 1990",
        "--02-30", "--13-01", "20230229", "15/13/1990", "1850-01-01", "80000",
    ])
    func rejectsImpossibleDates(text: String) {
        // Given a date that does not exist / When read / Then it is an error, not shifted to another day
        #expect(throws: ImportDateError.impossible) { try parse(text) }
    }

    @Test(arguments: [
        "mañana", "1990", "03/1990", "15/03/1990/2", "3 de pepe de 1990", "March", "1990-3", "--3-15",
        "marzo abril 3", "123/4/1990", "15031990",
    ])
    func rejectsTextThatIsNotADate(text: String) {
        // Given text that is no date form we read / When read / Then it is unreadable
        #expect(throws: ImportDateError.unreadable) { try parse(text) }
    }

    @Test func rejectsBirthdaysAfterTheCurrentYear() {
        // Given a date in 2030 while the year is 2025 / When read / Then it is in the future
        #expect(throws: ImportDateError.future) { try parse("01/01/2030") }
    }

    @Test func errorsHaveStableCodesAndSayWhatWasWritten() {
        // Given each error / When described / Then the code is stable and the text names the cell
        #expect(ImportDateError.impossible.code == "birthday.impossible")
        #expect(ImportDateError.unreadable.code == "birthday.unreadable")
        #expect(ImportDateError.future.code == "birthday.future")
        #expect(ImportDateError.impossible.message(for: "31/02/1990").contains("31/02/1990"))
    }

    @Test func monthFirstIsTheDefaultOnlyForTheUnitedStates() {
        // Given country codes / When asked for their order / Then only the US is month-first
        #expect(DateOrder.forCountry("us") == .monthFirst)
        #expect(DateOrder.forCountry("AR") == .dayFirst)
        #expect(DateOrder.forCountry("BR") == .dayFirst)
    }
}
