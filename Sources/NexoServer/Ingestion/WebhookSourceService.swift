import Fluent
import Foundation
import NexoCore
import Vapor

/// Creating, changing and trying out webhook sources, for the API and the settings page alike. Every change is
/// audited; the secret is shown only when it is made (and on the page, on demand).
struct WebhookSourceService: Sendable {
    let req: Request
    let context: TenantContext

    var db: any Database { req.db }

    /// What a source is asked to be: a name, on/off and a mapping (all optional on update).
    struct Changes: Sendable {
        var name: String?
        var enabled: Bool?
        var mapping: WebhookMapping?
    }

    /// The result of trying a payload against a source's mapping without storing it.
    struct TestResult: Content, Sendable {
        /// accepted, ignored or rejected.
        var result: String
        var eventID: String?
        var fields: [WebhookFieldMapping]
        /// The contact's values as the delivery would store them.
        var contact: [String: JSONValue]?
        /// The contact it would update, when one matches by e-mail or phone.
        var matchesContactID: UUID?
        var reason: String?
        var problems: [ImportProblem]

        enum CodingKeys: String, CodingKey {
            case result, fields, contact, reason, problems
            case eventID = "event_id"
            case matchesContactID = "matches_contact_id"
        }
    }

    static let maxNameLength = 60

    func create(_ changes: Changes) async throws -> (source: WebhookSource, secret: String) {
        let name = try validName(changes.name)
        let mapping = changes.mapping ?? WebhookMapping(fields: [], idPath: nil, filter: nil)
        try validate(mapping)
        try await requireUnique(name, excluding: nil)
        let secret = WebhookSource.newSecret()
        let source = WebhookSource(
            tenantID: context.tenantID, name: name, token: WebhookSource.newToken(),
            sealedSecret: try req.nexo.secrets.seal(secret), mapping: mapping, now: req.nexo.clock.now)
        if let enabled = changes.enabled { source.enabled = enabled }
        try await Self.conflictIfTaken(name) {
            try await db.writeTransaction { tx in
                try await source.create(on: tx)
                try await AuditLog.record(
                    "webhook_source.created", context: context, entityType: "webhook_source", entityID: source.id?.uuidString,
                    details: ["name": name], request: req, on: tx)
            }
        }
        return (source, secret)
    }

    func update(_ source: WebhookSource, with changes: Changes) async throws {
        if let name = changes.name {
            let valid = try validName(name)
            try await requireUnique(valid, excluding: source.id)
            source.name = valid
        }
        if let mapping = changes.mapping {
            try validate(mapping)
            source.mapping = mapping
        }
        if let enabled = changes.enabled { source.enabled = enabled }
        source.updatedAt = req.nexo.clock.now
        try await Self.conflictIfTaken(source.name) {
            try await db.writeTransaction { tx in
                try await source.update(on: tx)
                try await AuditLog.record(
                    "webhook_source.updated", context: context, entityType: "webhook_source",
                    entityID: source.id?.uuidString,
                    details: ["name": source.name, "enabled": String(source.enabled)], request: req, on: tx)
            }
        }
    }

    /// A new secret; the old one stops working at once.
    func rotateSecret(of source: WebhookSource) async throws -> String {
        let secret = WebhookSource.newSecret()
        source.secret = try req.nexo.secrets.seal(secret)
        source.updatedAt = req.nexo.clock.now
        try await db.writeTransaction { tx in
            try await source.update(on: tx)
            try await AuditLog.record(
                "webhook_source.secret_rotated", context: context, entityType: "webhook_source",
                entityID: source.id?.uuidString, details: ["name": source.name], request: req, on: tx)
        }
        return secret
    }

    /// The secret in clear, for the page's "show"; audited, since it lets anyone send data in.
    func revealSecret(of source: WebhookSource) async throws -> String {
        try await AuditLog.record(
            "webhook_source.secret_revealed", context: context, entityType: "webhook_source",
            entityID: source.id?.uuidString, details: ["name": source.name], request: req)
        return try req.nexo.secrets.open(source.secret)
    }

    func delete(_ source: WebhookSource) async throws {
        try await db.writeTransaction { tx in
            try await WebhookDelivery.query(on: tx).filter(\.$sourceID == source.requireID()).delete()
            try await source.delete(on: tx)
            try await AuditLog.record(
                "webhook_source.deleted", context: context, entityType: "webhook_source", entityID: source.id?.uuidString,
                details: ["name": source.name], request: req, on: tx)
        }
    }

    /// What the source would do with `payload`, stored nowhere.
    func test(_ source: WebhookSource, payload: JSONValue, mapping: WebhookMapping? = nil) async throws -> TestResult {
        let tenant = try await Tenant.find(context.tenantID, on: db)
        let options =
            tenant.map { InboundWebhooks.options(for: $0, now: req.nexo.clock.now) }
            ?? ImportOptions(defaultCountry: context.country)
        let mapping = mapping ?? source.mapping
        switch mapping.evaluate(payload, options: options) {
        case .accepted(let row, let eventID, let fields):
            let keys = row.matchKeys
            let email = keys.compactMap { if case .email(let value) = $0 { value } else { nil } }.first
            let phone = keys.compactMap { if case .phone(let value) = $0 { value } else { nil } }.first
            let match = try await ContactService(db: db, context: context).match(email: email, phoneKey: phone, on: db)
            let values = match.map { row.applied(to: $0.values) } ?? row.newContact(source: "webhook")
            return TestResult(
                result: "accepted", eventID: eventID, fields: fields,
                contact: ContactImportResponse.json(values, tags: match == nil ? row.tags : values.tags),
                matchesContactID: match?.id, reason: nil, problems: [])
        case .filteredOut(let reason):
            return TestResult(
                result: "ignored", eventID: nil, fields: mapping.fields(for: payload), contact: nil, matchesContactID: nil,
                reason: reason, problems: [])
        case .unusable(let problems):
            return TestResult(
                result: "rejected", eventID: nil, fields: mapping.fields(for: payload), contact: nil,
                matchesContactID: nil, reason: nil, problems: problems)
        }
    }

    /// Two requests creating the same name at once: the unique index answers, as a 409 rather than a 500.
    private static func conflictIfTaken(_ name: String, _ write: () async throws -> Void) async throws {
        do {
            try await write()
        } catch let error as any DatabaseError where error.isConstraintFailure {
            throw Problem.conflict("A webhook source named “\(name)” already exists.", existingID: nil, field: "name")
        }
    }

    private func validName(_ raw: String?) throws -> String {
        let name = (raw ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty else {
            throw Problem.validation([FieldError(field: "name", code: "field.required", message: "Give the source a name.")])
        }
        guard name.count <= Self.maxNameLength else {
            throw Problem.validation([
                FieldError(field: "name", code: "field.too_long", message: "At most \(Self.maxNameLength) characters.")
            ])
        }
        return name
    }

    private func validate(_ mapping: WebhookMapping) throws {
        let errors = mapping.validate()
        if !errors.isEmpty { throw Problem.validation(errors) }
    }

    private func requireUnique(_ name: String, excluding id: UUID?) async throws {
        var query = WebhookSource.scoped(to: context, on: db).filter(\.$name == name)
        if let id { query = query.filter(\.$id != id) }
        if let existing = try await query.first() {
            throw Problem.conflict("A webhook source named “\(name)” already exists.", existingID: existing.id, field: "name")
        }
    }
}
