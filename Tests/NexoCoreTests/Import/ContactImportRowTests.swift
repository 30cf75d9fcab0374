import Testing

@testable import NexoCore

@Suite struct ContactImportRowTests {
    private let options = ImportTestSupport.options

    private func row(_ headers: [String], _ cells: [String], line: Int = 2) throws(RowRejection) -> ContactImportRow {
        try ContactImportRow(
            record: CSVRecord(cells: cells, line: line), mapping: ColumnMapping(headers: headers), options: options)
    }

    private func problems(_ headers: [String], _ cells: [String]) -> [ImportProblem] {
        do {
            _ = try row(headers, cells)
            return []
        } catch {
            return error.problems
        }
    }

    @Test func normalizesEveryMappedValue() throws {
        // Given a full Spanish row
        let headers = ["Nombre", "Apellido", "Correo", "Celular", "Empresa", "Cumpleaños", "Notas", "Etiquetas"]
        let cells = [
            " José ", "Muñoz", "Jose@Example.COM", "11 15 3333-2222", "Ferretería Sur", "15/03/1990", "Cliente fiel",
            "VIP, Mayorista",
        ]

        // When mapped
        let contact = try row(headers, cells).newContact()

        // Then values are trimmed and normalized the way a form would store them
        #expect(contact.firstName == "José")
        #expect(contact.lastName == "Muñoz")
        #expect(contact.email == "jose@example.com")
        #expect(contact.phone == "+5491133332222")
        #expect(contact.phoneValid)
        #expect(contact.company == "Ferretería Sur")
        #expect(contact.birthday == Birthday(year: 1990, month: 3, day: 15))
        #expect(contact.notes == "Cliente fiel")
        #expect(contact.tags == ["vip", "mayorista"])
        #expect(contact.source == "csv")
    }

    @Test func emptyCellsChangeNothing() throws {
        // Given a row with only an e-mail
        let imported = try row(["Nombre", "Email", "Teléfono", "Notas"], ["", "ana@example.com", "  ", ""])

        // When applied to a stored contact
        let stored = ContactValues(firstName: "Ana", phone: "+541133332222", notes: "nota vieja", tags: ["vip"])
        let updated = imported.applied(to: stored)

        // Then nothing stored is erased
        #expect(imported.changes.firstName == .keep)
        #expect(updated.firstName == "Ana")
        #expect(updated.phone == "+541133332222")
        #expect(updated.notes == "nota vieja")
        #expect(updated.tags == ["vip"])
        #expect(updated.email == "ana@example.com")
    }

    @Test func addsTagsWithoutRemovingStoredOnes() throws {
        // Given a contact tagged "vip" and a row tagged "VIP; nuevo"
        let imported = try row(["Email", "Tags"], ["ana@example.com", "VIP; nuevo"])

        // When applied / Then the new tag is added and none is removed or doubled
        #expect(
            imported.applied(to: ContactValues(email: "ana@example.com", tags: ["vip", "otro"])).tags == [
                "vip", "otro", "nuevo",
            ])
    }

    @Test func splitsTagsOnEverySeparatorAndDropsGooglesMyContacts() throws {
        // Given Google's labels and other separators
        let imported = try row(
            ["Email", "Labels"], ["a@example.com", "* myContacts ::: Clientes ::: * starred|Zona Norte,vip"])

        // When mapped / Then system labels lose their star and "myContacts" is dropped
        #expect(imported.tags == ["clientes", "starred", "zona norte", "vip"])
    }

    @Test func parsesPhonesWithTheTenantsCountry() throws {
        // Given a domestic Mexican number and a tenant in Mexico
        let mexican = ImportOptions(defaultCountry: "MX", currentYear: 2025)
        let record = CSVRecord(cells: ["55 1234 5678"], line: 2)

        // When mapped
        let imported = try ContactImportRow(
            record: record, mapping: ColumnMapping(headers: ["Teléfono"]), options: mexican)

        // Then the number gets Mexico's prefix
        #expect(imported.newContact().phone == "+525512345678")
    }

    @Test func keepsAPhoneThatCannotBeParsedAsTyped() throws {
        // Given a phone with letters
        let contact = try row(["Nombre", "Teléfono"], ["Ana", "llamar a la tarde"]).newContact()

        // When mapped / Then it is kept, flagged invalid, as the form does
        #expect(contact.phone == "llamar a la tarde")
        #expect(!contact.phoneValid)
        #expect(contact.phoneKey == nil)
    }

    @Test func rejectsAnInvalidEMailNamingTheColumn() {
        // Given an address without a domain
        let found = problems(["Nombre", "Correo electrónico"], ["Ana", "ana@"])

        // When mapped / Then the row is rejected with the column and the value
        #expect(
            found == [
                ImportProblem(
                    code: "email.invalid", column: "Correo electrónico", value: "ana@",
                    message: "Not a valid e-mail address.")
            ])
    }

    @Test func rejectsAnImpossibleBirthday() {
        // Given 31 February
        let found = problems(["Email", "Fecha de nacimiento"], ["a@example.com", "31/02/1990"])

        // When mapped / Then the row is rejected, not shifted to March
        #expect(found.map(\.code) == ["birthday.impossible"])
        #expect(found.first?.column == "Fecha de nacimiento")
        #expect(found.first?.value == "31/02/1990")
    }

    @Test func reportsEveryProblemOfTheRowAtOnce() {
        // Given a bad e-mail and a bad date
        let found = problems(["Email", "Birthday"], ["nope", "someday"])

        // When mapped / Then both are reported
        #expect(Set(found.map(\.code)) == ["email.invalid", "birthday.unreadable"])
    }

    @Test func rejectsARowWithNothingToIdentifyTheContact() {
        // Given only a company and notes
        let found = problems(["Nombre", "Email", "Empresa", "Notas"], ["", "", "ACME", "sin datos"])

        // When mapped / Then it is rejected: a contact needs a name, an e-mail or a phone
        #expect(found.map(\.code) == ["contact.identity_required"])
    }

    @Test func acceptsARowWithOnlyAName() throws {
        // Given only a name
        let imported = try row(["Nombre"], ["Ana Pérez"])

        // When mapped / Then the contact is created without match keys
        #expect(imported.newContact().displayName == "Ana Pérez")
        #expect(imported.matchKeys.isEmpty)
    }

    @Test func rejectsValuesTooLongForTheContact() {
        // Given a 101-character first name
        let found = problems(["First Name", "Email"], [String(repeating: "a", count: 101), "a@example.com"])

        // When mapped / Then the form's limit applies, naming the column
        #expect(found.map(\.code) == ["field.too_long"])
        #expect(found.first?.column == "First Name")
    }

    @Test func splitsAFullNameColumn() throws {
        // Given only a full-name column
        let contact = try row(["Nombre completo", "Email"], ["María José García", "mj@example.com"]).newContact()

        // When mapped / Then it is split by the documented rule
        #expect(contact.firstName == "María José")
        #expect(contact.lastName == "García")
    }

    @Test func prefersFirstAndLastNameColumnsOverAFullName() throws {
        // Given Google's older export, with "Name" and the parts
        let headers = ["Name", "Given Name", "Family Name", "E-mail 1 - Value"]

        // When the parts are filled, and when they are empty
        let withParts = try row(headers, ["Dr. Juan Pérez", "Juan", "Pérez", "j@example.com"]).newContact()
        let withoutParts = try row(headers, ["Acme Ventas", "", "", "v@example.com"]).newContact()

        // Then the parts win, and the full name is split only when they are missing
        #expect(withParts.firstName == "Juan")
        #expect(withParts.lastName == "Pérez")
        #expect(withoutParts.firstName == "Acme")
        #expect(withoutParts.lastName == "Ventas")
    }

    @Test func joinsSeveralLastNameColumns() throws {
        // Given Mexican forms' two surname columns
        let contact = try row(["Nombres", "Apellido paterno", "Apellido materno"], ["Luis", "García", "López"])
            .newContact()

        // When mapped / Then the surnames are joined in column order
        #expect(contact.lastName == "García López")
    }

    @Test func keepsUnmappedColumnsInMetadataAndOtherAddressesToo() throws {
        // Given an unknown column and Google's several addresses in one cell
        let imported = try row(
            ["Email", "Número de cliente", "Ciudad"], ["a@example.com ::: b@example.com", "A-100", ""])

        // When mapped
        let contact = imported.newContact()

        // Then the first address is the e-mail and the rest, like unmapped columns, is kept in metadata
        #expect(contact.email == "a@example.com")
        #expect(contact.metadata == ["numero_de_cliente": .string("A-100"), "other_emails": .string("b@example.com")])
    }

    @Test func takesAFieldFromAFallbackColumnWhenTheChosenOneIsEmpty() throws {
        // Given Outlook's home and mobile phones, the mobile empty in this row
        let imported = try row(["First Name", "Home Phone", "Mobile Phone"], ["Ana", "011 4444-5555", ""])

        // When mapped
        let contact = imported.newContact()

        // Then the home phone is the phone, and not repeated in metadata
        #expect(contact.phone == "+541144445555")
        #expect(contact.metadata.isEmpty)
    }

    @Test func keepsAFallbackColumnInMetadataWhenTheChosenOneIsFilled() throws {
        // Given both phones filled
        let imported = try row(
            ["First Name", "Home Phone", "Mobile Phone"], ["Ana", "011 4444-5555", "11 15 3333-2222"])

        // When mapped / Then the mobile is the phone and the home phone stays in metadata
        #expect(imported.newContact().phone == "+5491133332222")
        #expect(imported.newContact().metadata == ["home_phone": .string("011 4444-5555")])
    }

    @Test func usesTheUsersOverride() throws {
        // Given a column the guess leaves in metadata, mapped by the user to the phone
        let mapping = ColumnMapping(headers: ["Nombre", "Contacto"], overrides: [1: .phone])
        let record = CSVRecord(cells: ["Ana", "11 3333 2222"], line: 2)

        // When mapped
        let contact = try ContactImportRow(record: record, mapping: mapping, options: options).newContact()

        // Then the override decides
        #expect(contact.phone == "+541133332222")
        #expect(contact.metadata.isEmpty)
    }

    @Test func readsDatesInTheTenantsOrder() throws {
        // Given a US tenant
        let american = ImportOptions(defaultCountry: "US", dateOrder: .monthFirst, currentYear: 2025)
        let record = CSVRecord(cells: ["a@example.com", "03/04/1990"], line: 2)

        // When mapped
        let imported = try ContactImportRow(
            record: record, mapping: ColumnMapping(headers: ["Email", "Birthday"]), options: american)

        // Then the date is read month-first
        #expect(imported.changes.birthday == .set(Birthday(year: 1990, month: 3, day: 4)!))
    }

    @Test func removesTheApostropheThatDefusedAFormulaOnExport() throws {
        // Given cells written by `CSVLine` (our own export or rejected-rows file)
        let imported = try row(["Nombre", "Teléfono"], ["'=Ana", "'+54 9 11 3333-2222"])

        // When mapped / Then the apostrophes are gone and the phone is valid again
        #expect(imported.newContact().phone == "+5491133332222")
        #expect(imported.newContact().firstName == "=Ana")
    }

    @Test func ignoresMissingCellsButRejectsExtraOnes() {
        // Given a short row, and a row shifted by an unquoted comma
        let short = problems(["Nombre", "Email", "Teléfono"], ["Ana"])
        let shifted = problems(["Nombre", "Email"], ["García", " Ana", "ana@example.com"])

        // When mapped / Then missing cells are empty, extra non-empty cells are a problem
        #expect(short.isEmpty)
        #expect(shifted.contains { $0.code == ImportProblem.tooManyCells && $0.value == "ana@example.com" })
    }

    @Test func rejectsARecordThatCouldNotBeRead() {
        // Given a record the parser flagged
        let problem = ImportProblem(code: ImportProblem.unclosedQuote, message: "…")
        let record = CSVRecord(cells: ["x"], line: 7, problem: problem)

        // When mapped / Then it is rejected with that problem and its line
        #expect(throws: RowRejection(line: 7, problems: [problem])) {
            try ContactImportRow(record: record, mapping: ColumnMapping(headers: ["Email"]), options: options)
        }
    }

    @Test func matchKeysAreTheEMailThenThePhonesKey() throws {
        // Given a row with both
        let imported = try row(["Email", "Celular"], ["Ana@Example.com", "+54 9 11 3333-2222"])

        // When asked / Then the normalized e-mail comes first, then the phone's identity key
        #expect(imported.matchKeys == [.email("ana@example.com"), .phone("+541133332222")])
    }

    @Test func mergingDuplicateRowsKeepsTheLaterValuesAndAddsUp() throws {
        // Given two rows for the same e-mail
        let headers = ["Email", "Nombre", "Celular", "Tags", "Ciudad"]
        let first = try row(headers, ["ana@example.com", "Ana", "", "vip", "Lima"], line: 2)
        let second = try row(headers, ["ana@example.com", "Ana María", "11 3333 2222", "nuevo", ""], line: 9)

        // When merged
        let merged = first.merging(second)
        let contact = merged.newContact()

        // Then later values win, empty cells keep earlier ones, tags and keys add up, and the first line stays
        #expect(contact.firstName == "Ana")
        #expect(contact.lastName == "María")
        #expect(contact.phone == "+541133332222")
        #expect(contact.tags == ["vip", "nuevo"])
        #expect(contact.metadata == ["ciudad": .string("Lima")])
        #expect(merged.matchKeys == [.email("ana@example.com"), .phone("+541133332222")])
        #expect(merged.line == 2)
    }

    @Test func reimportingTheSameRowChangesNothing() throws {
        // Given a contact created from a row
        let imported = try row(["Email", "Nombre", "Tags"], ["ana@example.com", "Ana", "vip"])
        let stored = imported.newContact()

        // When the same row is applied again / Then the contact is unchanged
        #expect(imported.applied(to: stored) == stored)
    }

    @Test func problemsDescribeThemselvesWithTheirColumn() {
        // Given a problem with a column and one without
        let withColumn = ImportProblem(code: "email.invalid", column: "Correo", message: "Not a valid e-mail address.")
        let withoutColumn = ImportProblem(code: "contact.identity_required", message: "A contact needs a name.")

        // When described / Then the column leads
        #expect(withColumn.description == "Correo: Not a valid e-mail address.")
        #expect(withoutColumn.description == "A contact needs a name.")
    }
}

@Suite("Contact import row: Nexo's own export")
struct ContactImportRowExportColumnsTests {
    let options = ImportOptions(defaultCountry: "AR", currentYear: 2026)

    func row(_ headers: [String], _ cells: [String]) throws(RowRejection) -> ContactImportRow {
        try ContactImportRow(
            record: CSVRecord(cells: cells, line: 2), mapping: ColumnMapping(headers: headers), options: options)
    }

    @Test func statusScoreAndMetadataColumnsAreReadBackAndTheRestIsLeftOut() throws {
        // given the columns Nexo's export writes
        let headers = [
            "first_name", "email", "source", "status", "score", "email_consent", "whatsapp_consent", "created_at", "metadata",
        ]
        // when a row is read
        let row = try row(
            headers,
            [
                "Ana", "ana@example.com", "api", "Cliente", "42", "given", "unknown", "2026-01-01T00:00:00Z",
                #"{"numero_cliente":"A-1","sucursal":"Palermo"}"#,
            ])
        // then status, score and metadata are set, and source, consent and creation time are not
        let contact = row.newContact()
        #expect(contact.status == "cliente")
        #expect(contact.score == 42)
        #expect(contact.metadata == ["numero_cliente": .string("A-1"), "sucursal": .string("Palermo")])
        #expect(contact.source == "csv")
        #expect(ColumnMapping(headers: headers).fields[2] == .ignore)
    }

    @Test func aScoreThatIsNotANumberAndMetadataThatIsNotJSONAreTheRowsProblems() {
        #expect(throws: RowRejection.self) { try row(["email", "score"], ["a@example.com", "muchos"]) }
        do {
            _ = try row(["email", "metadata"], ["a@example.com", "numero: 1"])
            Issue.record("expected a rejection")
        } catch {
            #expect(error.problems.map(\.code) == ["metadata.not_json"])
        }
    }
}

@Suite("Contact import row: status keywords")
struct ContactImportRowStatusTests {
    @Test(arguments: [("En proceso", "en_proceso"), ("Cliénte VIP", "cliente_vip"), ("lead", "lead")])
    func aStatusIsStoredAsAKeyword(text: String, keyword: String) throws {
        let row = try ContactImportRow(
            record: CSVRecord(cells: ["a@example.com", text], line: 2), mapping: ColumnMapping(headers: ["email", "status"]),
            options: ImportOptions(defaultCountry: "AR", currentYear: 2026))
        #expect(row.newContact().status == keyword)
    }
}
