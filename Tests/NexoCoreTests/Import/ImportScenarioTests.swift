import Testing

@testable import NexoCore

/// Whole files as exported by the tools small businesses use, from bytes to contacts.
@Suite struct ImportScenarioTests {
    private func contacts(_ bytes: [UInt8], options: ImportOptions = ImportTestSupport.options) throws
        -> [ContactValues]
    {
        let records = ImportTestSupport.read(bytes).records
        let mapping = ColumnMapping(headers: try #require(records.first).cells)
        return try records.dropFirst().map { record in
            try ContactImportRow(record: record, mapping: mapping, options: options).newContact()
        }
    }

    @Test func importsAGoogleContactsExport() throws {
        // Given a Google Contacts export (UTF-8, comma, labels joined with " ::: ")
        let text = #"""
            First Name,Middle Name,Last Name,Organization Name,Birthday,Notes,Labels,E-mail 1 - Label,E-mail 1 - Value,Phone 1 - Label,Phone 1 - Value
            Ana,,Núñez,Panadería Sol,--05-17,"Prefiere ""WhatsApp""",* myContacts ::: Clientes,* Home,ana@example.com,Mobile,+54 9 11 3333-2222
            Luis,Alberto,Gómez,,1985-11-02,,* myContacts,,,Work,011 4444-5555

            """#

        // When imported
        let result = try contacts(Array(text.utf8))

        // Then names, a birthday without year, labels and phones are as Nexo stores them
        #expect(result.count == 2)
        #expect(result[0].lastName == "Núñez")
        #expect(result[0].birthday == Birthday(year: nil, month: 5, day: 17))
        #expect(result[0].notes == "Prefiere \"WhatsApp\"")
        #expect(result[0].tags == ["clientes"])
        #expect(result[0].phone == "+5491133332222")
        #expect(result[0].metadata["e_mail_1_label"] == .string("* Home"))
        #expect(result[1].firstName == "Luis Alberto")
        #expect(result[1].phone == "+541144445555")
        #expect(result[1].tags.isEmpty)
    }

    @Test func importsAHubSpotExport() throws {
        // Given a HubSpot export with a US date order tenant
        let text = #"""
            "Record ID","First Name","Last Name","Email","Phone Number","Mobile Phone Number","Company Name","Create Date"
            "101","John","Smith","JOHN@EXAMPLE.COM","+1 212 555 0100","","Acme","2024-01-15 10:00"

            """#
        let options = ImportOptions(defaultCountry: "US", dateOrder: .monthFirst, currentYear: 2025)

        // When imported
        let result = try contacts(Array(text.utf8), options: options)

        // Then the e-mail is normalized, the landline is used when the mobile is empty, HubSpot's fields are metadata
        #expect(result[0].email == "john@example.com")
        #expect(result[0].company == "Acme")
        #expect(result[0].phone == "+12125550100")
        #expect(result[0].metadata["record_id"] == .string("101"))
        #expect(result[0].metadata["phone_number"] == nil)
        #expect(result[0].metadata["create_date"] == .string("2024-01-15 10:00"))
    }

    @Test func importsAnExcelSpanishExport() throws {
        // Given Excel's "CSV (delimitado por comas)" in Spanish: Windows-1252, semicolons, CRLF, an empty row
        let text =
            "Nombre;Apellidos;Correo electrónico;Teléfono móvil;Fecha de nacimiento;Saldo\r\n"
            + "José;Muñoz Peña;jose@example.com;11 15 3333-2222;5/3/90;1.234,50 €\r\n"
            + ";;;;;\r\n"
            + "María;López;;0351 15 123-4567;3 de marzo de 1985;\r\n"
        let bytes = text.unicodeScalars.map { scalar -> UInt8 in scalar == "€" ? 0x80 : UInt8(scalar.value) }

        // When imported
        let result = try contacts(bytes)

        // Then accents, phones, both date forms and the money cell come through
        #expect(result.count == 2)
        #expect(result[0].lastName == "Muñoz Peña")
        #expect(result[0].birthday == Birthday(year: 1990, month: 3, day: 5))
        #expect(result[0].metadata["saldo"] == .string("1.234,50 €"))
        #expect(result[1].phone == "+5493511234567")
        #expect(result[1].birthday == Birthday(year: 1985, month: 3, day: 3))
    }

    @Test func importsAPortugueseSheet() throws {
        // Given a Brazilian sheet with a BOM and Portuguese headers
        let text =
            "\u{FEFF}Nome completo,E-mail,Celular,Data de nascimento,Observações\n"
            + "João Pedro dos Santos,joao@example.com.br,+55 11 91234-5678,5 de março de 1992,cliente desde 2019\n"
        let options = ImportOptions(defaultCountry: "BR", currentYear: 2025)

        // When imported
        let result = try contacts(Array(text.utf8), options: options)

        // Then the name is split and the date with a Portuguese month is read
        #expect(result[0].firstName == "João Pedro")
        #expect(result[0].lastName == "dos Santos")
        #expect(result[0].birthday == Birthday(year: 1992, month: 3, day: 5))
        #expect(result[0].notes == "cliente desde 2019")
    }
}
