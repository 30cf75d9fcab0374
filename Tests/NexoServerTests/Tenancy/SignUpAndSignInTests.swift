import Fluent
import Foundation
import NexoCore
import Testing
import VaporTesting

@testable import NexoServer

@Suite("Sign-up and sign-in")
struct SignUpAndSignInTests {
    @Test func firstVisitToAFreshInstallationOffersSignUp() async throws {
        try await TestApp.run { app in
            let browser = try Browser(app)
            let home = try await browser.get("/")
            #expect(home.status == .seeOther)
            #expect(home.location == "/signup")
        }
    }

    @Test func signUpCreatesTheBusinessAndLandsOnTheDashboardInSpanish() async throws {
        try await TestApp.run { app in
            let browser = try Browser(app)
            try await browser.get("/signup")
            let response = try await browser.post(
                "/signup",
                [
                    "business_name": "Clínica Sonrisa", "country": "AR", "owner_name": "Ana Pérez", "email": "ana@example.com",
                    "password": "secret123",
                ])
            #expect(response.status == .seeOther)
            #expect(response.location == "/dashboard")
            let dashboard = try await browser.get("/dashboard")
            #expect(dashboard.status == .ok)
            #expect(dashboard.body.string.contains("Contactos por origen"))
            let tenant = try await Tenant.query(on: app.db).first()
            #expect(tenant?.slug == "clinica-sonrisa")
            #expect(tenant?.timeZone == "America/Argentina/Buenos_Aires")
            #expect(tenant?.locale == "es")
        }
    }

    @Test func signUpWithBadFieldsShowsMessagesNextToThemAndKeepsTheInput() async throws {
        try await TestApp.run { app in
            let browser = try Browser(app)
            try await browser.get("/signup")
            let response = try await browser.post(
                "/signup", ["business_name": "Mi Negocio", "country": "ZZ", "owner_name": "", "email": "nope", "password": "123"])
            #expect(response.status == .unprocessableEntity)
            let page = response.body.string
            #expect(page.contains("Elegí uno de los países de la lista."))
            #expect(page.contains("No es un e-mail válido."))
            #expect(page.contains("La contraseña debe tener entre 8 y 128 caracteres."))
            #expect(page.contains("value=\"Mi Negocio\""))
            #expect(try await Tenant.query(on: app.db).count() == 0)
        }
    }

    @Test func formsWithoutTheCSRFTokenAreRefused() async throws {
        try await TestApp.run { app in
            let browser = try Browser(app)
            try await browser.get("/signup")
            let response = try await browser.post(
                "/signup",
                [
                    "business_name": "X", "country": "AR", "owner_name": "X", "email": "x@example.com", "password": "secret123",
                    "_csrf": "forged",
                ])
            #expect(response.status == .forbidden)
            #expect(try await Tenant.query(on: app.db).count() == 0)
        }
    }

    @Test func signInWithTheRightPasswordOpensTheDashboard() async throws {
        try await TestApp.run { app in
            let tenant = try await app.makeTenant()
            let browser = try Browser(app)
            let response = try await browser.signIn(tenant.ownerEmail, tenant.ownerPassword)
            #expect(response.status == .seeOther)
            #expect(try await browser.get("/dashboard").status == .ok)
            #expect(try await AuditEvent.query(on: app.db).filter(\.$action == "user.signed_in").count() == 1)
        }
    }

    @Test func signInSetsAnHttpOnlyLaxCookie() async throws {
        try await TestApp.run { app in
            let tenant = try await app.makeTenant()
            let browser = try Browser(app)
            let response = try await browser.signIn(tenant.ownerEmail, tenant.ownerPassword)
            let cookie = response.headers[.setCookie].first { $0.hasPrefix("nexo_session=") } ?? ""
            #expect(cookie.contains("HttpOnly"))
            #expect(cookie.contains("SameSite=Lax"))
        }
    }

    @Test func wrongPasswordIsRefusedWithAMessage() async throws {
        try await TestApp.run { app in
            let tenant = try await app.makeTenant()
            let browser = try Browser(app)
            let response = try await browser.signIn(tenant.ownerEmail, "wrong-password")
            #expect(response.status == .unauthorized)
            #expect(response.body.string.contains("E-mail o contraseña incorrectos."))
            #expect(try await browser.get("/dashboard").status == .seeOther)
        }
    }

    @Test func repeatedFailuresAreThrottledWithRetryAfter() async throws {
        try await TestApp.run { app in
            let tenant = try await app.makeTenant()
            let browser = try Browser(app)
            for _ in 0..<5 { _ = try await browser.signIn(tenant.ownerEmail, "wrong-password") }
            // Even the right password waits until the pause ends.
            let response = try await browser.signIn(tenant.ownerEmail, tenant.ownerPassword)
            #expect(response.status == .tooManyRequests)
            #expect(Int(response.headers.first(name: .retryAfter) ?? "") ?? 0 > 0)
        }
    }

    @Test func signOutEndsTheSession() async throws {
        try await TestApp.run { app in
            let tenant = try await app.makeTenant()
            let browser = try Browser(app)
            _ = try await browser.signIn(tenant.ownerEmail, tenant.ownerPassword)
            try await browser.get("/dashboard")
            #expect(try await browser.post("/signout", [:]).status == .seeOther)
            #expect(try await browser.get("/dashboard").location?.hasPrefix("/signin") == true)
        }
    }

    @Test func aBannedBusinessCannotSignInAndSaysWhy() async throws {
        try await TestApp.run { app in
            let tenant = try await app.makeTenant()
            try await app.setStatus(of: tenant, .banned, reason: "Falta de pago")
            let response = try await Browser(app).signIn(tenant.ownerEmail, tenant.ownerPassword)
            #expect(response.status == .forbidden)
            #expect(response.body.string.contains("Falta de pago"))
            #expect(try await app.testing().api(.GET, "/api/v1/contacts", as: tenant).status == .forbidden)
        }
    }

    @Test func aSuspendedBusinessIsReadOnly() async throws {
        try await TestApp.run { app in
            let tenant = try await app.makeTenant()
            try await app.setStatus(of: tenant, .suspended, reason: "Revisión")
            let client = try app.testing()
            #expect(try await client.api(.GET, "/api/v1/contacts", as: tenant).status == .ok)
            let create = try await client.api(.POST, "/api/v1/contacts", as: tenant, json: #"{"first_name":"A"}"#)
            #expect(create.status == .forbidden)
            #expect(create.json["code"] as? String == "tenant_suspended")
            let browser = try Browser(app)
            _ = try await browser.signIn(tenant.ownerEmail, tenant.ownerPassword)
            let list = try await browser.get("/contacts")
            #expect(list.body.string.contains("Negocio suspendido: solo lectura."))
            #expect(try await browser.post("/contacts/new", ["first_name": "A"]).status == .forbidden)
        }
    }

    @Test func aUserInTwoBusinessesSwitchesBetweenThem() async throws {
        try await TestApp.run { app in
            let first = try await app.makeTenant(name: "Primera", ownerEmail: "multi@example.com")
            let second = try await app.makeTenant(name: "Segunda", ownerEmail: "multi@example.com")
            _ = try await app.testing().api(.POST, "/api/v1/contacts", as: second, json: #"{"first_name":"SoloEnSegunda"}"#)
            let browser = try Browser(app)
            _ = try await browser.signIn("multi@example.com", first.ownerPassword)
            let before = try await browser.get("/contacts").body.string
            #expect(before.contains("SoloEnSegunda") == false)
            #expect(try await browser.post("/switch-tenant", ["tenant_id": second.id.uuidString]).status == .seeOther)
            #expect(try await browser.get("/contacts").body.string.contains("SoloEnSegunda"))
        }
    }

    @Test func aSignedInOwnerOpensASecondBusinessAndLandsInIt() async throws {
        try await TestApp.run { app in
            let tenant = try await app.makeTenant(name: "Primera")
            let browser = try Browser(app)
            _ = try await browser.signIn(tenant.ownerEmail, tenant.ownerPassword)
            try await browser.get("/businesses/new")
            #expect(
                try await browser.post("/businesses/new", ["business_name": "", "country": "AR"]).status == .unprocessableEntity)
            #expect(
                try await browser.post("/businesses/new", ["business_name": "Segunda Sede", "country": "CL"]).status == .seeOther)
            let dashboard = try await browser.get("/dashboard").body.string
            #expect(dashboard.contains("Segunda Sede"))
            let second = try #require(try await Tenant.query(on: app.db).filter(\.$name == "Segunda Sede").first())
            #expect(second.timeZone == "America/Santiago")
            #expect(try await Membership.query(on: app.db).filter(\.$tenant.$id == second.id!).first()?.role == .owner)
        }
    }

    @Test func eachUserChoosesTheirLanguage() async throws {
        try await TestApp.run { app in
            let tenant = try await app.makeTenant()
            let browser = try Browser(app)
            _ = try await browser.signIn(tenant.ownerEmail, tenant.ownerPassword)
            #expect(try await browser.get("/contacts").body.string.contains("Nuevo contacto"))
            _ = try await browser.post("/locale", ["locale": "en", "back": "/contacts"])
            let english = try await browser.get("/contacts").body.string
            #expect(english.contains("New contact"))
            #expect(english.contains("<html lang=\"en\">"))
        }
    }
}
