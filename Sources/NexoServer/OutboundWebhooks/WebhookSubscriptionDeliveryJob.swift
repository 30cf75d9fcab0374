import Fluent
import Foundation
import NIOCore
import Vapor

/// Sends one event to one subscriber: a POST of the stored JSON body, signed (`X-Nexo-Signature`, see
/// `WebhookSignature`), with the event's id and type in headers. A 2xx is delivered; anything else is tried again
/// on `retryDelays` — more than 24 hours in all — and then the delivery fails and the subscription is turned off
/// with the reason. A 410 Gone turns it off at once.
struct WebhookSubscriptionDeliveryJob: JobHandler {
    static let kind = "webhooks.deliver"
    var kind: String { Self.kind }
    var timeout: Duration { .seconds(30) }

    /// Seconds to wait after each failed attempt: 1 min, 5 min, 15 min, 30 min, 1 h, 2 h, 4 h, 8 h, 8 h, 2 h
    /// (25 h 51 min from the first attempt to the last).
    static let retryDelays = [60, 300, 900, 1800, 3600, 7200, 14_400, 28_800, 28_800, 7200]
    static var maxAttempts: Int { retryDelays.count + 1 }

    struct Payload: Decodable { let delivery_id: UUID }

    func run(_ job: ClaimedJob, app: Application) async throws {
        let id = try job.decode(Payload.self).delivery_id
        guard
            let delivery = try await WebhookSubscriptionDelivery.query(on: app.db).filter(\.$id == id)
                .filter(\.$tenantID == job.tenantID).first(),
            [.pending, .retrying].contains(delivery.state),
            let subscription = try await WebhookSubscription.query(on: app.db).filter(\.$id == delivery.subscriptionID)
                .filter(\.$tenantID == job.tenantID).first()
        else { return }
        let now = app.nexo.clock.now
        guard subscription.enabled else {
            delivery.state = .skipped
            delivery.error = "The subscription was off."
            try await delivery.update(on: app.db)
            return
        }
        delivery.attempts = job.attempts
        delivery.lastAttemptAt = now

        let failure: String
        var gone = false
        do {
            let status = try await send(delivery, to: subscription, app: app, now: now)
            if (200..<300).contains(status) {
                delivery.state = .delivered
                delivery.deliveredAt = now
                delivery.nextAttemptAt = nil
                delivery.error = nil
                subscription.lastSuccessAt = now
                try await app.db.writeTransaction { tx in
                    try await delivery.update(on: tx)
                    try await subscription.update(on: tx)
                }
                return
            }
            gone = status == 410
            failure = "The receiver answered \(status)."
        } catch let refused as Refused {
            failure = refused.reason
            gone = true
        } catch let unreachable as Unreachable {
            failure = "The receiver could not be reached: \(unreachable.reason)."
        } catch {
            failure = "The receiver could not be reached: \(error.localizedDescription)"
        }

        delivery.error = failure
        subscription.lastFailureAt = now
        let lastAttempt = gone || job.attempts >= Self.maxAttempts
        let delay = Self.retryDelays[max(1, min(job.attempts, Self.retryDelays.count)) - 1]
        if lastAttempt {
            delivery.state = .failed
            delivery.nextAttemptAt = nil
            subscription.enabled = false
            subscription.disabledAt = now
            subscription.disabledReason =
                gone
                ? failure
                : "Every attempt to deliver an event failed for more than 24 hours. Last error: \(failure)"
        } else {
            delivery.state = .retrying
            delivery.nextAttemptAt = now.addingTimeInterval(TimeInterval(delay))
        }
        try await app.db.writeTransaction { tx in
            try await delivery.update(on: tx)
            try await subscription.update(on: tx)
        }
        if lastAttempt { throw JobFailure.permanent(failure) }
        throw JobFailure.temporary(failure, after: .seconds(delay))
    }

    private struct Refused: Error { let reason: String }
    private struct Unreachable: Error { let reason: String }

    /// POSTs the body; returns the status code and keeps the start of the answer on the delivery.
    private func send(
        _ delivery: WebhookSubscriptionDelivery, to subscription: WebhookSubscription, app: Application, now: Date
    ) async throws -> UInt {
        guard let host = URI(string: subscription.url).host else { throw Refused(reason: "The URL has no host.") }
        switch await OutboundAddress.check(host, allowPrivate: app.nexo.settings.allowPrivateNetwork) {
        case .refused(let reason): throw Refused(reason: "The URL is not allowed: \(reason).")
        case .unresolvable(let reason): throw Unreachable(reason: reason)
        case .allowed: break
        }
        let body = Data(delivery.body.utf8)
        let secret = try app.nexo.secrets.open(subscription.secret)
        let timestamp = String(Int(now.timeIntervalSince1970))
        var headers = HTTPHeaders()
        headers.contentType = .json
        headers.add(name: "User-Agent", value: "Nexo-Webhooks/1")
        headers.add(name: "X-Nexo-Event", value: delivery.eventType)
        headers.add(name: "X-Nexo-Event-Id", value: delivery.eventID.uuidString)
        headers.add(name: "X-Nexo-Delivery", value: try delivery.requireID().uuidString)
        headers.add(name: "X-Nexo-Timestamp", value: timestamp)
        headers.add(
            name: "X-Nexo-Signature", value: WebhookSignature.nexoHeader(secret: secret, timestamp: timestamp, body: body))
        let response = try await app.client.post(URI(string: subscription.url), headers: headers) { request in
            request.body = ByteBuffer(data: body)
            request.timeout = .seconds(15)
        }
        delivery.responseCode = Int(response.status.code)
        delivery.responseExcerpt = response.body.map { String(decoding: Data(buffer: $0).prefix(500), as: UTF8.self) }
        return response.status.code
    }
}
