import Fluent
import Foundation
import NexoCore
import Testing
import VaporTesting

@testable import NexoServer

@Suite("Contact pages")
struct ContactsPagesTests {
    static let form = [
        "first_name": "José", "last_name": "Núñez", "email": "jose@example.com", "phone": "011 15 3333-2222", "company": "",
        "birthday": "1985-03-09", "notes": "", "tags": "vip, ortodoncia", "status": "lead", "score": "3",
        "consent_email": "given", "consent_whatsapp": "unknown",
    ]

    @Test func createFindEditAndDeleteThroughTheForms() async throws {
        try await TestApp.run { app in
            let tenant = try await app.makeTenant()
            let browser = try Browser(app)
            _ = try await browser.signIn(tenant.ownerEmail, tenant.ownerPassword)

            try await browser.get("/contacts/new")
            let created = try await browser.post("/contacts/new", Self.form)
            #expect(created.status == .seeOther)
            let contactPath = try #require(created.location)

            let found = try await browser.get("/contacts?q=nunez").body.string
            #expect(found.contains("José Núñez"))
            #expect(found.contains("+5491133332222"))

            try await browser.get(contactPath + "/edit")
            var edited = Self.form
            edited["company"] = "Sonrisas SA"
            #expect(try await browser.post(contactPath + "/edit", edited).status == .seeOther)
            #expect(try await browser.get(contactPath).body.string.contains("Sonrisas SA"))

            #expect(try await browser.post(contactPath + "/delete", [:]).status == .seeOther)
            #expect(try await browser.get(contactPath).status == .notFound)
        }
    }

    @Test func formErrorsAppearNextToTheirFieldsInTheUsersLanguage() async throws {
        try await TestApp.run { app in
            let tenant = try await app.makeTenant()
            let browser = try Browser(app)
            _ = try await browser.signIn(tenant.ownerEmail, tenant.ownerPassword)
            try await browser.get("/contacts/new")
            var bad = Self.form
            bad["email"] = "jose@"
            bad["birthday"] = "31/02/1990"
            let response = try await browser.post("/contacts/new", bad)
            #expect(response.status == .unprocessableEntity)
            let page = response.body.string
            #expect(page.contains(#"<p class="field-error" id="email-error">No es un e-mail válido.</p>"#))
            #expect(page.contains("Usá AAAA-MM-DD"))
            #expect(page.contains(#"value="José""#))
        }
    }

    @Test func aDuplicateEmailIsExplainedOnTheForm() async throws {
        try await TestApp.run { app in
            let tenant = try await app.makeTenant()
            let browser = try Browser(app)
            _ = try await browser.signIn(tenant.ownerEmail, tenant.ownerPassword)
            try await browser.get("/contacts/new")
            _ = try await browser.post("/contacts/new", Self.form)
            try await browser.get("/contacts/new")
            var second = Self.form
            second["phone"] = ""
            let response = try await browser.post("/contacts/new", second)
            #expect(response.status == .unprocessableEntity)
            #expect(response.body.string.contains("Ya hay un contacto con este e-mail."))
        }
    }

    @Test func badFilterValuesAreExplainedInTheUsersLanguage() async throws {
        try await TestApp.run { app in
            let tenant = try await app.makeTenant()
            let browser = try Browser(app)
            _ = try await browser.signIn(tenant.ownerEmail, tenant.ownerPassword)
            let response = try await browser.get("/contacts?birthday_month=13")
            #expect(response.status == .badRequest)
            #expect(response.body.string.contains("No pudimos procesar el pedido"))
            #expect(response.body.string.contains("birthday_month") == false)
        }
    }

    @Test func contactPageShowsMetadataAndBirthdayInWords() async throws {
        try await TestApp.run { app in
            let tenant = try await app.makeTenant()
            let json = #"{"first_name":"A","birthday":"1990-05-17","metadata":{"ref":"x1","visits":3}}"#
            let created = try await app.testing().api(.POST, "/api/v1/contacts", as: tenant, json: json)
            let browser = try Browser(app)
            _ = try await browser.signIn(tenant.ownerEmail, tenant.ownerPassword)
            let page = try await browser.get("/contacts/\(created.json["id"] as! String)").body.string
            #expect(page.contains("<dt>ref</dt><dd>x1</dd>"))
            #expect(page.contains("<dt>visits</dt><dd>3</dd>"))
            #expect(page.contains("17 de mayo de 1990"))
        }
    }

    @Test func notesAppearOnTheTimeline() async throws {
        try await TestApp.run { app in
            let tenant = try await app.makeTenant()
            let browser = try Browser(app)
            _ = try await browser.signIn(tenant.ownerEmail, tenant.ownerPassword)
            try await browser.get("/contacts/new")
            let path = try #require(try await browser.post("/contacts/new", Self.form).location)
            try await browser.get(path)
            #expect(try await browser.post(path + "/notes", ["text": "Llamar el lunes"]).status == .seeOther)
            let page = try await browser.get(path).body.string
            #expect(page.contains("Llamar el lunes"))
            #expect(page.contains("Contacto creado"))
        }
    }

    @Test func dashboardCountsContactsBySource() async throws {
        try await TestApp.run { app in
            let tenant = try await app.makeTenant()
            let client = try app.testing()
            _ = try await client.api(.POST, "/api/v1/contacts", as: tenant, json: #"{"first_name":"A","source":"csv"}"#)
            _ = try await client.api(.POST, "/api/v1/contacts", as: tenant, json: #"{"first_name":"B","source":"csv"}"#)
            _ = try await client.api(.POST, "/api/v1/contacts", as: tenant, json: #"{"first_name":"C"}"#)
            let browser = try Browser(app)
            _ = try await browser.signIn(tenant.ownerEmail, tenant.ownerPassword)
            let page = try await browser.get("/dashboard").body.string
            #expect(page.contains(#"data-stat="total">3<"#))
            #expect(page.contains(#"data-stat="new">3<"#))
            #expect(page.contains("Importación CSV"))
        }
    }

    @Test func listPaginatesFiftyAtATime() async throws {
        try await TestApp.run { app in
            let tenant = try await app.makeTenant()
            let client = try app.testing()
            for i in 0..<55 { _ = try await client.api(.POST, "/api/v1/contacts", as: tenant, json: #"{"first_name":"N\#(i)"}"#) }
            let browser = try Browser(app)
            _ = try await browser.signIn(tenant.ownerEmail, tenant.ownerPassword)
            let first = try await browser.get("/contacts").body.string
            #expect(first.components(separatedBy: "<tr>").count - 1 == 50 + 1)
            let next = try #require(first.range(of: #"href="(/contacts\?cursor=[^"]+)" rel="next""#, options: .regularExpression))
            let href = String(first[next]).replacingOccurrences(of: "href=\"", with: "").replacingOccurrences(
                of: "\" rel=\"next\"", with: ""
            )
            .replacingOccurrences(of: "&amp;", with: "&")
            let second = try await browser.get(href).body.string
            #expect(second.components(separatedBy: "<tr>").count - 1 == 5 + 1)
        }
    }
}
