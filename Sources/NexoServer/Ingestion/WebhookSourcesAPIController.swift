import Fluent
import Foundation
import NexoCore
import Vapor

/// `/api/v1/webhook-sources`: the systems that send contacts in. The secret is in the answer only when a source is
/// created or its secret rotated.
struct WebhookSourcesAPIController {
    func register(on routes: TenantRoutes) {
        routes.get(SiteRoute.api(.webhookSources).pathComponents, use: list)
        routes.post(SiteRoute.api(.webhookSources).pathComponents, use: create)
        routes.get(SiteRoute.api(.webhookSource(.key)).pathComponents, use: get)
        routes.patch(SiteRoute.api(.webhookSource(.key)).pathComponents, use: update)
        routes.delete(SiteRoute.api(.webhookSource(.key)).pathComponents, use: delete)
        routes.post(SiteRoute.api(.webhookSourceRotateSecret(.key)).pathComponents, use: rotate)
        routes.post(SiteRoute.api(.webhookSourceTest(.key)).pathComponents, use: test)
        routes.get(SiteRoute.api(.webhookSourceDeliveries(.key)).pathComponents, use: deliveries)
    }

    @Sendable func list(req: Request, ctx: TenantContext) async throws -> Page<WebhookSourceResponse> {
        try ctx.require(.manageSettings)
        let sources = try await WebhookSource.scoped(to: ctx, on: req.db).sort(\.$name).all()
        return Page(
            data: try sources.map { try WebhookSourceResponse($0, publicURL: req.nexo.settings.publicURL) }, nextCursor: nil)
    }

    @Sendable func create(req: Request, ctx: TenantContext) async throws -> Response {
        try ctx.require(.manageSettings)
        try ctx.requireWritable()
        let changes = try Self.changes(from: try req.jsonObject(), creating: true)
        let (source, secret) = try await WebhookSourceService(req: req, context: ctx).create(changes)
        var response = try WebhookSourceResponse(source, publicURL: req.nexo.settings.publicURL)
        response.secret = secret
        return try await response.encodeResponse(status: .created, for: req)
    }

    @Sendable func get(req: Request, ctx: TenantContext) async throws -> WebhookSourceResponse {
        try ctx.require(.manageSettings)
        let source = try await WebhookSource.findOr404(try req.idParameter(), in: ctx, on: req.db, what: "Webhook source")
        return try WebhookSourceResponse(source, publicURL: req.nexo.settings.publicURL)
    }

    @Sendable func update(req: Request, ctx: TenantContext) async throws -> WebhookSourceResponse {
        try ctx.require(.manageSettings)
        try ctx.requireWritable()
        let source = try await WebhookSource.findOr404(try req.idParameter(), in: ctx, on: req.db, what: "Webhook source")
        let changes = try Self.changes(from: try req.jsonObject(), creating: false)
        try await WebhookSourceService(req: req, context: ctx).update(source, with: changes)
        return try WebhookSourceResponse(source, publicURL: req.nexo.settings.publicURL)
    }

    @Sendable func delete(req: Request, ctx: TenantContext) async throws -> HTTPStatus {
        try ctx.require(.manageSettings)
        try ctx.requireWritable()
        let source = try await WebhookSource.findOr404(try req.idParameter(), in: ctx, on: req.db, what: "Webhook source")
        try await WebhookSourceService(req: req, context: ctx).delete(source)
        return .noContent
    }

    @Sendable func rotate(req: Request, ctx: TenantContext) async throws -> WebhookSourceResponse {
        try ctx.require(.manageSettings)
        try ctx.requireWritable()
        let source = try await WebhookSource.findOr404(try req.idParameter(), in: ctx, on: req.db, what: "Webhook source")
        let secret = try await WebhookSourceService(req: req, context: ctx).rotateSecret(of: source)
        var response = try WebhookSourceResponse(source, publicURL: req.nexo.settings.publicURL)
        response.secret = secret
        return response
    }

    /// The body is the sample payload itself, tried against the source's saved mapping.
    @Sendable func test(req: Request, ctx: TenantContext) async throws -> WebhookSourceService.TestResult {
        try ctx.require(.manageSettings)
        let source = try await WebhookSource.findOr404(try req.idParameter(), in: ctx, on: req.db, what: "Webhook source")
        guard let buffer = req.body.data, buffer.readableBytes > 0 else {
            throw Problem.badRequest("Send a sample payload (JSON) as the body.")
        }
        guard let payload = try? JSONDecoder().decode(JSONValue.self, from: buffer) else {
            throw Problem.badRequest("The sample payload is not valid JSON.")
        }
        return try await WebhookSourceService(req: req, context: ctx).test(source, payload: payload)
    }

    @Sendable func deliveries(req: Request, ctx: TenantContext) async throws -> Page<WebhookDeliveryResponse> {
        try ctx.require(.manageSettings)
        let source = try await WebhookSource.findOr404(try req.idParameter(), in: ctx, on: req.db, what: "Webhook source")
        let rows = try await WebhookDelivery.scoped(to: ctx, on: req.db).filter(\.$sourceID == source.requireID())
            .sort(\.$receivedAt, .descending).limit(InboundWebhooks.keptDeliveries).all()
        return Page(data: try rows.map(WebhookDeliveryResponse.init), nextCursor: nil)
    }

    /// Reads `name`, `enabled` and `mapping` from a JSON body; anything else, or a wrong type, is a 422 naming it.
    static func changes(from body: [String: JSONValue], creating: Bool) throws -> WebhookSourceService.Changes {
        var changes = WebhookSourceService.Changes()
        var errors: [FieldError] = []
        for (key, value) in body.sorted(by: { $0.key < $1.key }) {
            switch (key, value) {
            case ("name", .string(let name)): changes.name = name
            case ("enabled", .bool(let enabled)): changes.enabled = enabled
            case ("mapping", .null): changes.mapping = WebhookMapping(fields: [], idPath: nil, filter: nil)
            case ("mapping", .object(let object)):
                errors += Self.unknownKeys(in: object)
                do {
                    changes.mapping = try JSONDecoder().decode(WebhookMapping.self, from: Data(value.jsonText.utf8))
                } catch {
                    errors.append(FieldError(field: "mapping", code: "mapping.invalid", message: Self.describe(error)))
                }
            case ("name", _): errors.append(FieldError(field: "name", code: "field.type", message: "name is a string."))
            case ("enabled", _):
                errors.append(FieldError(field: "enabled", code: "field.type", message: "enabled is true or false."))
            case ("mapping", _):
                errors.append(
                    FieldError(
                        field: "mapping", code: "field.type",
                        message: "mapping is an object: {\"fields\": [{\"path\", \"field\"}], \"id_path\", \"filter\"}."))
            default:
                errors.append(
                    FieldError(field: key, code: "field.unknown", message: "\(key) is not a field of a webhook source."))
            }
        }
        if creating, changes.name == nil, !errors.contains(where: { $0.field == "name" }) {
            errors.append(FieldError(field: "name", code: "field.required", message: "Give the source a name."))
        }
        if !errors.isEmpty { throw Problem.validation(errors) }
        return changes
    }

    /// Keys a mapping does not have: a typo such as `idPath` would otherwise switch a feature off unnoticed.
    static func unknownKeys(in mapping: [String: JSONValue]) -> [FieldError] {
        func unknown(_ object: [String: JSONValue], allowed: Set<String>, at path: String) -> [FieldError] {
            object.keys.sorted().filter { !allowed.contains($0) }.map {
                FieldError(
                    field: "\(path).\($0)", code: "field.unknown",
                    message: "\($0) is not a key of \(path); expected \(allowed.sorted().joined(separator: ", ")).")
            }
        }
        var errors = unknown(mapping, allowed: ["fields", "id_path", "filter"], at: "mapping")
        if case .array(let fields) = mapping["fields"] {
            for (index, field) in fields.enumerated() {
                if case .object(let object) = field {
                    errors += unknown(object, allowed: ["path", "field"], at: "mapping.fields[\(index)]")
                }
            }
        }
        if case .object(let filter) = mapping["filter"] {
            errors += unknown(filter, allowed: ["path", "op", "value"], at: "mapping.filter")
        }
        return errors
    }

    /// A decoding error as a person reads it: the failing key path and what was wrong.
    static func describe(_ error: any Error) -> String {
        guard let decoding = error as? DecodingError else { return String(describing: error) }
        func path(_ keys: [any CodingKey]) -> String {
            keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined().trimmingCharacters(in: ["."])
        }
        switch decoding {
        case .dataCorrupted(let context), .typeMismatch(_, let context), .valueNotFound(_, let context):
            let at = path(context.codingPath)
            return (at.isEmpty ? "" : "mapping.\(at): ") + context.debugDescription
        case .keyNotFound(let key, let context):
            let at = path(context.codingPath + [key])
            return "mapping.\(at) is missing."
        @unknown default:
            return String(describing: error)
        }
    }
}
