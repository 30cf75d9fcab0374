import Foundation
import Testing

@testable import NexoCore

@Suite struct RejectedRowsCSVTests {
    @Test func writesTheHeaderWithAnErrorColumnFirst() {
        // Given a file's headers / When the rejected-rows header is written / Then "error" leads
        #expect(RejectedRowsCSV.header(["Nombre", "Email"]) == "error,Nombre,Email\r\n")
    }

    @Test func writesEachRowWithItsReasons() {
        // Given a row with two problems
        let problems = [
            ImportProblem(
                code: "email.invalid", column: "Email", value: "ana@", message: "Not a valid e-mail address."),
            ImportProblem(
                code: "birthday.impossible", column: "Cumpleaños", message: "\"31/02\" is not a possible birthday."),
        ]

        // When written with a semicolon
        let line = RejectedRowsCSV.line(cells: ["Ana", "ana@", "31/02"], problems: problems, separator: ";")

        // Then the reasons come first, joined, and quotes are escaped
        #expect(
            line
                == #""Email: Not a valid e-mail address.; Cumpleaños: ""31/02"" is not a possible birthday.";Ana;ana@;31/02"#
                + "\r\n")
    }

    @Test func usesTheGivenTranslation() {
        // Given a translation of codes
        let problem = ImportProblem(code: "email.invalid", column: "Email", message: "Not a valid e-mail address.")

        // When written / Then the translated text is used
        let line = RejectedRowsCSV.line(cells: ["x"], problems: [problem]) { "\($0.column ?? ""): correo no válido" }
        #expect(line == "Email: correo no válido,x\r\n")
    }

    @Test func aFixedRejectedRowsFileImportsAgain() throws {
        // Given a rejected-rows file for a bad e-mail
        let headers = ["Nombre", "Email", "Teléfono"]
        let problem = ImportProblem(code: "email.invalid", column: "Email", message: "Not a valid e-mail address.")
        let file = RejectedRowsCSV.make(
            headers: headers, rejected: [(["Ana", "ana@", "+54 9 11 3333-2222"], [problem])])

        // When the user fixes the address and imports the file again
        let fixed = file.replacingOccurrences(of: "ana@,", with: "ana@example.com,")
        let rows = ImportTestSupport.rows(fixed)

        // Then the error column is ignored and the row imports, phone included
        let contact = try rows[0].get().newContact()
        #expect(contact.email == "ana@example.com")
        #expect(contact.phone == "+5491133332222")
        #expect(contact.metadata.isEmpty)
    }
}
