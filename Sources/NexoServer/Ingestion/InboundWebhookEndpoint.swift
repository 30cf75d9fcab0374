import Fluent
import Foundation
import NexoCore
import Vapor

/// `POST /hooks/in/{token}`: where other systems send contacts. The request is authenticated with the source's
/// secret (as a header, or as an HMAC-SHA256 signature of the raw body), checked against the mapping, stored and
/// answered; turning it into a contact is a job. Every request is logged, refused ones included.
enum InboundWebhookEndpoint {
    /// Headers that carry the secret itself.
    static let secretHeaders = ["X-Nexo-Secret", "X-Webhook-Secret", "X-Api-Key"]
    /// Headers that carry an HMAC-SHA256 of the body, in the forms their senders use (see `WebhookSignature`).
    static let signatureHeaders = [
        "X-Nexo-Signature", "X-Hub-Signature-256", "X-Signature-256", "X-Webhook-Signature", "X-Signature",
        "X-Shopify-Hmac-Sha256", "X-WC-Webhook-Signature",
    ]

    static func register(on app: Application) {
        app.on(.POST, SiteRoute.hookInbound(token: .key).pathComponents, body: .stream) { req async throws -> Response in
            try await receive(req)
        }
    }

    static func receive(_ req: Request) async throws -> Response {
        let token = req.parameters.get("token") ?? ""
        guard let source = try await WebhookSource.query(on: req.db).filter(\.$token == token).first(),
            let sourceID = source.id
        else { throw Problem.notFound("Webhook source") }
        let now = req.nexo.clock.now
        let limit = req.nexo.settings.webhookMaxBody

        // The body, up to the limit; a bigger one is logged without it.
        var body = ByteBuffer()
        var size = 0
        var tooLarge = (req.headers.first(name: .contentLength).flatMap(Int.init) ?? 0) > limit
        if !tooLarge {
            for try await chunk in req.body {
                size += chunk.readableBytes
                if size > limit {
                    tooLarge = true
                    break
                }
                var chunk = chunk
                body.writeBuffer(&chunk)
            }
        }
        if tooLarge {
            size = max(size, req.headers.first(name: .contentLength).flatMap(Int.init) ?? 0)
            return try await refuse(
                source, at: now, size: size, payload: nil, req: req,
                Problem(
                    status: .payloadTooLarge, title: "Payload too large",
                    detail: "The body is larger than \(limit / 1024) KB, the most a webhook accepts.", code: "too_large"))
        }
        let data = Data(buffer: body)
        let text = String(decoding: data, as: UTF8.self)

        guard authenticated(req, body: data, secret: try req.nexo.secrets.open(source.secret), now: now) else {
            return try await refuse(
                source, at: now, size: size, payload: text, req: req,
                Problem(
                    status: .unauthorized, title: "Unauthorized",
                    detail: "Send the source's secret in X-Nexo-Secret, or an HMAC-SHA256 of the body in "
                        + "X-Nexo-Signature (or X-Hub-Signature-256).", code: "webhook_unauthorized"))
        }
        guard source.enabled else {
            return try await refuse(
                source, at: now, size: size, payload: text, req: req,
                Problem.forbidden("This webhook source is turned off.", code: "webhook_disabled"))
        }
        guard let tenant = try await Tenant.find(source.tenantID, on: req.db), !tenant.status.isReadOnly else {
            return try await refuse(
                source, at: now, size: size, payload: text, req: req,
                Problem.forbidden("This business is suspended and accepts no data.", code: "tenant_suspended"))
        }
        guard let payload = try? JSONDecoder().decode(JSONValue.self, from: data) else {
            return try await refuse(
                source, at: now, size: size, payload: text, req: req,
                Problem.badRequest("The body is not valid JSON."))
        }

        let delivery = WebhookDelivery(
            tenantID: source.tenantID, sourceID: sourceID, receivedAt: now, sizeBytes: size, payload: text)
        let outcome = source.mapping.evaluate(payload, options: InboundWebhooks.options(for: tenant, now: now))
        var response: (status: HTTPResponseStatus, problem: Problem?)
        switch outcome {
        case .accepted(_, let eventID, _):
            delivery.eventID = eventID
            response = (.accepted, nil)
        case .filteredOut(let reason):
            delivery.state = .ignored
            delivery.error = reason
            delivery.errorCode = "webhook.filtered"
            delivery.processedAt = now
            response = (.ok, nil)
        case .unusable(let problems):
            delivery.reject(problems)
            delivery.processedAt = now
            response = (
                .unprocessableEntity,
                Problem(
                    status: .unprocessableEntity, title: "Validation failed",
                    detail: problems.map(\.message).joined(separator: " "),
                    errors: problems.map { FieldError(field: $0.column ?? "payload", code: $0.code, message: $0.message) },
                    code: "validation")
            )
        }
        delivery.statusCode = Int(response.status.code)
        try await req.db.writeTransaction { tx in
            try await delivery.create(on: tx)
            source.lastReceivedAt = now
            try await source.update(on: tx)
            if delivery.state == .queued {
                let id = try delivery.requireID()
                try await req.nexo.jobQueue(on: tx).enqueue(
                    try NewJob(
                        kind: WebhookDeliveryJob.kind, tenantID: source.tenantID, payload: ["delivery_id": id],
                        priority: 5, maxAttempts: 8, idempotencyKey: "webhook-delivery:\(id.uuidString)"),
                    now: now)
            }
        }
        if let problem = response.problem { throw problem }
        struct Receipt: Content {
            let id: UUID?
            let status: String
        }
        return try await Receipt(id: delivery.id, status: delivery.state.rawValue)
            .encodeResponse(status: response.status, for: req)
    }

    /// The secret in one of `secretHeaders` or `Authorization: Bearer`, or a valid signature in one of
    /// `signatureHeaders`.
    static func authenticated(_ req: Request, body: Data, secret: String, now: Date) -> Bool {
        var offered = secretHeaders.compactMap { req.headers.first(name: $0) }
        if let bearer = req.headers.bearerAuthorization?.token { offered.append(bearer) }
        if offered.contains(where: { SecretToken.constantTimeEquals($0, secret) }) { return true }
        return signatureHeaders.compactMap { req.headers.first(name: $0) }.contains {
            WebhookSignature.verifies($0, body: body, secret: secret, now: now)
        }
    }

    /// Logs a refused request with the answer given, and gives that answer.
    private static func refuse(
        _ source: WebhookSource, at now: Date, size: Int, payload: String?, req: Request, _ problem: Problem
    ) async throws -> Response {
        let delivery = WebhookDelivery(
            tenantID: source.tenantID, sourceID: try source.requireID(), receivedAt: now, sizeBytes: size, payload: payload)
        delivery.state = .refused
        delivery.statusCode = Int(problem.status.code)
        delivery.error = problem.detail
        delivery.errorCode = "webhook.\(problem.code)"
        delivery.processedAt = now
        try await req.db.writeTransaction { tx in try await delivery.create(on: tx) }
        throw problem
    }
}
