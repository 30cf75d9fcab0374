import Fluent
import Foundation
import NexoCore
import Testing
import Vapor
import VaporTesting

@testable import NexoServer

/// Meta's Graph API for leads, as documented: `GET /{version}/{leadgen_id}?access_token=…` answers the lead
/// (../shared/fixtures/meta-leadgen/lead.json), or Meta's error body.
final class FakeGraphAPI: Sendable {
    static let pageToken = "EAAG-page-token"
    static let lead = #"""
        {"created_time": "2015-02-28T08:49:14+0000", "id": "123123123123", "ad_id": "12312312312",
         "form_id": "12312312312",
         "field_data": [{"name": "car_make", "values": ["Honda"]}, {"name": "full_name", "values": ["Joe Example"]},
                        {"name": "email", "values": ["joe@example.com"]}, {"name": "phone_number", "values": ["+5491155551234"]}]}
        """#

    actor State {
        var calls = 0
        var failing = false
        func call() -> Int {
            calls += 1
            return calls
        }
        func fail(_ value: Bool) { failing = value }
    }

    let state = State()
    let server: LocalHTTPServer

    init(server: LocalHTTPServer) { self.server = server }

    static func start() async throws -> FakeGraphAPI {
        let box = Box()
        let server = try await LocalHTTPServer.start { app in
            app.get("v21.0", ":id") { req async -> Response in
                let state = box.api!.state
                _ = await state.call()
                guard req.query[String.self, at: "access_token"] == pageToken else {
                    return LocalHTTPServer.json(
                        400,
                        ["error": ["message": "Invalid OAuth access token.", "type": "OAuthException", "code": 190]])
                }
                if await state.failing {
                    return LocalHTTPServer.json(
                        400,
                        [
                            "error": [
                                "message":
                                    "Unsupported get request. Object with ID '\(req.parameters.get("id") ?? "")' does not exist",
                                "type": "GraphMethodException", "code": 100,
                            ]
                        ])
                }
                var headers = HTTPHeaders()
                headers.contentType = .json
                return Response(status: .ok, headers: headers, body: .init(string: lead))
            }
        }
        let api = FakeGraphAPI(server: server)
        box.api = api
        return api
    }

    final class Box: @unchecked Sendable { var api: FakeGraphAPI? }
}

@Suite("Meta Lead Ads")
struct LeadAdsTests {
    static let appSecret = "meta_app_secret"
    /// ../shared/fixtures/meta-leadgen/webhook.json: ids as numbers.
    static let notification = #"""
        {"object": "page", "entry": [{"id": 153125381133, "time": 1438292065, "changes": [{"field": "leadgen",
         "value": {"leadgen_id": 123123123123, "page_id": 123123123, "form_id": 12312312312, "adgroup_id": 12312312312,
         "ad_id": 12312312312, "created_time": 1440120384}}]}]}
        """#

    func connect(_ app: Application, _ tenant: TestTenant) async throws -> [String: Any] {
        let response = try await app.testing().api(
            .POST, "/api/v1/lead-ads/pages", as: tenant,
            json: #"{"page_id":"123123123","name":"Clínica Sonrisa","access_token":"\#(FakeGraphAPI.pageToken)"}"#)
        #expect(response.status == .created, "\(response.body.string)")
        return response.json
    }

    func post(_ app: Application, _ body: String, secret: String = appSecret) async throws -> TestingHTTPResponse {
        var headers = HTTPHeaders()
        headers.contentType = .json
        headers.add(
            name: "X-Hub-Signature-256",
            value: "sha256=" + WebhookSignature.hex(secret: secret, message: Data(body.utf8)))
        return try await app.testing().sendRequest(.POST, "/hooks/meta/leadgen", headers: headers, body: ByteBuffer(string: body))
    }

    func run<T>(_ graph: FakeGraphAPI, _ test: (Application) async throws -> T) async throws -> T {
        try await TestApp.run(settings: {
            $0.metaGraphBaseURL = graph.server.url
            $0.metaAppSecret = Self.appSecret
        }) { app in try await test(app) }
    }

    @Test func theVerificationHandshakeAnswersTheChallengeOnlyForAKnownToken() async throws {
        try await TestApp.run(settings: { $0.metaVerifyToken = "global-token" }) { app in
            let tenant = try await app.makeTenant()
            let page = try await connect(app, tenant)
            let token = try #require(page["verify_token"] as? String)
            let ok = try await app.testing().sendRequest(
                .GET, "/hooks/meta/leadgen?hub.mode=subscribe&hub.verify_token=\(token)&hub.challenge=1158201444")
            #expect(ok.status == .ok)
            #expect(ok.body.string == "1158201444")
            let global = try await app.testing().sendRequest(
                .GET, "/hooks/meta/leadgen?hub.mode=subscribe&hub.verify_token=global-token&hub.challenge=42")
            #expect(global.body.string == "42")
            let wrong = try await app.testing().sendRequest(
                .GET, "/hooks/meta/leadgen?hub.mode=subscribe&hub.verify_token=nope&hub.challenge=42")
            #expect(wrong.status == .forbidden)
        }
    }

    @Test func aSignedLeadIsFetchedAndBecomesAContactOnce() async throws {
        let graph = try await FakeGraphAPI.start()
        try await graph.server.using {
            try await run(graph) { app in
                let tenant = try await app.makeTenant()
                _ = try await connect(app, tenant)
                // when Meta announces a lead, twice (its retry)
                let first = try await post(app, Self.notification)
                #expect(first.status == .ok)
                #expect(first.json["accepted"] as? Int == 1)
                try await app.runJobs()
                let again = try await post(app, Self.notification)
                #expect(again.json["accepted"] as? Int == 0)
                try await app.runJobs()
                // then one contact from Lead Ads, with the custom answer and the form and ad ids
                let contacts = try await Contact.query(on: app.db).filter(\.$tenantID == tenant.id).all()
                #expect(contacts.count == 1)
                let contact = try #require(contacts.first)
                #expect(contact.source == "lead_ads")
                #expect(contact.firstName == "Joe")
                #expect(contact.email == "joe@example.com")
                #expect(contact.phone == "+5491155551234")
                let metadata = contact.values.metadata
                #expect(metadata["car_make"] == .string("Honda"))
                #expect(metadata["lead_ads_form_id"] == .string("12312312312"))
                #expect(metadata["lead_ads_ad_id"] == .string("12312312312"))
                #expect(await graph.state.calls == 1)
                let leads = try await app.testing().api(.GET, "/api/v1/lead-ads/leads", as: tenant).jsonList
                #expect(leads.map { $0["state"] as? String } == ["fetched"])
                #expect(leads.first?["leadgen_id"] as? String == "123123123123")
                #expect(try await DomainEvent.query(on: app.db).filter(\.$type == "lead.received").count() == 1)
            }
        }
    }

    @Test func idsAsStringsWorkTheSame() async throws {
        let graph = try await FakeGraphAPI.start()
        try await graph.server.using {
            try await run(graph) { app in
                let tenant = try await app.makeTenant()
                _ = try await connect(app, tenant)
                let body =
                    #"{"object":"page","entry":[{"id":"153125381133","time":1438292065,"changes":[{"field":"leadgen","value":{"leadgen_id":"123123123123","page_id":"123123123","form_id":"12312312312","ad_id":"12312312312","created_time":1440120384}}]}]}"#
                #expect(try await post(app, body).json["accepted"] as? Int == 1)
                try await app.runJobs()
                #expect(try await Contact.query(on: app.db).filter(\.$tenantID == tenant.id).count() == 1)
            }
        }
    }

    @Test func aWrongSignatureIsRefusedAndStoresNothing() async throws {
        let graph = try await FakeGraphAPI.start()
        try await graph.server.using {
            try await run(graph) { app in
                let tenant = try await app.makeTenant()
                _ = try await connect(app, tenant)
                let response = try await post(app, Self.notification, secret: "someone-else")
                #expect(response.status == .unauthorized)
                #expect(try await CapturedLead.query(on: app.db).count() == 0)
                let notJSON = try await post(app, "{\"object\":")
                #expect(notJSON.status == .badRequest)
            }
        }
    }

    @Test func aLeadOfAPageNobodyConnectedIsIgnored() async throws {
        let graph = try await FakeGraphAPI.start()
        try await graph.server.using {
            try await run(graph) { app in
                let response = try await post(app, Self.notification)
                #expect(response.status == .ok)
                #expect(response.json["ignored"] as? Int == 1)
                #expect(try await CapturedLead.query(on: app.db).count() == 0)
            }
        }
    }

    @Test func aLeadMetaWillNotGiveIsRetriedThenShownFailedWithMetasError() async throws {
        let graph = try await FakeGraphAPI.start()
        await graph.state.fail(true)
        try await graph.server.using {
            try await run(graph) { app in
                let tenant = try await app.makeTenant()
                _ = try await connect(app, tenant)
                _ = try await post(app, Self.notification)
                // when every attempt is refused
                for _ in 0..<LeadAdsFetchJob.maxAttempts {
                    try await app.runJobs()
                    app.nexo.clock.advance(by: 3 * 3600)
                }
                // then it was asked for each attempt and is failed with Meta's message
                #expect(await graph.state.calls == LeadAdsFetchJob.maxAttempts)
                let leads = try await app.testing().api(.GET, "/api/v1/lead-ads/leads", as: tenant).jsonList
                #expect(leads.first?["state"] as? String == "failed")
                #expect((leads.first?["error"] as? String)?.contains("does not exist") == true)
                #expect(try await Contact.query(on: app.db).filter(\.$tenantID == tenant.id).count() == 0)
                // and once Meta has it, a retry from settings brings it in
                await graph.state.fail(false)
                let browser = try Browser(app)
                _ = try await browser.signIn(tenant.ownerEmail, tenant.ownerPassword)
                let page = try await browser.get("/settings/lead-ads")
                #expect(page.body.string.contains("does not exist"))
                let lead = try #require(try await CapturedLead.query(on: app.db).first())
                #expect(try await browser.post("/settings/lead-ads/leads/\(try lead.requireID())/retry", [:]).status == .seeOther)
                try await app.runJobs()
                #expect(try await Contact.query(on: app.db).filter(\.$tenantID == tenant.id).count() == 1)
            }
        }
    }

    @Test func aPageCanBeConnectedToOneBusinessOnly() async throws {
        try await TestApp.run { app in
            let first = try await app.makeTenant()
            _ = try await connect(app, first)
            let second = try await app.makeTenant(name: "Otra")
            let response = try await app.testing().api(
                .POST, "/api/v1/lead-ads/pages", as: second, json: #"{"page_id":"123123123","access_token":"x"}"#)
            #expect(response.status == .conflict)
            #expect(response.json["existing_id"] == nil)
            let bad = try await app.testing().api(
                .POST, "/api/v1/lead-ads/pages", as: second, json: #"{"page_id":"mi página"}"#)
            #expect(bad.status == .unprocessableEntity)
        }
    }
}
