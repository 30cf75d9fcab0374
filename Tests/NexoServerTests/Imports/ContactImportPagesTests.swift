import Fluent
import Foundation
import NexoCore
import Testing
import Vapor
import VaporTesting

@testable import NexoServer

@Suite("Contact import pages")
struct ContactImportPagesTests {
    /// The upload form's action, with its CSRF token in the query (a streamed upload is read as it arrives).
    func uploadAction(_ browser: Browser) throws -> String {
        let page = browser.lastPage
        let range = try #require(page.range(of: #"action="(/contacts/import\?[^"]+)""#, options: .regularExpression))
        return String(page[range].dropFirst("action=\"".count).dropLast()).replacingOccurrences(of: "&amp;", with: "&")
    }

    @Test func aDroppedFileIsPreviewedRemappedImportedAndSummed() async throws {
        try await TestApp.run { app in
            let tenant = try await app.makeTenant()
            let browser = try Browser(app)
            _ = try await browser.signIn(tenant.ownerEmail, tenant.ownerPassword)
            #expect(try await browser.get("/contacts").body.string.contains("/contacts/import"))
            try await browser.get("/contacts/import")
            // when the owner uploads a Spanish Excel file
            let uploaded = try await browser.upload(
                try uploadAction(browser), field: "file", filename: "clientes.csv", bytes: ContactImportsAPITests.excel)
            #expect(uploaded.status == .seeOther)
            let location = try #require(uploaded.location)
            let preview = try await browser.get(location)
            // then the page says how it was read and shows the first rows as they will be stored, and their problems
            let html = preview.body.string
            #expect(html.contains("windows-1252"))
            #expect(html.contains("Muñoz"))
            #expect(html.contains("+541133332222"))
            #expect(html.contains("Esa fecha no existe."))
            // when the customer-number column is sent to a named extra field, and the import started
            let started = try await browser.post(
                location + "/start",
                [
                    "field[0]": "first_name", "field[1]": "last_name", "field[2]": "email", "field[3]": "phone",
                    "field[4]": "birthday", "field[5]": "tags", "field[6]": "metadata", "key[6]": "cliente",
                    "action": "start",
                ])
            #expect(started.status == .seeOther)
            try await app.runJobs()
            // then the page shows the finished import with its counts and the rejected rows to download
            let done = try await browser.get(location).body.string
            #expect(done.contains("Terminada"))
            #expect(done.contains("rejected.csv"))
            let contact = try #require(
                try await Contact.query(on: app.db).filter(\.$tenantID == tenant.id).filter(\.$email == "maria@example.com")
                    .first())
            #expect(contact.values.metadata["cliente"] == .string("A-1"))
            let rejected = try await browser.get(location + "/rejected.csv")
            #expect(rejected.status == .ok)
            #expect(rejected.body.string.hasPrefix("\u{FEFF}error;"))
            let progress = try await browser.get(location + "/progress")
            #expect(progress.json["state"] as? String == "completed")
        }
    }

    @Test func anUploadWithoutTheFormsTokenIsRefused() async throws {
        try await TestApp.run { app in
            let tenant = try await app.makeTenant()
            let browser = try Browser(app)
            _ = try await browser.signIn(tenant.ownerEmail, tenant.ownerPassword)
            try await browser.get("/contacts/import")
            let response = try await browser.upload(
                "/contacts/import", field: "file", filename: "x.csv", bytes: Array("email\na@example.com\n".utf8))
            #expect(response.status == .forbidden)
            #expect(try await ContactImport.query(on: app.db).count() == 0)
        }
    }

    @Test func anEmptyFileIsExplainedOnThePage() async throws {
        try await TestApp.run { app in
            let tenant = try await app.makeTenant()
            let browser = try Browser(app)
            _ = try await browser.signIn(tenant.ownerEmail, tenant.ownerPassword)
            try await browser.get("/contacts/import")
            let response = try await browser.upload(try uploadAction(browser), field: "file", filename: "x.csv", bytes: [])
            #expect(response.status == .badRequest)
            #expect(response.body.string.contains("vacío"))
        }
    }

    @Test func anAgentCannotImport() async throws {
        try await TestApp.run { app in
            let tenant = try await app.makeTenant()
            let agent = try await app.addMember(to: tenant, role: .agent)
            let browser = try Browser(app)
            _ = try await browser.signIn(agent, "secret123")
            #expect(try await browser.get("/contacts/import").status == .forbidden)
            #expect(!(try await browser.get("/contacts").body.string.contains("/contacts/import")))
        }
    }
}
