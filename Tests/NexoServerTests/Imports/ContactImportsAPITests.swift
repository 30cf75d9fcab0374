import Fluent
import Foundation
import NexoCore
import Testing
import Vapor
import VaporTesting

@testable import NexoServer

@Suite("Contact imports API")
struct ContactImportsAPITests {
    /// A Spanish Excel export: Windows-1252, `;`, day-first dates.
    static let excel: [UInt8] = Array(
        """
        Nombre;Apellido;Correo electrónico;Teléfono;Fecha de nacimiento;Etiquetas;Número de cliente\r
        María;Muñoz;maria@example.com;11 3333-2222;03/05/1990;vip, ortodoncia;A-1\r
        José;Núñez;jose@example.com;;31/02/1985;;A-2\r
        Lucía;Peña;lucia@example;;;;A-3\r
        Ana;Ruiz;ANA@example.com;;;nuevo;A-4\r
        maria;;maria@example.com;;;referido;\r

        """.unicodeScalars.map { UInt8($0.value) })

    func upload(
        _ app: Application, _ tenant: TestTenant, _ bytes: [UInt8],
        contentType: HTTPMediaType = .init(type: "text", subType: "csv")
    ) async throws -> TestingHTTPResponse {
        var headers = tenant.auth
        headers.contentType = contentType
        return try await app.testing().sendRequest(
            .POST, "/api/v1/contact-imports?filename=clientes.csv", headers: headers, body: ByteBuffer(bytes: bytes))
    }

    func importFile(_ app: Application, _ tenant: TestTenant, _ bytes: [UInt8]) async throws -> [String: Any] {
        let uploaded = try await upload(app, tenant, bytes)
        #expect(uploaded.status == .created)
        let id = try #require(uploaded.json["id"] as? String)
        #expect(try await app.testing().api(.POST, "/api/v1/contact-imports/\(id)/start", as: tenant).status == .accepted)
        try await app.runJobs()
        return try await app.testing().api(.GET, "/api/v1/contact-imports/\(id)", as: tenant).json
    }

    @Test func anExcelFileInSpanishIsReadWithItsEncodingDelimiterAndColumns() async throws {
        try await TestApp.run { app in
            let tenant = try await app.makeTenant()
            // when the owner uploads the file
            let response = try await upload(app, tenant, Self.excel)
            // then the answer says how it was read, how columns map, and shows the first rows as they will be stored
            #expect(response.status == .created)
            let json = response.json
            #expect(json["encoding"] as? String == "windows-1252")
            #expect(json["delimiter"] as? String == ";")
            #expect(json["filename"] as? String == "clientes.csv")
            let fields = (json["columns"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String }
            #expect(fields == ["first_name", "last_name", "email", "phone", "birthday", "tags", "metadata:numero_de_cliente"])
            let preview = json["preview"] as? [[String: Any]] ?? []
            #expect(preview.count == 5)
            let first = preview.first?["values"] as? [String: Any]
            #expect(first?["last_name"] as? String == "Muñoz")
            #expect(first?["phone"] as? String == "+541133332222")
            #expect(first?["birthday"] as? String == "1990-05-03")
            // and the impossible date is a problem of its row, not a shifted date
            let problems = preview[1]["problems"] as? [[String: Any]] ?? []
            #expect(problems.first?["code"] as? String == "birthday.impossible")
            #expect(try await Contact.query(on: app.db).count() == 0)
        }
    }

    @Test func everyRowIsCreatedUpdatedUnchangedOrRejectedWithItsReason() async throws {
        try await TestApp.run { app in
            // given a contact who is already there, with a tag
            let tenant = try await app.makeTenant()
            _ = try await app.testing().api(
                .POST, "/api/v1/contacts", as: tenant, json: #"{"first_name":"Ana","email":"ana@example.com","tags":["antigua"]}"#
            )
            let eventsBefore = try await DomainEvent.query(on: app.db).filter(\.$type == "contact.created").count()
            // when the file is imported
            let result = try await importFile(app, tenant, Self.excel)
            // then María is created once (her second row merges into her), Ana is updated, two rows are rejected
            #expect(result["state"] as? String == "completed")
            #expect(result["total_rows"] as? Int == 5)
            #expect(result["rows_done"] as? Int == 5)
            #expect(result["created"] as? Int == 1)
            #expect(result["updated"] as? Int == 1)
            #expect(result["merged"] as? Int == 1)
            #expect(result["rejected"] as? Int == 2)
            let maria = try #require(try await Contact.query(on: app.db).filter(\.$email == "maria@example.com").first())
            #expect(maria.values.firstName == "maria")
            #expect(maria.values.lastName == "Muñoz")  // the empty cell of the second row erased nothing
            #expect(Set(maria.values.tags) == ["vip", "ortodoncia", "referido"])
            #expect(maria.values.metadata["numero_de_cliente"] == .string("A-1"))
            let ana = try #require(try await Contact.query(on: app.db).filter(\.$email == "ana@example.com").first())
            #expect(Set(ana.values.tags) == ["antigua", "nuevo"])
            // and only the new contact emitted contact.created
            #expect(try await DomainEvent.query(on: app.db).filter(\.$type == "contact.created").count() == eventsBefore + 1)
        }
    }

    @Test func aRowThatWouldTakeAnotherContactsPhoneIsRejectedAndChangesNothing() async throws {
        try await TestApp.run { app in
            // given Ana (by e-mail) and Beto (by phone), two different contacts
            let tenant = try await app.makeTenant()
            _ = try await app.testing().api(.POST, "/api/v1/contacts", as: tenant, json: #"{"email":"ana@example.com"}"#)
            _ = try await app.testing().api(
                .POST, "/api/v1/contacts", as: tenant, json: #"{"first_name":"Beto","phone":"+54 9 11 5555-0000"}"#)
            // when a row gives Ana Beto's phone, and another row is new
            let file = "email,phone,name\nana@example.com,+5491155550000,Ana\ncarla@example.com,,Carla\n"
            let result = try await importFile(app, tenant, Array(file.utf8))
            // then that row is rejected with the reason, the other is created, and Ana keeps no phone
            #expect(result["rejected"] as? Int == 1)
            #expect(result["created"] as? Int == 1)
            let ana = try #require(try await Contact.query(on: app.db).filter(\.$email == "ana@example.com").first())
            #expect(ana.values.phone == nil)
            let id = try #require(result["id"] as? String)
            let csv = try await app.testing().api(.GET, "/api/v1/contact-imports/\(id)/rejected.csv", as: tenant).body.string
            #expect(csv.contains("Ya hay un contacto con este teléfono."))
        }
    }

    @Test func anImportWhoseLastAttemptFailsSaysSo() async throws {
        try await TestApp.run { app in
            // given a started import whose file can no longer be read (a directory stands in its place)
            let tenant = try await app.makeTenant()
            let id = try #require(try await upload(app, tenant, Self.excel).json["id"] as? String)
            #expect(try await app.testing().api(.POST, "/api/v1/contact-imports/\(id)/start", as: tenant).status == .accepted)
            let importID = try #require(UUID(uuidString: id))
            let url = ContactImporter.fileURL(
                dataDirectory: app.nexo.settings.dataDirectory, tenantID: tenant.id, importID: importID)
            try FileManager.default.removeItem(at: url)
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: false)
            defer { try? FileManager.default.removeItem(at: url) }
            // when its job fails on an early attempt, then on the last one
            let payload = #"{"import_id":"\#(id)"}"#
            let early = ClaimedJob(
                id: UUID(), kind: ContactImporter.jobKind, tenantID: tenant.id, payload: payload, attempts: 1, maxAttempts: 3)
            await #expect(throws: (any Error).self) { try await ContactImportJob().run(early, app: app) }
            #expect(try await ContactImport.find(importID, on: app.db)?.state == .queued)  // retried, not failed yet
            let last = ClaimedJob(
                id: UUID(), kind: ContactImporter.jobKind, tenantID: tenant.id, payload: payload, attempts: 3, maxAttempts: 3)
            await #expect(throws: (any Error).self) { try await ContactImportJob().run(last, app: app) }
            // then the import says it failed, and why
            let failed = try #require(try await ContactImport.find(importID, on: app.db))
            #expect(failed.state == .failed)
            #expect(failed.error?.hasPrefix("The import stopped:") == true)
        }
    }

    @Test func rejectedRowsDownloadAsACSVToFixAndImportAgain() async throws {
        try await TestApp.run { app in
            let tenant = try await app.makeTenant()
            let result = try await importFile(app, tenant, Self.excel)
            let url = try #require(result["rejected_rows_url"] as? String)
            let response = try await app.testing().api(.GET, url, as: tenant)
            #expect(response.status == .ok)
            #expect(response.headers.contentType?.subType == "csv")
            let text = response.body.string
            #expect(text.hasPrefix("\u{FEFF}error;Nombre;Apellido;"))
            let lines = text.split(separator: "\r\n")
            #expect(lines.count == 3)
            #expect(lines[1].contains("José;Núñez"))
            #expect(lines[1].contains("Fecha de nacimiento: Esa fecha no existe."))
            #expect(lines[2].contains("lucia@example"))
        }
    }

    @Test func importingTheSameFileAgainChangesNothing() async throws {
        try await TestApp.run { app in
            let tenant = try await app.makeTenant()
            _ = try await importFile(app, tenant, Self.excel)
            let contacts = try await Contact.query(on: app.db).count()
            let updates = try await DomainEvent.query(on: app.db).filter(\.$type == "contact.updated").count()
            let again = try await importFile(app, tenant, Self.excel)
            #expect(again["created"] as? Int == 0)
            #expect(again["updated"] as? Int == 0)
            #expect(again["unchanged"] as? Int == 2)
            #expect(again["merged"] as? Int == 1)
            #expect(again["rejected"] as? Int == 2)
            #expect(try await Contact.query(on: app.db).count() == contacts)
            #expect(try await DomainEvent.query(on: app.db).filter(\.$type == "contact.updated").count() == updates)
        }
    }

    @Test func aMultipartFormUploadUsesTheFileFieldAndItsName() async throws {
        try await TestApp.run { app in
            let tenant = try await app.makeTenant()
            let boundary = "----nexo-test-boundary"
            let body =
                "--\(boundary)\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nhola\r\n"
                + "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"Google contacts.csv\"\r\n"
                + "Content-Type: text/csv\r\n\r\nName,E-mail 1 - Value,Phone 1 - Value\r\nRita Paz,rita@example.com,+54 9 11 4444-5555\r\n"
                + "--\(boundary)--\r\n"
            let response = try await upload(
                app, tenant, Array(body.utf8),
                contentType: HTTPMediaType(type: "multipart", subType: "form-data", parameters: ["boundary": boundary]))
            #expect(response.status == .created)
            #expect(response.json["filename"] as? String == "Google contacts.csv")
            let values = (response.json["preview"] as? [[String: Any]])?.first?["values"] as? [String: Any]
            #expect(values?["first_name"] as? String == "Rita")
            #expect(values?["email"] as? String == "rita@example.com")
        }
    }

    @Test func badUploadsGetClearErrorsAndLeaveNothingBehind() async throws {
        try await TestApp.run(settings: { $0.importMaxSize = 2048 }) { app in
            let tenant = try await app.makeTenant()
            #expect(try await upload(app, tenant, []).status == .badRequest)
            #expect(try await upload(app, tenant, Array("{}".utf8), contentType: .json).status == .unsupportedMediaType)
            #expect(try await upload(app, tenant, Array("\n\n".utf8)).status == .unprocessableEntity)
            let big = Array(("a,b\n" + String(repeating: "x,y\n", count: 1000)).utf8)
            let tooLarge = try await upload(app, tenant, big)
            #expect(tooLarge.status == .payloadTooLarge)
            #expect(try await ContactImport.query(on: app.db).count() == 0)
            let folder = app.nexo.settings.dataDirectory + "/imports/\(tenant.id.uuidString)"
            #expect(((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).isEmpty)
        }
    }

    @Test func aBadMappingIsRefusedByColumnAndAnImportStartsOnce() async throws {
        try await TestApp.run { app in
            let tenant = try await app.makeTenant()
            let id = try #require(try await upload(app, tenant, Self.excel).json["id"] as? String)
            let bad = try await app.testing().api(
                .POST, "/api/v1/contact-imports/\(id)/start", as: tenant, json: #"{"mapping":{"2":"correo","x":"email"}}"#)
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.string.contains("mapping.2"))
            #expect(bad.body.string.contains("mapping.x"))
            let outside = try await app.testing().api(
                .POST, "/api/v1/contact-imports/\(id)/start", as: tenant, json: #"{"mapping":{"9":"email"}}"#)
            #expect(outside.status == .badRequest)
            let ok = try await app.testing().api(
                .POST, "/api/v1/contact-imports/\(id)/start", as: tenant, json: #"{"mapping":{"6":"ignore"}}"#)
            #expect(ok.status == .accepted)
            #expect(try await app.testing().api(.POST, "/api/v1/contact-imports/\(id)/start", as: tenant).status == .conflict)
            try await app.runJobs()
            let maria = try #require(try await Contact.query(on: app.db).filter(\.$email == "maria@example.com").first())
            #expect(maria.values.metadata["numero_de_cliente"] == nil)
        }
    }

    @Test func anExportImportedAgainChangesNothing() async throws {
        try await TestApp.run { app in
            // given contacts with status, score, tags and metadata
            let tenant = try await app.makeTenant()
            for json in [
                #"{"first_name":"Ana","last_name":"Peña","email":"ana@example.com","phone":"+5491133332222","status":"cliente","score":7,"tags":["vip"],"metadata":{"numero":"A-1"},"birthday":"--03-14"}"#,
                #"{"first_name":"Luis","company":"Acme, S.A.","notes":"Llamar \"después\"","phone":"+5491144445555"}"#,
            ] {
                #expect(try await app.testing().api(.POST, "/api/v1/contacts", as: tenant, json: json).status == .created)
            }
            let before = try await Contact.query(on: app.db).filter(\.$tenantID == tenant.id).all().map(\.values)
            // when the export is imported again
            let export = try await app.testing().api(.GET, "/api/v1/contacts/export", as: tenant)
            let result = try await importFile(app, tenant, Array(export.body.readableBytesView))
            // then every row is unchanged
            #expect(result["unchanged"] as? Int == 2, "\(result)")
            #expect(result["created"] as? Int == 0)
            #expect(result["rejected"] as? Int == 0)
            let after = try await Contact.query(on: app.db).filter(\.$tenantID == tenant.id).all().map(\.values)
            #expect(Set(after.map(\.email)) == Set(before.map(\.email)))
            #expect(after.first { $0.email == "ana@example.com" }?.metadata == ["numero": .string("A-1")])
        }
    }

    @Test func anImportThatStartsAgainResumesAfterTheLastBatchWritten() async throws {
        try await TestApp.run { app in
            // given an import whose first two rows were written (and counted) before its worker died
            let tenant = try await app.makeTenant()
            let file = "email,name\nuno@example.com,Uno\ndos@example.com,Dos\ntres@example.com,Tres\ncuatro@example.com,Cuatro\n"
            let uploaded = try await upload(app, tenant, Array(file.utf8))
            let id = try #require(UUID(uuidString: uploaded.json["id"] as? String ?? ""))
            #expect(try await app.testing().api(.POST, "/api/v1/contact-imports/\(id)/start", as: tenant).status == .accepted)
            let row = try #require(try await ContactImport.find(id, on: app.db))
            row.state = .running
            row.totalRows = 4
            row.rowsDone = 2
            row.createdCount = 2
            try await row.update(on: app.db)
            // when its job runs again
            try await app.runJobs()
            // then it reads past the two rows already done and writes the rest, and the counts add up
            let result = try await app.testing().api(.GET, "/api/v1/contact-imports/\(id)", as: tenant).json
            #expect(result["state"] as? String == "completed")
            #expect(result["rows_done"] as? Int == 4)
            #expect(result["created"] as? Int == 4)
            let emails = Set(try await Contact.query(on: app.db).filter(\.$tenantID == tenant.id).all().compactMap(\.email))
            #expect(emails == ["tres@example.com", "cuatro@example.com"])
        }
    }
}
