import Fluent
import Foundation
import NexoCore
import SQLKit
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

    /// What a delivery needs of its source and business, read in one query: this is the hot path of every system
    /// that sends Nexo data, so it goes through SQLKit rather than two Fluent models.
    struct Target: Decodable {
        let id: UUID
        let tenantID: UUID
        let secret: String
        let mapping: String
        let enabled: Bool
        let lastReceivedAt: Date?
        let country: String
        let status: TenantStatus

        enum CodingKeys: String, CodingKey {
            case id, secret, mapping, enabled, country, status
            case tenantID = "tenant_id"
            case lastReceivedAt = "last_received_at"
        }

        var mappingValue: WebhookMapping {
            (try? JSONDecoder().decode(WebhookMapping.self, from: Data(mapping.utf8))) ?? WebhookMapping()
        }
    }

    static func receive(_ req: Request) async throws -> Response {
        let token = req.parameters.get("token") ?? ""
        guard
            let source = try await req.db.sql.select()
                .columns(
                    SQLColumn("id", table: "s"), SQLColumn("tenant_id", table: "s"), SQLColumn("secret", table: "s"),
                    SQLColumn("mapping", table: "s"), SQLColumn("enabled", table: "s"),
                    SQLColumn("last_received_at", table: "s"), SQLColumn("country", table: "t"),
                    SQLColumn("status", table: "t")
                )
                .from(SQLAlias(SQLIdentifier(WebhookSource.schema), as: SQLIdentifier("s")))
                .join(
                    SQLAlias(SQLIdentifier(Tenant.schema), as: SQLIdentifier("t")), method: SQLJoinMethod.inner,
                    on: SQLColumn("id", table: "t"), .equal, SQLColumn("tenant_id", table: "s")
                )
                .where(SQLColumn("token", table: "s"), .equal, SQLBind(token))
                .first(decoding: Target.self)
        else { throw Problem.notFound("Webhook source") }
        let sourceID = source.id
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
        guard !source.status.isReadOnly, source.status != .banned else {
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
        let outcome = source.mappingValue.evaluate(
            payload, options: InboundWebhooks.options(country: source.country, now: now))
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
        let deliveryID = UUID()
        delivery.id = deliveryID
        try await req.db.writeTransaction { tx in
            try await Self.insert(delivery, on: tx)
            // The source's "last received" is for people: once a minute is enough, and saves a write per delivery.
            if source.lastReceivedAt.map({ now.timeIntervalSince($0) > 60 }) ?? true {
                try await tx.sql.update(WebhookSource.schema).set("last_received_at", to: SQLBind(now))
                    .where("id", .equal, SQLBind(sourceID)).run()
            }
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
        return try await Receipt(id: deliveryID, status: delivery.state.rawValue)
            .encodeResponse(status: response.status, for: req)
    }

    /// One delivery row, written with SQLKit (see `Target`).
    static func insert(_ delivery: WebhookDelivery, on db: any Database) async throws {
        try await db.sql.insert(into: WebhookDelivery.schema)
            .columns(
                "id", "tenant_id", "source_id", "received_at", "state", "status_code", "size_bytes", "payload", "event_id",
                "contact_id", "outcome", "error", "error_code", "problems", "processed_at"
            )
            .values(
                SQLBind(try delivery.requireID()), SQLBind(delivery.tenantID), SQLBind(delivery.sourceID),
                SQLBind(delivery.receivedAt), SQLBind(delivery.state.rawValue), SQLBind(delivery.statusCode),
                SQLBind(delivery.sizeBytes), SQLBind(delivery.payload), SQLBind(delivery.eventID),
                SQLBind(delivery.contactID), SQLBind(delivery.outcome), SQLBind(delivery.error), SQLBind(delivery.errorCode),
                SQLBind(delivery.problemsJSON), SQLBind(delivery.processedAt)
            )
            .run()
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
        _ source: Target, at now: Date, size: Int, payload: String?, req: Request, _ problem: Problem
    ) async throws -> Response {
        let delivery = WebhookDelivery(
            tenantID: source.tenantID, sourceID: source.id, receivedAt: now, sizeBytes: size, payload: payload)
        delivery.id = UUID()
        delivery.state = .refused
        delivery.statusCode = Int(problem.status.code)
        delivery.error = problem.detail
        delivery.errorCode = "webhook.\(problem.code)"
        delivery.processedAt = now
        try await req.db.writeTransaction { tx in try await Self.insert(delivery, on: tx) }
        throw problem
    }
}
