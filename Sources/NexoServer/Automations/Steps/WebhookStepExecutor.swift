import Foundation
import NexoCore
import Vapor

/// `call_webhook`: POSTs the contact and the run as JSON, signed like Stripe's webhooks:
/// `X-Nexo-Signature: t=<unix time>,v1=<hex HMAC-SHA256 of "<t>.<body>">` under the automation's secret.
/// `X-Nexo-Delivery` is the same on every retry, so the receiver can drop repeats.
struct WebhookStepExecutor: StepExecutor {
    var type: String { "call_webhook" }

    func run(_ step: Step, in context: StepContext) async throws -> StepOutcome {
        guard case .callWebhook(let url) = step else { throw JobFailure.permanent("call_webhook cannot run a \(step.type) step") }
        let key = context.effectKey
        if try await Effects.isClaimed(key, tenantID: context.tenantID, on: context.db) {
            return .done(RunNote.text("step.note.webhook_already_delivered", english: "already delivered"))
        }
        guard let host = URI(string: url).host else { throw JobFailure.permanent("webhook URL \(url) has no host") }
        if case .refused(let reason) = await OutboundAddress.check(
            host, allowPrivate: context.app.nexo.settings.allowPrivateNetwork)
        {
            throw JobFailure.permanent("webhook refused: \(reason)")
        }
        let body = try Self.body(context)
        let secret = try context.app.nexo.secrets.open(context.automation.webhookSecret)
        let timestamp = String(Int(context.now.timeIntervalSince1970))
        var headers = HTTPHeaders()
        headers.contentType = .json
        headers.add(name: "User-Agent", value: "Nexo-Webhooks/1")
        headers.add(
            name: "X-Nexo-Signature", value: WebhookSignature.nexoHeader(secret: secret, timestamp: timestamp, body: body))
        headers.add(name: "X-Nexo-Delivery", value: key)
        let response: ClientResponse
        do {
            response = try await context.app.client.post(URI(string: url), headers: headers) { request in
                request.body = ByteBuffer(data: body)
                request.timeout = .seconds(15)
            }
        } catch {
            throw JobFailure.temporary("webhook \(url) could not be reached: \(error.localizedDescription)")
        }
        switch response.status.code {
        case 200..<300:
            _ = try await Effects.claim(key, tenantID: context.tenantID, on: context.db)
            return .done(
                RunNote.text(
                    "step.note.webhook_delivered", [url, String(response.status.code)],
                    english: "POST \(url) → \(response.status.code)"))
        case 408, 425, 429, 500...599:
            throw JobFailure.temporary("webhook \(url) answered \(response.status.code)")
        default:
            throw JobFailure.permanent("webhook \(url) answered \(response.status.code)")
        }
    }

    static func body(_ context: StepContext) throws -> Data {
        struct Body: Encodable {
            let event = "automation.step"
            let automation: [String: String]
            let run: [String: String]
            let contact: ContactResponse
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return try encoder.encode(
            Body(
                automation: ["id": context.automation.id?.uuidString ?? "", "name": context.automation.name],
                run: ["id": context.run.id?.uuidString ?? "", "step": String(context.stepIndex + 1)],
                contact: try ContactResponse(context.contact)))
    }
}
