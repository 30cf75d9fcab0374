import Fluent
import Foundation
import NexoCore
import Testing
import Vapor
import VaporTesting

@testable import NexoServer

/// For every route that takes an id, another tenant's token or member gets 404 — exactly like an id that does
/// not exist — and nothing changes. Later features add their routes to `covered`.
@Suite("Tenant isolation")
struct TenantIsolationTests {
    /// Every parameterised route, as "METHOD /path/:param". The last test fails when a route is missing here.
    static let covered: Set<String> = [
        "GET /api/v1/contacts/:id", "PATCH /api/v1/contacts/:id", "DELETE /api/v1/contacts/:id",
        "POST /api/v1/contacts/:id/tags", "DELETE /api/v1/contacts/:id/tags/:tag", "GET /api/v1/contacts/:id/interactions",
        "POST /api/v1/contacts/:id/notes",
        "GET /contacts/:id", "GET /contacts/:id/edit", "POST /contacts/:id/edit", "POST /contacts/:id/delete",
        "POST /contacts/:id/notes", "POST /settings/members/:id/role", "POST /settings/members/:id/remove",
        "POST /settings/invitations/:id/revoke", "POST /settings/tokens/:id/revoke", "GET /settings/outbox/:id",
        // Not tenant data by id: the token itself is the secret (an unknown token answers 410).
        "GET /invitations/:token", "POST /invitations/:token",
        "GET /automations/:id", "POST /automations/:id", "POST /automations/:id/toggle", "GET /automations/:id/runs",
        "GET /automations/:id/explain", "GET /automation-runs/:id", "POST /automation-runs/:id/retry",
        "POST /settings/jobs/:id/retry", "POST /settings/jobs/:id/cancel",
        "GET /api/v1/automations/:id", "PATCH /api/v1/automations/:id", "GET /api/v1/automations/:id/runs",
        "POST /api/v1/automation-runs/:id/retry",
        // Signed (tenant, contact) tokens: a forged or altered one answers 404 (AutomationsTests covers it).
        "GET /u/:token", "POST /u/:token",
        // Operators act across businesses by design; anyone who is not one gets 404 (OperatorJobsPageTests).
        "POST /ops/jobs/:id/retry", "POST /ops/jobs/:id/cancel",
        "GET /api/v1/contact-imports/:id", "POST /api/v1/contact-imports/:id/start",
        "GET /api/v1/contact-imports/:id/rejected.csv",
        "GET /api/v1/webhook-sources/:id", "PATCH /api/v1/webhook-sources/:id", "DELETE /api/v1/webhook-sources/:id",
        "POST /api/v1/webhook-sources/:id/rotate-secret", "POST /api/v1/webhook-sources/:id/test",
        "GET /api/v1/webhook-sources/:id/deliveries", "GET /api/v1/webhook-subscriptions/:id",
        "PATCH /api/v1/webhook-subscriptions/:id", "DELETE /api/v1/webhook-subscriptions/:id",
        "GET /api/v1/webhook-subscriptions/:id/deliveries", "DELETE /api/v1/lead-ads/pages/:id",
        "GET /settings/webhooks/:id", "POST /settings/webhooks/:id", "POST /settings/webhooks/:id/secret",
        "POST /settings/webhooks/:id/rotate", "POST /settings/webhooks/:id/test", "POST /settings/webhooks/:id/delete",
        "GET /settings/outbound-webhooks/:id", "POST /settings/outbound-webhooks/:id/enable",
        "POST /settings/outbound-webhooks/:id/delete", "POST /settings/lead-ads/pages/:id/delete",
        "POST /settings/lead-ads/leads/:id/retry",
        "GET /contacts/imports/:id", "POST /contacts/imports/:id/start", "GET /contacts/imports/:id/progress",
        "GET /contacts/imports/:id/rejected.csv",
        // The token is the source's unguessable address; the secret or signature authenticates (InboundWebhooksTests).
        "POST /hooks/in/:token",
    ]

    struct Victim {
        let tenant: TestTenant
        let contactID: String
        let membershipID: UUID
        let invitationID: UUID
        let tokenID: UUID
        let outboxID: UUID
    }

    static func victim(_ app: Application) async throws -> Victim {
        let tenant = try await app.makeTenant(name: "Víctima")
        let contact = try await app.testing().api(
            .POST, "/api/v1/contacts", as: tenant, json: #"{"first_name":"Privado","tags":["x"]}"#)
        let agent = try await app.addMember(to: tenant, role: .agent)
        let membership = try await Membership.query(on: app.db).join(User.self, on: \Membership.$user.$id == \User.$id)
            .filter(User.self, \.$email == agent).first()!
        let row = try await Tenant.find(tenant.id, on: app.db)!
        _ = try await TenancyService(db: app.db, nexo: app.nexo).invite(
            email: "pending@example.com", role: .agent, tenant: row, invitedBy: .system("test"), on: app.db)
        let invitation = try await Invitation.query(on: app.db).filter(\.$tenantID == tenant.id).first()!
        let token = try await APIToken.query(on: app.db).filter(\.$tenantID == tenant.id).first()!
        let outbox = try await OutboxEmail.query(on: app.db).filter(\.$tenantID == tenant.id).first()!
        return Victim(
            tenant: tenant, contactID: contact.json["id"] as! String, membershipID: membership.id!, invitationID: invitation.id!,
            tokenID: token.id!, outboxID: outbox.id!)
    }

    @Test func anotherTenantsTokenGets404OnEveryContactRoute() async throws {
        try await TestApp.run { app in
            let victim = try await Self.victim(app)
            let intruder = try await app.makeTenant(name: "Intrusa")
            let client = try app.testing()
            let id = victim.contactID
            let calls: [(HTTPMethod, String, String?)] = [
                (.GET, "/api/v1/contacts/\(id)", nil), (.PATCH, "/api/v1/contacts/\(id)", #"{"first_name":"Hacked"}"#),
                (.POST, "/api/v1/contacts/\(id)/tags", #"{"tags":["hacked"]}"#), (.DELETE, "/api/v1/contacts/\(id)/tags/x", nil),
                (.GET, "/api/v1/contacts/\(id)/interactions", nil),
                (.POST, "/api/v1/contacts/\(id)/notes", #"{"text":"hacked"}"#),
                (.DELETE, "/api/v1/contacts/\(id)", nil),
            ]
            for (method, path, body) in calls {
                let response = try await client.api(method, path, as: intruder, json: body)
                #expect(response.status == .notFound, "\(method) \(path)")
                let unknown = try await client.api(
                    method, path.replacingOccurrences(of: id, with: UUID().uuidString), as: intruder, json: body)
                #expect(unknown.status == .notFound, "unknown id \(method) \(path)")
                #expect(
                    unknown.body.string.replacingOccurrences(of: id, with: "")
                        == response.body.string.replacingOccurrences(of: id, with: ""))
            }
            let contact = try await client.api(.GET, "/api/v1/contacts/\(id)", as: victim.tenant)
            #expect(contact.json["first_name"] as? String == "Privado")
            #expect(contact.json["tags"] as? [String] == ["x"])
            #expect(try await Interaction.query(on: app.db).count() == 1)
        }
    }

    @Test func anotherTenantsTokenGets404OnEveryImportRoute() async throws {
        try await TestApp.run { app in
            // given a victim's uploaded import
            let victim = try await app.makeTenant(name: "Víctima")
            var headers = victim.auth
            headers.contentType = HTTPMediaType(type: "text", subType: "csv")
            let uploaded = try await app.testing().sendRequest(
                .POST, "/api/v1/contact-imports", headers: headers, body: ByteBuffer(string: "email\nsecreto@example.com\n"))
            let id = try #require(uploaded.json["id"] as? String)
            // when another business's token tries every import route with its id
            let intruder = try await app.makeTenant(name: "Intrusa")
            let client = try app.testing()
            for (method, path, body) in [
                (HTTPMethod.GET, "/api/v1/contact-imports/\(id)", nil as String?),
                (.POST, "/api/v1/contact-imports/\(id)/start", "{}"), (.GET, "/api/v1/contact-imports/\(id)/rejected.csv", nil),
            ] {
                #expect(try await client.api(method, path, as: intruder, json: body).status == .notFound, "\(method) \(path)")
            }
            let browser = try Browser(app)
            _ = try await browser.signIn(intruder.ownerEmail, intruder.ownerPassword)
            for path in ["/contacts/imports/\(id)", "/contacts/imports/\(id)/progress", "/contacts/imports/\(id)/rejected.csv"] {
                #expect(try await browser.get(path).status == .notFound, "GET \(path)")
            }
            try await browser.get("/contacts/import")
            #expect(try await browser.post("/contacts/imports/\(id)/start", ["action": "start"]).status == .notFound)
            // then it is not listed for the intruder, and it did not start
            #expect(try await client.api(.GET, "/api/v1/contact-imports", as: intruder).jsonList.isEmpty)
            #expect(try await ContactImport.find(UUID(uuidString: id), on: app.db)?.state == .uploaded)
        }
    }

    @Test func anotherTenantsOwnerGets404OnEveryPageRoute() async throws {
        try await TestApp.run { app in
            let victim = try await Self.victim(app)
            let intruder = try await app.makeTenant(name: "Intrusa")
            let browser = try Browser(app)
            _ = try await browser.signIn(intruder.ownerEmail, intruder.ownerPassword)
            try await browser.get("/dashboard")
            let id = victim.contactID
            #expect(try await browser.get("/contacts/\(id)").status == .notFound)
            #expect(try await browser.get("/contacts/\(id)/edit").status == .notFound)
            #expect(try await browser.get("/settings/outbox/\(victim.outboxID)").status == .notFound)
            try await browser.get("/dashboard")
            let posts: [(String, [String: String])] = [
                ("/contacts/\(id)/edit", ["first_name": "Hacked"]), ("/contacts/\(id)/notes", ["text": "hacked"]),
                ("/contacts/\(id)/delete", [:]), ("/settings/members/\(victim.membershipID)/role", ["role": "owner"]),
                ("/settings/members/\(victim.membershipID)/remove", [:]),
                ("/settings/invitations/\(victim.invitationID)/revoke", [:]),
                ("/settings/tokens/\(victim.tokenID)/revoke", [:]),
            ]
            for (path, form) in posts {
                #expect(try await browser.post(path, form).status == .notFound, "POST \(path)")
            }
            #expect(try await Contact.query(on: app.db).filter(\.$tenantID == victim.tenant.id).first()?.firstName == "Privado")
            #expect(try await Membership.find(victim.membershipID, on: app.db)?.role == .agent)
            #expect(try await Invitation.find(victim.invitationID, on: app.db)?.revokedAt == nil)
            #expect(try await APIToken.find(victim.tokenID, on: app.db)?.revokedAt == nil)
        }
    }

    @Test func anotherTenantsOwnerGets404OnEveryAutomationAndJobRoute() async throws {
        try await TestApp.run { app in
            // given a victim with an automation that ran, and a dead job
            let victim = try await app.makeTenant(name: "Víctima")
            let welcome = try await app.automation("welcome", of: victim)
            try await app.enable(welcome)
            _ = try await app.createContact(victim, #"{"email":"x@example.com","consent":{"email":{"state":"given"}}}"#)
            try await app.runAutomations()
            let run = try #require(try await app.runs(of: welcome).first)
            try await app.jobQueue.enqueue(NewJob(kind: "nobody.handles.this", tenantID: victim.id))
            try await app.runJobs()
            let job = try #require(try await app.jobs(kind: "nobody.handles.this").first)
            let id = try welcome.requireID()
            let runID = try run.requireID()
            // when another business's owner tries every route with those ids
            let intruder = try await app.makeTenant(name: "Intrusa")
            let client = try app.testing()
            let apiCalls: [(HTTPMethod, String, String?)] = [
                (.GET, "/api/v1/automations/\(id)", nil), (.PATCH, "/api/v1/automations/\(id)", #"{"enabled":false}"#),
                (.GET, "/api/v1/automations/\(id)/runs", nil),
                (.POST, "/api/v1/automation-runs/\(runID)/retry", #"{"from":"start"}"#),
            ]
            for (method, path, body) in apiCalls {
                #expect(try await client.api(method, path, as: intruder, json: body).status == .notFound, "\(method) \(path)")
            }
            let browser = try Browser(app)
            _ = try await browser.signIn(intruder.ownerEmail, intruder.ownerPassword)
            for path in [
                "/automations/\(id)", "/automations/\(id)/runs", "/automations/\(id)/explain", "/automation-runs/\(runID)",
            ] {
                #expect(try await browser.get(path).status == .notFound, "GET \(path)")
                #expect(
                    try await browser.get(
                        path.replacingOccurrences(of: id.uuidString, with: UUID().uuidString)
                            .replacingOccurrences(of: runID.uuidString, with: UUID().uuidString)
                    ).status == .notFound)
            }
            try await browser.get("/automations")
            let posts: [(String, [String: String])] = [
                (
                    "/automations/\(id)",
                    ["name": "Hacked", "triggerType": "event", "event": "contact.created", "steps[0][type]": "stop"]
                ),
                ("/automations/\(id)/toggle", [:]), ("/automation-runs/\(runID)/retry", ["from": "start"]),
                ("/settings/jobs/\(job.id)/retry", [:]), ("/settings/jobs/\(job.id)/cancel", [:]),
            ]
            for (path, form) in posts {
                #expect(try await browser.post(path, form).status == .notFound, "POST \(path)")
            }
            // then nothing changed
            let after = try #require(try await Automation.find(id, on: app.db))
            #expect(after.name == welcome.name)
            #expect(after.enabled)
            #expect(try await AutomationRun.find(runID, on: app.db)?.state == .succeeded)
            #expect(try await app.job(job.id).state == "dead")
        }
    }

    @Test func anotherTenantGets404OnEveryIntegrationRoute() async throws {
        try await TestApp.run { app in
            // given a victim with a webhook source, a subscription, a connected page and a failed lead
            let victim = try await app.makeTenant(name: "Víctima")
            let source = try await app.makeSource(victim)
            let subscription =
                try await app.testing().api(
                    .POST, "/api/v1/webhook-subscriptions", as: victim,
                    json: #"{"url":"https://example.com/h","event_types":["*"]}"#
                ).json["id"] as? String ?? ""
            let page =
                try await app.testing().api(
                    .POST, "/api/v1/lead-ads/pages", as: victim, json: #"{"page_id":"555","access_token":"t"}"#
                ).json["id"] as? String ?? ""
            let lead = CapturedLead()
            lead.tenantID = victim.id
            lead.pageID = try #require(UUID(uuidString: page))
            lead.leadgenID = "1"
            lead.state = .failed
            lead.attempts = 6
            lead.receivedAt = Date()
            try await lead.create(on: app.db)
            let leadID = try lead.requireID()
            // when another business tries every route with those ids
            let intruder = try await app.makeTenant(name: "Intrusa")
            let client = try app.testing()
            let apiCalls: [(HTTPMethod, String, String?)] = [
                (.GET, "/api/v1/webhook-sources/\(source.id)", nil),
                (.PATCH, "/api/v1/webhook-sources/\(source.id)", #"{"enabled":false}"#),
                (.POST, "/api/v1/webhook-sources/\(source.id)/rotate-secret", nil),
                (.POST, "/api/v1/webhook-sources/\(source.id)/test", #"{"email":"a@example.com"}"#),
                (.GET, "/api/v1/webhook-sources/\(source.id)/deliveries", nil),
                (.DELETE, "/api/v1/webhook-sources/\(source.id)", nil),
                (.GET, "/api/v1/webhook-subscriptions/\(subscription)", nil),
                (.PATCH, "/api/v1/webhook-subscriptions/\(subscription)", #"{"enabled":false}"#),
                (.GET, "/api/v1/webhook-subscriptions/\(subscription)/deliveries", nil),
                (.DELETE, "/api/v1/webhook-subscriptions/\(subscription)", nil),
                (.DELETE, "/api/v1/lead-ads/pages/\(page)", nil),
            ]
            for (method, path, body) in apiCalls {
                #expect(try await client.api(method, path, as: intruder, json: body).status == .notFound, "\(method) \(path)")
            }
            let browser = try Browser(app)
            _ = try await browser.signIn(intruder.ownerEmail, intruder.ownerPassword)
            #expect(try await browser.get("/settings/webhooks/\(source.id)").status == .notFound)
            #expect(try await browser.get("/settings/outbound-webhooks/\(subscription)").status == .notFound)
            try await browser.get("/settings/webhooks")
            for path in [
                "/settings/webhooks/\(source.id)", "/settings/webhooks/\(source.id)/secret",
                "/settings/webhooks/\(source.id)/rotate", "/settings/webhooks/\(source.id)/test",
                "/settings/webhooks/\(source.id)/delete", "/settings/outbound-webhooks/\(subscription)/enable",
                "/settings/outbound-webhooks/\(subscription)/delete", "/settings/lead-ads/pages/\(page)/delete",
                "/settings/lead-ads/leads/\(leadID)/retry",
            ] {
                #expect(try await browser.post(path, ["name": "hacked", "sample": "{}"]).status == .notFound, "POST \(path)")
            }
            // then nothing changed and nothing is listed for the intruder
            #expect(try await app.deliver(source, #"{"email":"a@example.com"}"#).status == .accepted)
            #expect(try await WebhookSubscription.query(on: app.db).first()?.enabled == true)
            #expect(try await LeadAdsPage.query(on: app.db).count() == 1)
            #expect(try await CapturedLead.query(on: app.db).first()?.state == .failed)
            #expect(try await client.api(.GET, "/api/v1/webhook-sources", as: intruder).jsonList.isEmpty)
            #expect(try await client.api(.GET, "/api/v1/lead-ads/leads", as: intruder).jsonList.isEmpty)
        }
    }

    @Test func everyRouteWithAnIdIsCoveredBySuite() async throws {
        try await TestApp.run { app in
            let parameterised = app.routes.all.filter { route in
                route.path.contains { if case .parameter = $0 { true } else { false } }
            }
            .map { "\($0.method.rawValue) /" + $0.path.map(\.description).joined(separator: "/") }
            let missing = Set(parameterised).subtracting(Self.covered)
            #expect(missing.isEmpty, "add these routes to the isolation suite: \(missing.sorted())")
        }
    }
}
