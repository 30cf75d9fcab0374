import Fluent
import Foundation
import NexoCore
import Testing
import Vapor
import VaporTesting

@testable import NexoServer

@Suite("Platform")
struct PlatformTests {
    @Test func healthAndReadinessAnswer() async throws {
        try await TestApp.run { app in
            let client = try app.testing()
            #expect(try await client.sendRequest(.GET, "/healthz").status == .ok)
            let ready = try await client.sendRequest(.GET, "/readyz")
            #expect(ready.status == .ok)
            #expect(ready.body.string.contains("\"database\":\"ok\""))
        }
    }

    @Test func metricsAreInPrometheusTextFormat() async throws {
        try await TestApp.run { app in
            let response = try await app.testing().sendRequest(.GET, "/metrics")
            #expect(response.status == .ok)
            #expect(response.headers.first(name: .contentType)?.hasPrefix("text/plain; version=0.0.4") == true)
        }
    }

    @Test func everyResponseCarriesARequestId() async throws {
        try await TestApp.run { app in
            let client = try app.testing()
            let given = try await client.sendRequest(.GET, "/healthz", headers: ["X-Request-Id": "abc-123"])
            #expect(given.headers.first(name: "X-Request-Id") == "abc-123")
            let made = try await client.sendRequest(.GET, "/nowhere")
            #expect(made.headers.first(name: "X-Request-Id")?.isEmpty == false)
        }
    }

    @Test func unknownAPIPathsAnswerProblemJSON() async throws {
        try await TestApp.run { app in
            let response = try await app.testing().sendRequest(.GET, "/api/v1/nothing-here")
            #expect(response.status == .notFound)
            #expect(response.headers.first(name: .contentType) == "application/problem+json")
        }
    }

    @Test func unknownPagesAnswerATranslatedPage() async throws {
        try await TestApp.run { app in
            let response = try await app.testing().sendRequest(.GET, "/no-such-page")
            #expect(response.status == .notFound)
            #expect(response.body.string.contains("No encontrado"))
        }
    }

    @Test func pagesSendSecurityHeaders() async throws {
        try await TestApp.run { app in
            let response = try await app.testing().sendRequest(.GET, "/signin")
            #expect(response.headers.first(name: "X-Frame-Options") == "DENY")
            #expect(response.headers.first(name: "Content-Security-Policy")?.contains("frame-ancestors 'none'") == true)
        }
    }

    @Test func openAPIDocumentAndRoutesMatch() async throws {
        try await TestApp.run { app in
            let response = try await app.testing().sendRequest(.GET, "/api/v1/openapi.json")
            #expect(response.status == .ok)
            let document = try #require(
                try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any])
            #expect((document["openapi"] as? String)?.hasPrefix("3.1") == true)
            let paths = document["paths"] as? [String: [String: Any]] ?? [:]
            var documented = Set<String>()
            for (path, operations) in paths {
                for method in operations.keys where ["get", "post", "put", "patch", "delete"].contains(method) {
                    documented.insert("\(method.uppercased()) \(path)")
                }
            }
            let registered = Set(
                app.routes.all.filter { $0.path.first?.description == "api" }.map { route in
                    "\(route.method.rawValue) /"
                        + route.path.map { component -> String in
                            if case .parameter(let name) = component { return "{\(name)}" }
                            return component.description
                        }.joined(separator: "/")
                })
            #expect(registered.subtracting(documented).isEmpty, "undocumented: \(registered.subtracting(documented).sorted())")
            #expect(
                documented.subtracting(registered).isEmpty,
                "documented but missing: \(documented.subtracting(registered).sorted())")
        }
    }
}

@Suite("Settings")
struct SettingsTests {
    @Test func defaultsUseSQLiteInTheDataDirectory() throws {
        let settings = try Settings.parse([:])
        #expect(settings.database == .sqlite(path: "./data/nexo.sqlite"))
        #expect(settings.port == 8080)
        #expect(settings.publicURL == "http://localhost:8080")
        #expect(!settings.cookiesAreSecure)
    }

    @Test func postgresURLSelectsPostgres() throws {
        let settings = try Settings.parse([
            "NEXO_DATABASE_URL": "postgres://u:p@db:5432/nexo", "NEXO_PUBLIC_URL": "https://nexo.example.com/",
        ])
        #expect(settings.database == .postgres(url: "postgres://u:p@db:5432/nexo"))
        #expect(settings.cookiesAreSecure)
        #expect(settings.publicURL == "https://nexo.example.com")
    }

    @Test func everyWrongValueIsReportedAtOnce() {
        do {
            _ = try Settings.parse([
                "NEXO_PORT": "99999", "NEXO_LOG_LEVEL": "loud", "NEXO_DATABASE_URL": "mysql://x", "NEXO_MASTER_KEY": "short",
                "NEXO_WORKER": "maybe", "NEXO_MAX_BODY_SIZE": "huge",
            ])
            Issue.record("expected a problem")
        } catch {
            #expect(error.messages.count == 6)
            #expect(error.description.contains("NEXO_PORT=99999"))
        }
    }

    @Test func everyVariableIsDocumented() throws {
        let docs = try String(
            contentsOfFile: #filePath.components(separatedBy: "/Tests/")[0] + "/docs/configuration.md", encoding: .utf8)
        for variable in Settings.variables {
            #expect(docs.contains(variable.name), "\(variable.name) missing from docs/configuration.md")
        }
    }
}

@Suite("Locales")
struct LocaleTests {
    static let root = #filePath.components(separatedBy: "/Tests/")[0]

    @Test func spanishAndEnglishHaveTheSameKeys() throws {
        let translations = try Translations(directory: URL(fileURLWithPath: Self.root + "/Resources/Locales"))
        #expect(translations.keys(locale: "es") == translations.keys(locale: "en"))
    }

    @Test func everyKeyUsedInTemplatesExists() throws {
        let translations = try Translations(directory: URL(fileURLWithPath: Self.root + "/Resources/Locales"))
        let keys = translations.keys(locale: "es")
        let views = FileManager.default.enumerator(atPath: Self.root + "/Resources/Views")!
        let regex = try NSRegularExpression(pattern: #"#t\("([a-z0-9_.]+)""#)
        var missing: [String] = []
        while let file = views.nextObject() as? String {
            guard file.hasSuffix(".leaf") else { continue }
            let text = try String(contentsOfFile: Self.root + "/Resources/Views/" + file, encoding: .utf8)
            for match in regex.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                let key = (text as NSString).substring(with: match.range(at: 1))
                if !keys.contains(key) { missing.append("\(file): \(key)") }
            }
        }
        #expect(missing.isEmpty, "\(missing)")
    }
}

@Suite("Error answers")
struct ErrorAnswerTests {
    @Test func browsersGetAnHTMLPageForARefusedPage() async throws {
        try await TestApp.run { app in
            let tenant = try await app.makeTenant()
            let agent = try await app.addMember(to: tenant, role: .agent)
            let browser = try Browser(app)
            _ = try await browser.signIn(agent, "secret123")
            let response = try await browser.tester.sendRequest(
                .GET, "/settings/members",
                headers: [
                    "Cookie": "nexo_session=\(browser.cookie ?? "")", "Accept": "text/html,application/xhtml+xml,*/*;q=0.8",
                ])
            #expect(response.status == .forbidden)
            #expect(response.headers.contentType == .html)
            #expect(response.body.string.contains("Acceso restringido"))
        }
    }

    @Test func clientsAskingForJSONGetProblemJSON() async throws {
        try await TestApp.run { app in
            let response = try await app.testing().sendRequest(.GET, "/no-such-page", headers: ["Accept": "application/json"])
            #expect(response.headers.first(name: .contentType) == "application/problem+json")
        }
    }
}

@Suite("Logs")
struct LogTests {
    @Test func jsonLinesMaskEmailsAndPhonesInMessageAndMetadata() throws {
        let line = MaskingLogHandler.render(
            level: .info, message: "invited juana.perez@example.com",
            metadata: ["phone": "+5491133332222", "tenant_id": "6F1C0000-0000-4000-8000-000000000001"],
            label: "nexo", format: .json, source: "test", date: Date(timeIntervalSince1970: 0))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: String])
        #expect(object["msg"] == "invited j***@example.com")
        #expect(object["phone"]?.contains("33332") == false)
        #expect(object["tenant_id"] == "6F1C0000-0000-4000-8000-000000000001")
        #expect(object["level"] == "info")
        #expect(object["ts"] == "1970-01-01T00:00:00Z")
    }
}

@Suite("NUL characters")
struct NULTests {
    @Test func nulInJSONQueryOrFormAnswers400AndStoresNothing() async throws {
        try await TestApp.run { app in
            let tenant = try await app.makeTenant()
            let client = try app.testing()
            #expect(
                try await client.api(.POST, "/api/v1/contacts", as: tenant, json: #"{"first_name":"a\u0000b"}"#).status
                    == .badRequest)
            #expect(try await client.api(.GET, "/api/v1/contacts?q=%00", as: tenant).status == .badRequest)
            let browser = try Browser(app)
            try await browser.get("/signup")
            let form = try await browser.post(
                "/signup",
                [
                    "business_name": "X\u{0}Y", "country": "AR", "owner_name": "A", "email": "nul@example.com",
                    "password": "secret123",
                ])
            #expect(form.status == .badRequest)
            #expect(try await Contact.query(on: app.db).count() == 0)
            #expect(try await Tenant.query(on: app.db).count() == 1)
        }
    }
}

@Suite("Outbound addresses")
struct OutboundAddressTests {
    @Test(arguments: [
        "127.0.0.1", "10.1.2.3", "172.16.0.9", "172.31.255.1", "192.168.1.1", "169.254.169.254", "100.64.0.1", "0.0.0.0",
        "224.0.0.1", "::1", "fe80::1", "fd12:3456::1", "::ffff:10.0.0.1",
    ])
    func privateAndLocalAddressesAreNotPublic(_ address: String) {
        #expect(OutboundAddress.isPublic(address) == false)
    }

    @Test(arguments: ["8.8.8.8", "172.32.0.1", "100.128.0.1", "2001:4860:4860::8888", "::ffff:1.1.1.1"])
    func publicAddressesArePublic(_ address: String) {
        #expect(OutboundAddress.isPublic(address))
    }

    @Test func aHostThatResolvesToLoopbackIsRefusedUnlessTheOperatorAllowsIt() async {
        #expect(await OutboundAddress.check("localhost", allowPrivate: false) != .allowed)
        #expect(await OutboundAddress.check("127.0.0.1", allowPrivate: false) != .allowed)
        #expect(await OutboundAddress.check("localhost", allowPrivate: true) == .allowed)
    }

    @Test func aWebhookStepToThisServersNetworkFailsTheRunWithTheReason() async throws {
        try await TestApp.run(settings: { $0.allowPrivateNetwork = false }) { app in
            let tenant = try await app.makeTenant()
            let automation = try Automation(
                tenantID: tenant.id, builtin: nil,
                definition: AutomationDefinition(
                    name: "Sonda", trigger: .event("contact.created"), conditions: ConditionGroup(match: .all, conditions: []),
                    steps: [.callWebhook(url: "http://169.254.169.254/latest/meta-data/")], reentry: .once),
                enabled: true, webhookSecret: try app.nexo.secrets.seal("whsec_test"), now: .nexoNow)
            try await automation.create(on: app.db)
            _ = try await app.createContact(tenant, #"{"first_name":"Sonda"}"#)
            try await app.runAutomations()
            let run = try #require(try await app.runs(of: automation).first)
            #expect(run.state == .failed)
            #expect(run.error?.contains("inside this server's network") == true)
        }
    }
}
