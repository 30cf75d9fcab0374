import Foundation
import Testing

@testable import NexoCore

@Suite struct ColumnMappingTests {
    @Test(arguments: [
        ("E-mail 1 - Value", "e mail 1 value"),
        ("  Teléfono   Móvil ", "telefono movil"),
        ("CORREO ELECTRÓNICO", "correo electronico"),
        ("F. Nacimiento", "f nacimiento"),
    ])
    func normalizesHeadersIgnoringCaseAccentsPunctuationAndSpaces(header: String, normalized: String) {
        // Given a header / When normalized / Then it is folded with punctuation as single spaces
        #expect(ColumnMapping.normalizedHeader(header) == normalized)
    }

    @Test(arguments: [
        ("Número de cliente", "numero_de_cliente"),
        ("  DNI / CUIT ", "dni_cuit"),
        ("Fecha de alta (última)", "fecha_de_alta_ultima"),
        ("🎉", ""),
    ])
    func makesSnakeCaseASCIIMetadataKeys(header: String, key: String) {
        // Given a header / When turned into a metadata key / Then it is snake_case ASCII
        #expect(ColumnMapping.metadataKey(for: header) == key)
    }

    @Test func limitsMetadataKeysTo64Characters() {
        // Given a very long header
        let header = String(repeating: "palabra ", count: 20)

        // When turned into a key / Then it fits the metadata rules and does not end with "_"
        let key = ColumnMapping.metadataKey(for: header)
        #expect(key.count <= 64)
        #expect(!key.hasSuffix("_"))
    }

    @Test func mapsAGoogleContactsExport() {
        // Given the header row of a current Google Contacts export
        let headers = [
            "First Name", "Middle Name", "Last Name", "Nickname", "Organization Name", "Organization Title",
            "Birthday", "Notes", "Labels", "E-mail 1 - Label", "E-mail 1 - Value", "E-mail 2 - Label",
            "E-mail 2 - Value", "Phone 1 - Label", "Phone 1 - Value", "Phone 2 - Label", "Phone 2 - Value",
        ]

        // When the mapping is guessed
        let fields = ColumnMapping(headers: headers).fields

        // Then names, e-mail, phone, company, birthday, notes and labels are found; the rest is metadata
        #expect(
            fields == [
                .firstName, .firstName, .lastName, .metadata("nickname"), .company, .metadata("organization_title"),
                .birthday, .notes, .tags, .metadata("e_mail_1_label"), .email, .metadata("e_mail_2_label"),
                .metadata("e_mail_2_value"), .metadata("phone_1_label"), .phone, .metadata("phone_2_label"),
                .metadata("phone_2_value"),
            ])
    }

    @Test func mapsAnOlderGoogleContactsExport() {
        // Given the older Google export, which has both "Name" and "Given Name"/"Family Name"
        let headers = [
            "Name", "Given Name", "Additional Name", "Family Name", "Birthday", "Notes", "Group Membership",
            "E-mail 1 - Type", "E-mail 1 - Value", "Phone 1 - Type", "Phone 1 - Value", "Organization 1 - Name",
        ]

        // When the mapping is guessed
        let fields = ColumnMapping(headers: headers).fields

        // Then "Name" is the full name, used only when the parts are empty
        #expect(
            fields == [
                .fullName, .firstName, .firstName, .lastName, .birthday, .notes, .tags, .metadata("e_mail_1_type"),
                .email, .metadata("phone_1_type"), .phone, .company,
            ])
    }

    @Test func mapsAHubSpotExport() {
        // Given a HubSpot contacts export
        let headers = [
            "Record ID", "First Name", "Last Name", "Email", "Phone Number", "Mobile Phone Number", "Company Name",
            "Create Date", "Lifecycle Stage",
        ]

        // When the mapping is guessed
        let fields = ColumnMapping(headers: headers).fields

        // Then the mobile number is preferred over the other phone, which stays in metadata
        #expect(
            fields == [
                .metadata("record_id"), .firstName, .lastName, .email, .metadata("phone_number"), .phone, .company,
                .metadata("create_date"), .metadata("lifecycle_stage"),
            ])
    }

    @Test func mapsAnOutlookExport() {
        // Given Outlook's CSV columns, home phone before mobile
        let headers = [
            "First Name", "Last Name", "E-mail Address", "E-mail 2 Address", "Home Phone", "Mobile Phone", "Company",
            "Birthday", "Anniversary", "Categories",
        ]

        // When the mapping is guessed
        let mapping = ColumnMapping(headers: headers)
        let fields = mapping.fields

        // Then the mobile phone is the phone, the home phone its fallback, and the wedding anniversary no birthday
        #expect(mapping.fallbacks == [.email: [3], .phone: [4]])
        #expect(
            fields == [
                .firstName, .lastName, .email, .metadata("e_mail_2_address"), .metadata("home_phone"), .phone,
                .company, .birthday, .metadata("anniversary"), .tags,
            ])
    }

    @Test func mapsAnExcelSheetInSpanish() {
        // Given typical Spanish headers
        let headers = [
            "Nombre", "Apellido", "Correo electrónico", "Teléfono", "Celular", "Empresa", "Fecha de nacimiento",
            "Observaciones", "Etiquetas", "Número de cliente",
        ]

        // When the mapping is guessed
        let fields = ColumnMapping(headers: headers).fields

        // Then "Nombre" next to "Apellido" is the first name, and the mobile wins over the landline
        #expect(
            fields == [
                .firstName, .lastName, .email, .metadata("telefono"), .phone, .company, .birthday, .notes, .tags,
                .metadata("numero_de_cliente"),
            ])
    }

    @Test func mapsPortugueseHeaders() {
        // Given a Brazilian sheet
        let headers = [
            "Nome", "Sobrenome", "E-mail", "Telefone", "Empresa", "Aniversário", "Observações", "Marcadores",
        ]

        // When the mapping is guessed / Then each column is found
        #expect(
            ColumnMapping(headers: headers).fields == [
                .firstName, .lastName, .email, .phone, .company, .birthday, .notes, .tags,
            ])
    }

    @Test(arguments: ["Nombre", "Name", "Nome", "Nombre completo", "Full Name", "Cliente"])
    func mapsANameColumnToTheFullNameWhenThereIsNoLastName(header: String) {
        // Given a name column without a last-name column
        let mapping = ColumnMapping(headers: [header, "Email"])

        // When guessed / Then it is a full name to split
        #expect(mapping.fields == [.fullName, .email])
    }

    @Test func keepsTheFirstEMailColumnAndPutsTheOthersInMetadata() {
        // Given two e-mail columns of the same kind
        let mapping = ColumnMapping(headers: ["Email", "Correo", "Mail"])

        // When guessed / Then the leftmost is the e-mail
        #expect(mapping.fields == [.email, .metadata("correo"), .metadata("mail")])
    }

    @Test func ignoresColumnsWithoutHeaderAndTheErrorColumn() {
        // Given an empty header and a rejected-rows file's error column
        let mapping = ColumnMapping(headers: ["error", "Email", "", "  "])

        // When guessed / Then both are ignored
        #expect(mapping.fields == [.ignore, .email, .ignore, .ignore])
    }

    @Test func makesDuplicateMetadataKeysUnique() {
        // Given two columns with the same unknown header, and one folding to nothing
        let mapping = ColumnMapping(headers: ["Ciudad", "ciudad", "★"])

        // When guessed / Then every key is unique
        #expect(mapping.fields == [.metadata("ciudad"), .metadata("ciudad_2"), .metadata("column_3")])
    }

    @Test func anOverrideReplacesTheGuessAndTakesTheFieldFromTheGuessedColumn() {
        // Given a guess where "Email" is the e-mail, and the user choosing "Correo trabajo" instead
        let headers = ["Email", "Correo trabajo", "Nombre"]

        // When the override is applied
        let mapping = ColumnMapping(headers: headers, overrides: [1: .email])

        // Then the override wins and the guessed column keeps its data in metadata
        #expect(mapping.fields == [.metadata("email"), .email, .fullName])
    }

    @Test func aFieldTheUserAssignedHasNoFallbacks() {
        // Given two phone columns and the user choosing the landline
        let mapping = ColumnMapping(headers: ["Celular", "Teléfono"], overrides: [1: .phone])

        // When applied / Then the mobile column is plain metadata
        #expect(mapping.fields == [.metadata("celular"), .phone])
        #expect(mapping.fallbacks.isEmpty)
    }

    @Test func movingAColumnAwayFromAFieldLetsTheNextCandidateHaveIt() {
        // Given two e-mail columns and the user ignoring the first
        let mapping = ColumnMapping(headers: ["E-mail 1 - Value", "E-mail 2 - Value"], overrides: [0: .ignore])

        // When applied / Then the second becomes the e-mail
        #expect(mapping.fields == [.ignore, .email])
    }

    @Test func overridingKeepsEarlierOverrides() {
        // Given a mapping with one override
        let mapping = ColumnMapping(headers: ["A", "B", "C"], overrides: [0: .email])

        // When another is added
        let next = mapping.overriding([2: .metadata("codigo")])

        // Then both apply, and out-of-range columns are ignored
        #expect(next.fields == [.email, .metadata("b"), .metadata("codigo")])
        #expect(mapping.overriding([9: .phone]).fields == mapping.fields)
    }

    @Test func exposesTheColumnsOfAField() {
        // Given a mapping with joined last-name columns
        let mapping = ColumnMapping(headers: ["Nombres", "Apellido paterno", "Apellido materno"])

        // When asked / Then both columns are listed in order
        #expect(mapping.columns(for: .lastName) == [1, 2])
    }

    @Test func contactFieldsHaveStableKeys() throws {
        // Given every kind of field
        let fields: [ContactField] = [.firstName, .fullName, .tags, .metadata("numero_cliente"), .ignore]

        // When encoded as JSON and decoded back
        let data = try JSONEncoder().encode(fields)
        let decoded = try JSONDecoder().decode([ContactField].self, from: data)

        // Then they round-trip through their keys
        #expect(
            String(decoding: data, as: UTF8.self)
                == #"["first_name","full_name","tags","metadata:numero_cliente","ignore"]"#)
        #expect(decoded == fields)
    }

    @Test func contactFieldKeysNormalizeMetadataAndRejectUnknowns() {
        // Given keys typed by a client
        // When read / Then metadata keys are normalized and unknown keys refused
        #expect(ContactField(key: "metadata:Nº Cliente") == .metadata("n_cliente"))
        #expect(ContactField(key: "metadata:") == nil)
        #expect(ContactField(key: "nickname") == nil)
    }
}
