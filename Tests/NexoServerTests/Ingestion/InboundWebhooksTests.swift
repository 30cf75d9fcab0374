import Fluent
import Foundation
import NexoCore
import Testing
import Vapor
import VaporTesting

@testable import NexoServer

/// What a test needs to send to a source: its id, URL path and secret.
struct TestSource {
    let id: String
    let path: String
    let secret: String
}

extension Application {
    func makeSource(_ tenant: TestTenant, _ json: String = #"{"name":"tienda"}"#) async throws -> TestSource {
        let response = try await testing().api(.POST, "/api/v1/webhook-sources", as: tenant, json: json)
        #expect(response.status == .created, "\(response.body.string)")
        let url = try #require(response.json["url"] as? String)
        return TestSource(
            id: try #require(response.json["id"] as? String),
            path: String(
                url[
                    try #require(url.range(of: "/hooks/"))
                        .lowerBound...]),
            secret: try #require(response.json["secret"] as? String))
    }

    func deliver(
        _ source: TestSource, _ body: String, headers extra: [(String, String)]? = nil
    ) async throws -> TestingHTTPResponse {
        var headers = HTTPHeaders(extra ?? [("X-Nexo-Secret", source.secret)])
        headers.contentType = .json
        return try await testing().sendRequest(.POST, source.path, headers: headers, body: ByteBuffer(string: body))
    }

    func deliveries(_ source: TestSource, _ tenant: TestTenant) async throws -> [[String: Any]] {
        try await testing().api(.GET, "/api/v1/webhook-sources/\(source.id)/deliveries", as: tenant).jsonList
    }
}

@Suite("Inbound webhooks")
struct InboundWebhooksTests {
    static let order = #"""
        {"id": "ord_1001", "status": "paid", "customer": {"first_name": "Ana", "last_name": "Pérez", "email": "ANA@example.com",
         "phone": "11 5555-1234", "tags": ["tienda", "vip"]}, "total": 1250.5}
        """#

    @Test func aDeliveryWithTheSecretCreatesTheContactAndEmitsWebhookReceived() async throws {
        try await TestApp.run { app in
            // given a source with the automatic mapping
            let tenant = try await app.makeTenant()
            let source = try await app.makeSource(tenant)
            // when the shop sends an order
            let response = try await app.deliver(source, Self.order)
            // then it is acknowledged once stored, and the job makes the contact
            #expect(response.status == .accepted)
            #expect(response.json["status"] as? String == "queued")
            try await app.runJobs()
            let contact = try #require(try await Contact.query(on: app.db).filter(\.$tenantID == tenant.id).first())
            #expect(contact.email == "ana@example.com")
            #expect(contact.firstName == "Ana")
            #expect(contact.phone == "+541155551234")
            #expect(contact.source == "webhook")
            let event = try #require(
                try await DomainEvent.query(on: app.db).filter(\.$type == "webhook.received").first())
            #expect(event.entityID == contact.id)
            let payload = try #require(JSONValue.parse(event.payload)?.objectValue)
            #expect(payload["outcome"] == .string("created"))
            #expect(payload["payload"]?.objectValue?["id"] == .string("ord_1001"))
            let log = try await app.deliveries(source, tenant)
            #expect(log.first?["state"] as? String == "accepted")
            #expect(log.first?["outcome"] as? String == "created")
        }
    }

    @Test func anHMACSignatureOfTheBodyAuthenticatesAndAWrongOneIsRefusedAndLogged() async throws {
        try await TestApp.run { app in
            let tenant = try await app.makeTenant()
            let source = try await app.makeSource(tenant)
            // when one delivery is signed with the secret, and one with another key
            let good = WebhookSignature.hex(secret: source.secret, message: Data(Self.order.utf8))
            let bad = WebhookSignature.hex(secret: "whsec_wrong", message: Data(Self.order.utf8))
            let signed = try await app.deliver(source, Self.order, headers: [("X-Hub-Signature-256", "sha256=\(good)")])
            let forged = try await app.deliver(source, Self.order, headers: [("X-Hub-Signature-256", "sha256=\(bad)")])
            let bare = try await app.deliver(source, Self.order, headers: [])
            // then the signed one is accepted and the others are 401, all three in the log
            #expect(signed.status == .accepted)
            #expect(forged.status == .unauthorized)
            #expect(bare.status == .unauthorized)
            let log = try await app.deliveries(source, tenant)
            #expect(log.map { $0["status_code"] as? Int } == [401, 401, 202])
            #expect(log.first?["state"] as? String == "refused")
        }
    }

    @Test func aTimestampedSignatureIsRefusedWhenReplayedLater() async throws {
        try await TestApp.run { app in
            let tenant = try await app.makeTenant()
            let source = try await app.makeSource(tenant)
            let now = Int(app.nexo.clock.now.timeIntervalSince1970)
            func header(_ time: Int) -> (String, String) {
                (
                    "X-Nexo-Signature",
                    WebhookSignature.nexoHeader(secret: source.secret, timestamp: String(time), body: Data(Self.order.utf8))
                )
            }
            // when one is signed now and one was signed ten minutes ago
            let fresh = try await app.deliver(source, Self.order, headers: [header(now)])
            let replayed = try await app.deliver(source, Self.order, headers: [header(now - 600)])
            // then only the fresh one is accepted
            #expect(fresh.status == .accepted)
            #expect(replayed.status == .unauthorized)
        }
    }

    @Test func aTypoInTheMappingIsA422NotASilentlyIgnoredKey() async throws {
        try await TestApp.run { app in
            let tenant = try await app.makeTenant()
            let response = try await app.testing().api(
                .POST, "/api/v1/webhook-sources", as: tenant, json: #"{"name":"x","mapping":{"fields":[],"idPath":"id"}}"#)
            #expect(response.status == .unprocessableEntity)
            #expect(response.body.string.contains("mapping.idPath"))
        }
    }

    @Test func theSameEventIDTwiceChangesNothing() async throws {
        try await TestApp.run { app in
            let tenant = try await app.makeTenant()
            let source = try await app.makeSource(tenant, #"{"name":"tienda","mapping":{"fields":[],"id_path":"id"}}"#)
            // when the shop retries the same order
            #expect(try await app.deliver(source, Self.order).status == .accepted)
            try await app.runJobs()
            #expect(try await app.deliver(source, Self.order).status == .accepted)
            try await app.runJobs()
            // then one contact, one webhook.received, and the second delivery is logged as a duplicate
            #expect(try await Contact.query(on: app.db).filter(\.$tenantID == tenant.id).count() == 1)
            #expect(try await DomainEvent.query(on: app.db).filter(\.$type == "webhook.received").count() == 1)
            let log = try await app.deliveries(source, tenant)
            #expect(log.map { $0["state"] as? String } == ["duplicate", "accepted"])
            #expect(log.first?["event_id"] as? String == "ord_1001")
        }
    }

    @Test func badInputGetsAClearAnswerAndIsKeptInTheLog() async throws {
        try await TestApp.run(settings: { $0.webhookMaxBody = 2048 }) { app in
            let tenant = try await app.makeTenant()
            let source = try await app.makeSource(tenant)
            // when the body is not JSON, too large, or has nothing to make a contact from
            let notJSON = try await app.deliver(source, "{\"email\": ")
            let tooLarge = try await app.deliver(source, "{\"notes\": \"\(String(repeating: "x", count: 4000))\"}")
            let useless = try await app.deliver(source, #"{"data": {"order_total": 10}}"#)
            // then each gets its status and reason
            #expect(notJSON.status == .badRequest)
            #expect(tooLarge.status == .payloadTooLarge)
            #expect(useless.status == .unprocessableEntity)
            #expect(useless.body.string.contains("No e-mail, phone or name found"), "\(useless.body.string)")
            // and every one is in the log, the large one without its body
            let log = try await app.deliveries(source, tenant)
            #expect(log.map { $0["status_code"] as? Int } == [422, 413, 400])
            #expect(log[1]["payload"] == nil)
            #expect(log[0]["state"] as? String == "rejected")
            #expect(try await Contact.query(on: app.db).filter(\.$tenantID == tenant.id).count() == 0)
        }
    }

    @Test func theFilterLeavesOutDeliveriesThatDoNotMatch() async throws {
        try await TestApp.run { app in
            let tenant = try await app.makeTenant()
            let source = try await app.makeSource(
                tenant, #"{"name":"tienda","mapping":{"fields":[],"filter":{"path":"status","op":"equals","value":"paid"}}}"#)
            let pending = Self.order.replacingOccurrences(of: "\"paid\"", with: "\"pending\"")
            // when an unpaid order arrives
            let response = try await app.deliver(source, pending)
            try await app.runJobs()
            // then it is acknowledged, ignored and logged, and no contact is made
            #expect(response.status == .ok)
            #expect(try await app.deliveries(source, tenant).first?["state"] as? String == "ignored")
            #expect(try await Contact.query(on: app.db).filter(\.$tenantID == tenant.id).count() == 0)
        }
    }

    @Test func anExplicitMappingTakesTheChosenPathsAndKeepsOthersAsMetadata() async throws {
        try await TestApp.run { app in
            let tenant = try await app.makeTenant()
            let mapping = #"""
                {"name":"formulario","mapping":{"fields":[
                  {"path":"lead.contact_email","field":"email"},{"path":"lead.who","field":"full_name"},
                  {"path":"lead.campaign","field":"metadata:campana"}]}}
                """#
            let source = try await app.makeSource(tenant, mapping)
            _ = try await app.deliver(
                source, #"{"lead":{"contact_email":"luis@example.com","who":"Luis Gómez","campaign":"verano"}}"#)
            try await app.runJobs()
            let contact = try #require(try await Contact.query(on: app.db).filter(\.$tenantID == tenant.id).first())
            #expect(contact.firstName == "Luis")
            #expect(contact.lastName == "Gómez")
            #expect(contact.values.metadata["campana"] == .string("verano"))
        }
    }

    @Test func aTestTriesAPayloadWithoutStoringAnything() async throws {
        try await TestApp.run { app in
            let tenant = try await app.makeTenant()
            let source = try await app.makeSource(tenant)
            // when the owner tries a sample payload
            let response = try await app.testing().api(
                .POST, "/api/v1/webhook-sources/\(source.id)/test", as: tenant, json: Self.order)
            // then the answer shows the contact as it would be stored, and nothing was stored
            #expect(response.status == .ok)
            #expect(response.json["result"] as? String == "accepted")
            let contact = try #require(response.json["contact"] as? [String: Any])
            #expect(contact["email"] as? String == "ana@example.com")
            #expect(contact["tags"] as? [String] == ["tienda", "vip"])
            #expect(try await Contact.query(on: app.db).filter(\.$tenantID == tenant.id).count() == 0)
            #expect(try await app.deliveries(source, tenant).isEmpty)
        }
    }

    @Test func theSecretIsShownOnlyWhenMadeAndARotatedOneReplacesTheOld() async throws {
        try await TestApp.run { app in
            let tenant = try await app.makeTenant()
            let source = try await app.makeSource(tenant)
            let shown = try await app.testing().api(.GET, "/api/v1/webhook-sources/\(source.id)", as: tenant)
            #expect(shown.json["secret"] == nil)
            // when the secret is rotated
            let rotated = try await app.testing().api(
                .POST, "/api/v1/webhook-sources/\(source.id)/rotate-secret", as: tenant)
            let newSecret = try #require(rotated.json["secret"] as? String)
            // then the old one is refused and the new one accepted
            #expect(try await app.deliver(source, Self.order).status == .unauthorized)
            #expect(
                try await app.deliver(source, Self.order, headers: [("X-Nexo-Secret", newSecret)]).status == .accepted)
        }
    }

    @Test func aSourceTurnedOffRefusesDeliveries() async throws {
        try await TestApp.run { app in
            let tenant = try await app.makeTenant()
            let source = try await app.makeSource(tenant)
            let off = try await app.testing().api(
                .PATCH, "/api/v1/webhook-sources/\(source.id)", as: tenant, json: #"{"enabled":false}"#)
            #expect(off.json["enabled"] as? Bool == false)
            #expect(try await app.deliver(source, Self.order).status == .forbidden)
        }
    }

    @Test func aSuspendedBusinessAcceptsNoDeliveries() async throws {
        try await TestApp.run { app in
            let tenant = try await app.makeTenant()
            let source = try await app.makeSource(tenant)
            let row = try #require(try await Tenant.find(tenant.id, on: app.db))
            row.status = .suspended
            try await row.update(on: app.db)
            #expect(try await app.deliver(source, Self.order).status == .forbidden)
            #expect(try await app.deliveries(source, tenant).first?["state"] as? String == "refused")
        }
    }

    @Test func aBadMappingOrNameIsA422NamingTheField() async throws {
        try await TestApp.run { app in
            let tenant = try await app.makeTenant()
            let badPath = try await app.testing().api(
                .POST, "/api/v1/webhook-sources", as: tenant,
                json: #"{"name":"x","mapping":{"fields":[{"path":"a[","field":"email"}]}}"#)
            #expect(badPath.status == .unprocessableEntity)
            #expect(badPath.body.string.contains("mapping"))
            let badField = try await app.testing().api(
                .POST, "/api/v1/webhook-sources", as: tenant,
                json: #"{"name":"x","mapping":{"fields":[{"path":"a","field":"shoe_size"}]}}"#)
            #expect(badField.status == .unprocessableEntity)
            let noName = try await app.testing().api(.POST, "/api/v1/webhook-sources", as: tenant, json: #"{}"#)
            #expect(noName.status == .unprocessableEntity)
            _ = try await app.makeSource(tenant)
            let twice = try await app.testing().api(.POST, "/api/v1/webhook-sources", as: tenant, json: #"{"name":"tienda"}"#)
            #expect(twice.status == .conflict)
        }
    }

    @Test func theLogKeepsTheLast50DeliveriesOfASource() async throws {
        try await TestApp.run { app in
            let tenant = try await app.makeTenant()
            let source = try await app.makeSource(tenant)
            for index in 0..<55 {
                _ = try await app.deliver(source, "{\"email\": \"p\(index)@example.com\"}")
                app.nexo.clock.advance(by: 1)
            }
            try await app.runJobs()
            // when the log is pruned
            let deleted = try await InboundWebhooks.pruneDeliveries(on: app.db)
            // then the oldest five are gone
            #expect(deleted == 5)
            #expect(try await WebhookDelivery.query(on: app.db).count() == 50)
        }
    }

    @Test func anAgentCannotManageSources() async throws {
        try await TestApp.run { app in
            let tenant = try await app.makeTenant()
            let source = try await app.makeSource(tenant)
            let agent = try await app.addMember(to: tenant, role: .agent)
            let browser = try Browser(app)
            _ = try await browser.signIn(agent, "secret123")
            #expect(try await browser.get("/settings/webhooks").status == .forbidden)
            #expect(try await browser.get("/settings/webhooks/\(source.id)").status == .forbidden)
        }
    }

    @Test func theSettingsPagesShowTheSourceItsSecretOnDemandAndItsDeliveries() async throws {
        try await TestApp.run { app in
            let tenant = try await app.makeTenant()
            let browser = try Browser(app)
            _ = try await browser.signIn(tenant.ownerEmail, tenant.ownerPassword)
            try await browser.get("/settings/webhooks")
            // when the owner creates a source from the page
            let created = try await browser.post("/settings/webhooks", ["name": "formulario-web"])
            #expect(created.status == .seeOther)
            let location = try #require(created.headers.first(name: .location))
            let page = try await browser.get(location)
            // then its URL and (once) its secret are shown
            #expect(page.body.string.contains("/hooks/in/whk_"))
            let source = try #require(try await WebhookSource.query(on: app.db).first())
            let secret = try app.nexo.secrets.open(source.secret)
            #expect(page.body.string.contains(secret))
            #expect(!(try await browser.get(location)).body.string.contains(secret))
            let revealed = try await browser.post(location + "/secret", [:])
            #expect(revealed.body.string.contains(secret))
            // and a delivery shows in the log with its payload
            let path = "/hooks/in/\(source.token)"
            _ = try await app.deliver(TestSource(id: "", path: path, secret: secret), Self.order)
            try await app.runJobs()
            let after = try await browser.get(location)
            #expect(after.body.string.contains("ord_1001"))
            #expect(after.body.string.contains("Contacto creado"))
            // and the test form shows what would be stored
            let tested = try await browser.post(location + "/test", ["sample": #"{"correo":"zoe@example.com","nombre":"Zoe"}"#])
            #expect(tested.body.string.contains("zoe@example.com"))
            #expect(tested.body.string.contains("Se aceptaría"))
        }
    }
}
