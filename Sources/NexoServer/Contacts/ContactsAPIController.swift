import Fluent
import Foundation
import NexoCore
import Vapor

/// `/api/v1/contacts…`: the contact base for other systems, following DESIGN.md's API conventions.
struct ContactsAPIController: Sendable {
    func register(on routes: TenantRoutes) {
        routes.get(SiteRoute.api(.contacts).pathComponents, use: list)
        routes.post(SiteRoute.api(.contacts).pathComponents, use: create)
        routes.post(SiteRoute.api(.contactsUpsert).pathComponents, use: upsert)
        routes.on(.GET, SiteRoute.api(.contactsExport).pathComponents, body: .stream, use: export)
        routes.get(SiteRoute.api(.contact(.key)).pathComponents, use: get)
        routes.patch(SiteRoute.api(.contact(.key)).pathComponents, use: update)
        routes.delete(SiteRoute.api(.contact(.key)).pathComponents, use: delete)
        routes.post(SiteRoute.api(.contactTags(.key)).pathComponents, use: addTags)
        routes.delete(SiteRoute.api(.contactTag(.key, tag: .key)).pathComponents, use: removeTag)
        routes.get(SiteRoute.api(.contactInteractions(.key)).pathComponents, use: interactions)
        routes.post(SiteRoute.api(.contactNotes(.key)).pathComponents, use: addNote)
    }

    @Sendable func list(req: Request, ctx: TenantContext) async throws -> Page<ContactResponse> {
        let filter = try ContactFilter(from: req.query)
        let page = try PageRequest(from: req.query)
        let result = try await ContactQueries(db: req.db, context: ctx).list(filter, page: page)
        return Page(data: try result.contacts.map(ContactResponse.init), nextCursor: result.next?.encoded)
    }

    @Sendable func get(req: Request, ctx: TenantContext) async throws -> ContactResponse {
        try ContactResponse(try await Contact.findOr404(try req.idParameter(), in: ctx, on: req.db, what: "Contact"))
    }

    @Sendable func create(req: Request, ctx: TenantContext) async throws -> Response {
        let input = try ContactInput.fromJSON(try req.jsonObject())
        return try await IdempotentRequest.run(req, ctx) {
            let contact = try await ContactService(db: req.db, context: ctx).create(input, defaultSource: "api")
            return try await ContactResponse(contact).encodeResponse(status: .created, for: req)
        }
    }

    @Sendable func upsert(req: Request, ctx: TenantContext) async throws -> Response {
        let input = try ContactInput.fromJSON(try req.jsonObject())
        let result = try await ContactService(db: req.db, context: ctx).upsert(input, defaultSource: "api")
        return try await ContactResponse(result.contact).encodeResponse(status: result.created ? .created : .ok, for: req)
    }

    @Sendable func update(req: Request, ctx: TenantContext) async throws -> ContactResponse {
        let id = try req.idParameter()
        let input = try ContactInput.fromJSON(try req.jsonObject())
        return try ContactResponse(try await ContactService(db: req.db, context: ctx).update(id: id, with: input))
    }

    @Sendable func delete(req: Request, ctx: TenantContext) async throws -> HTTPStatus {
        try await ContactService(db: req.db, context: ctx).erase(id: try req.idParameter(), request: req)
        return .noContent
    }

    @Sendable func addTags(req: Request, ctx: TenantContext) async throws -> ContactResponse {
        let id = try req.idParameter()
        guard case .array(let items) = try req.jsonObject()["tags"] else {
            throw ValidationFailure([FieldError(field: "tags", code: "field.type", message: "Send {\"tags\": [\"…\"]}.")])
        }
        let tags = try items.map { item -> String in
            guard case .string(let tag) = item else {
                throw ValidationFailure([FieldError(field: "tags", code: "field.type", message: "Must be an array of strings.")])
            }
            return tag
        }
        return try ContactResponse(try await ContactService(db: req.db, context: ctx).addTags(id: id, tags))
    }

    @Sendable func removeTag(req: Request, ctx: TenantContext) async throws -> ContactResponse {
        let id = try req.idParameter()
        let tag = req.parameters.get("tag")?.removingPercentEncoding ?? ""
        return try ContactResponse(try await ContactService(db: req.db, context: ctx).removeTag(id: id, tag))
    }

    @Sendable func interactions(req: Request, ctx: TenantContext) async throws -> Page<InteractionResponse> {
        let contact = try await Contact.findOr404(try req.idParameter(), in: ctx, on: req.db, what: "Contact")
        let page = try PageRequest(from: req.query)
        let result = try await ContactQueries(db: req.db, context: ctx).interactions(
            contactID: try contact.requireID(), page: page)
        return Page(data: try result.items.map(InteractionResponse.init), nextCursor: result.next?.encoded)
    }

    @Sendable func addNote(req: Request, ctx: TenantContext) async throws -> Response {
        let id = try req.idParameter()
        guard case .string(let text) = try req.jsonObject()["text"] else {
            throw ValidationFailure([FieldError(field: "text", code: "field.type", message: "Send {\"text\": \"…\"}.")])
        }
        let note = try await ContactService(db: req.db, context: ctx).addNote(id: id, text: text)
        return try await InteractionResponse(note).encodeResponse(status: .created, for: req)
    }

    @Sendable func export(req: Request, ctx: TenantContext) async throws -> Response {
        try ctx.require(.exportContacts)
        return try await ContactExport(db: req.db, context: ctx).response(for: req, filter: try ContactFilter(from: req.query))
    }
}

struct InteractionResponse: Content, Sendable {
    var id: UUID
    var contactID: UUID
    var type: String
    var channel: String
    var summary: String
    var data: JSONValue
    var actor: String?
    var occurredAt: Date

    enum CodingKeys: String, CodingKey {
        case id, type, channel, summary, data, actor
        case contactID = "contact_id"
        case occurredAt = "occurred_at"
    }

    init(_ interaction: Interaction) throws {
        id = try interaction.requireID()
        contactID = interaction.contactID
        type = interaction.type
        channel = interaction.channel
        summary = interaction.summary
        data = JSONValue.parse(interaction.data) ?? .object([:])
        actor = interaction.actorLabel
        occurredAt = interaction.occurredAt
    }
}

extension Request {
    /// The `:id` path parameter; anything that is not a UUID is simply not found.
    func idParameter(_ name: String = "id") throws -> UUID {
        guard let raw = parameters.get(name), let id = UUID(uuidString: raw) else { throw Problem.notFound() }
        return id
    }

    /// The body as a JSON object, with a 400 that says what is wrong when it is not one.
    func jsonObject() throws -> [String: JSONValue] {
        guard let buffer = body.data, buffer.readableBytes > 0 else {
            throw Problem.badRequest("The request body is empty; send a JSON object.")
        }
        guard let value = try? JSONDecoder().decode(JSONValue.self, from: buffer) else {
            throw Problem.badRequest("The request body is not valid JSON.")
        }
        guard case .object(let object) = value else { throw Problem.badRequest("The request body must be a JSON object.") }
        return object
    }
}
