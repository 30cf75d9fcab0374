import Fluent
import Foundation
import NexoCore
import Testing
import Vapor
import VaporTesting

@testable import NexoServer

@Suite("Outbound webhooks")
struct OutboundWebhooksTests {
    func subscribe(_ app: Application, _ tenant: TestTenant, url: String, events: [String]) async throws -> (
        id: String, secret: String
    ) {
        let types = events.map { "\"\($0)\"" }.joined(separator: ",")
        let response = try await app.testing().api(
            .POST, "/api/v1/webhook-subscriptions", as: tenant, json: #"{"url":"\#(url)","event_types":[\#(types)]}"#)
        #expect(response.status == .created, "\(response.body.string)")
        return (try #require(response.json["id"] as? String), try #require(response.json["secret"] as? String))
    }

    @Test func aSubscribedEventIsPostedSignedWithItsIDAndType() async throws {
        let receiver = try await FakeReceiver.start(statuses: [])
        try await TestApp.run { app in
            // given a subscription to contact.created
            let tenant = try await app.makeTenant()
            let (_, secret) = try await subscribe(app, tenant, url: receiver.url, events: ["contact.created"])
            // when a contact is created and then changed
            let id = try await app.createContact(tenant, #"{"first_name":"Ana","email":"ana@example.com"}"#)
            _ = try await app.testing().api(.PATCH, "/api/v1/contacts/\(id)", as: tenant, json: #"{"company":"Acme"}"#)
            try await app.runAutomations()
            // then exactly the creation was posted, with headers a receiver can check
            let calls = await receiver.requests
            #expect(calls.count == 1)
            let call = try #require(calls.first)
            #expect(call.headers.first(name: "X-Nexo-Event") == "contact.created")
            let signature = try #require(call.headers.first(name: "X-Nexo-Signature"))
            #expect(WebhookSignature.verifies(signature, body: call.body, secret: secret))
            let body = try #require(try JSONSerialization.jsonObject(with: call.body) as? [String: Any])
            #expect(body["type"] as? String == "contact.created")
            #expect(body["id"] as? String == call.headers.first(name: "X-Nexo-Event-Id"))
            #expect((body["data"] as? [String: Any])?["email"] as? String == "ana@example.com")
        }
        await receiver.stop()
    }

    @Test func aFailedDeliveryIsRetriedAndTheLogShowsEachAnswer() async throws {
        let receiver = try await FakeReceiver.start(statuses: [503, 200])
        try await TestApp.run { app in
            let tenant = try await app.makeTenant()
            let (id, _) = try await subscribe(app, tenant, url: receiver.url, events: ["*"])
            _ = try await app.createContact(tenant, #"{"first_name":"Ana"}"#)
            // when the first attempt gets 503
            try await app.runAutomations()
            var log = try await app.testing().api(.GET, "/api/v1/webhook-subscriptions/\(id)/deliveries", as: tenant)
                .jsonList
            #expect(log.first?["state"] as? String == "retrying")
            #expect(log.first?["response_code"] as? Int == 503)
            // then a minute later it is tried again and delivered
            app.nexo.clock.advance(by: 61)
            try await app.runJobs()
            log = try await app.testing().api(.GET, "/api/v1/webhook-subscriptions/\(id)/deliveries", as: tenant).jsonList
            #expect(log.first?["state"] as? String == "delivered")
            #expect(log.first?["attempts"] as? Int == 2)
            #expect(await receiver.requests.count == 2)
        }
        await receiver.stop()
    }

    @Test func aReceiverThatFailsForMoreThanADayIsTurnedOffWithTheReason() async throws {
        let receiver = try await FakeReceiver.start(statuses: Array(repeating: 500, count: 20))
        try await TestApp.run { app in
            let tenant = try await app.makeTenant()
            let (id, _) = try await subscribe(app, tenant, url: receiver.url, events: ["contact.created"])
            let start = app.nexo.clock.now
            _ = try await app.createContact(tenant, #"{"first_name":"Ana"}"#)
            try await app.runAutomations()
            // when every attempt fails, as each retry falls due
            for _ in 0..<WebhookSubscriptionDeliveryJob.maxAttempts {
                app.nexo.clock.advance(by: 8 * 3600 + 1)
                try await app.runJobs()
            }
            // then the delivery failed after more than 24 hours of attempts, and the subscription is off with why
            let delivery = try #require(try await WebhookSubscriptionDelivery.query(on: app.db).first())
            #expect(delivery.state == .failed)
            #expect(delivery.attempts == WebhookSubscriptionDeliveryJob.maxAttempts)
            let retrySpan = WebhookSubscriptionDeliveryJob.retryDelays.reduce(0, +)
            #expect(retrySpan > 24 * 3600)
            #expect(try #require(delivery.lastAttemptAt).timeIntervalSince(start) > 24 * 3600)
            let subscription = try await app.testing().api(.GET, "/api/v1/webhook-subscriptions/\(id)", as: tenant)
            #expect(subscription.json["enabled"] as? Bool == false)
            #expect((subscription.json["disabled_reason"] as? String)?.contains("500") == true)
            // and a later event sends nothing
            let before = await receiver.requests.count
            _ = try await app.createContact(tenant, #"{"first_name":"Luis"}"#)
            try await app.runAutomations()
            #expect(await receiver.requests.count == before)
            // and the settings page says so
            let browser = try Browser(app)
            _ = try await browser.signIn(tenant.ownerEmail, tenant.ownerPassword)
            let page = try await browser.get("/settings/outbound-webhooks")
            #expect(page.body.string.contains("Nexo apagó"))
        }
        await receiver.stop()
    }

    @Test func a410GoneTurnsTheSubscriptionOffAtOnce() async throws {
        let receiver = try await FakeReceiver.start(statuses: [410])
        try await TestApp.run { app in
            let tenant = try await app.makeTenant()
            let (id, _) = try await subscribe(app, tenant, url: receiver.url, events: ["contact.created"])
            _ = try await app.createContact(tenant, #"{"first_name":"Ana"}"#)
            try await app.runAutomations()
            let subscription = try await app.testing().api(.GET, "/api/v1/webhook-subscriptions/\(id)", as: tenant)
            #expect(subscription.json["enabled"] as? Bool == false)
            // when the owner turns it on again, the reason is cleared
            let on = try await app.testing().api(
                .PATCH, "/api/v1/webhook-subscriptions/\(id)", as: tenant, json: #"{"enabled":true}"#)
            #expect(on.json["enabled"] as? Bool == true)
            #expect(on.json["disabled_reason"] == nil)
        }
        await receiver.stop()
    }

    @Test func aWrongURLOrUnknownEventIsA422() async throws {
        try await TestApp.run { app in
            let tenant = try await app.makeTenant()
            let badURL = try await app.testing().api(
                .POST, "/api/v1/webhook-subscriptions", as: tenant,
                json: #"{"url":"ftp://example.com","event_types":["contact.created"]}"#)
            #expect(badURL.status == .unprocessableEntity)
            #expect(badURL.body.string.contains("url"))
            let badEvent = try await app.testing().api(
                .POST, "/api/v1/webhook-subscriptions", as: tenant,
                json: #"{"url":"https://example.com/h","event_types":["contact.exploded"]}"#)
            #expect(badEvent.status == .unprocessableEntity)
            #expect(badEvent.body.string.contains("contact.exploded"))
            let none = try await app.testing().api(
                .POST, "/api/v1/webhook-subscriptions", as: tenant, json: #"{"url":"https://example.com/h"}"#)
            #expect(none.status == .unprocessableEntity)
        }
    }

    @Test func aWebhookReceivedEventReachesSubscribersWithThePayload() async throws {
        let receiver = try await FakeReceiver.start(statuses: [])
        try await TestApp.run { app in
            let tenant = try await app.makeTenant()
            _ = try await subscribe(app, tenant, url: receiver.url, events: ["webhook.received"])
            let source = try await app.makeSource(tenant)
            _ = try await app.deliver(source, #"{"email":"zoe@example.com","order":"A-9"}"#)
            try await app.runAutomations()
            let calls = await receiver.requests
            #expect(calls.count == 1)
            let call = try #require(calls.first)
            let body = try #require(try JSONSerialization.jsonObject(with: call.body) as? [String: Any])
            let data = try #require(body["data"] as? [String: Any])
            #expect((data["payload"] as? [String: Any])?["order"] as? String == "A-9")
        }
        await receiver.stop()
    }
}
