import Fluent
import Foundation
import NexoCore
import SQLKit
import Vapor

/// Everything that changes contacts goes through here: validation, uniqueness per tenant, tags, the timeline,
/// domain events and the audit log, each write in one transaction.
struct ContactService: Sendable {
    let db: any Database
    let context: TenantContext

    struct Created: Sendable {
        let contact: Contact
        let created: Bool
    }

    func create(_ input: ContactInput, defaultSource: String) async throws -> Contact {
        let changes = try input.validate(defaultCountry: context.country)
        let values = try ContactValues(source: defaultSource).applying(changes)
        return try await db.writeTransaction { tx in
            if let problem = try await conflict(for: values, excluding: nil, on: tx) { throw problem }
            return try await insert(values, on: tx)
        }
    }

    /// Matches an existing contact by e-mail, then by phone; updates it, or creates a new one.
    func upsert(_ input: ContactInput, defaultSource: String) async throws -> Created {
        let changes = try input.validate(defaultCountry: context.country)
        return try await db.writeTransaction { tx in
            let probe = try ContactValues(source: defaultSource).applying(changes)
            if let existing = try await match(email: probe.email, phoneKey: probe.phoneKey, on: tx) {
                return Created(contact: try await update(existing, with: changes, on: tx), created: false)
            }
            return Created(contact: try await insert(probe, on: tx), created: true)
        }
    }

    func update(id: UUID, with input: ContactInput) async throws -> Contact {
        let changes = try input.validate(defaultCountry: context.country)
        return try await db.writeTransaction { tx in
            let contact = try await Contact.findOr404(id, in: context, on: tx, what: "Contact")
            return try await update(contact, with: changes, on: tx)
        }
    }

    func addTags(id: UUID, _ tags: [String]) async throws -> Contact {
        try await db.writeTransaction { tx in
            let contact = try await Contact.findOr404(id, in: context, on: tx, what: "Contact")
            var input = ContactInput()
            input.tags = .set(contact.values.tags + tags)
            return try await update(contact, with: try input.validate(defaultCountry: context.country), on: tx)
        }
    }

    func removeTag(id: UUID, _ tag: String) async throws -> Contact {
        try await db.writeTransaction { tx in
            let contact = try await Contact.findOr404(id, in: context, on: tx, what: "Contact")
            let removed = Tag.normalize(tag)
            var input = ContactInput()
            input.tags = .set(contact.values.tags.filter { $0 != removed })
            return try await update(contact, with: try input.validate(defaultCountry: context.country), on: tx)
        }
    }

    func addNote(id: UUID, text: String) async throws -> Interaction {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty, trimmed.count <= ContactInput.maxNotesLength else {
            throw ValidationFailure([
                FieldError(field: "text", code: "note.invalid", message: "A note needs 1 to 10000 characters.")
            ])
        }
        return try await db.writeTransaction { tx in
            let contact = try await Contact.findOr404(id, in: context, on: tx, what: "Contact")
            let note = Interaction(
                tenantID: context.tenantID, contactID: try contact.requireID(), type: "note_added", channel: "internal",
                summary: trimmed, actorLabel: context.actor.label, occurredAt: .nexoNow)
            try await note.create(on: tx)
            // A note from the team records contact with the person (a call, a visit): it is their last interaction,
            // which "days since last interaction" conditions (the reactivation e-mail) read.
            if case .user = context.actor, (contact.lastInteractionAt ?? .distantPast) < note.occurredAt {
                contact.lastInteractionAt = note.occurredAt
                try await contact.update(on: tx)
            }
            return note
        }
    }

    /// Erasure: the contact, its tags and its timeline are deleted and its events scrubbed; the audit log keeps only the id.
    func erase(id: UUID, request: Request) async throws {
        try await db.writeTransaction { tx in
            let contact = try await Contact.findOr404(id, in: context, on: tx, what: "Contact")
            let contactID = try contact.requireID()
            try await tx.sql.delete(from: "interactions").where("tenant_id", .equal, context.tenantID)
                .where("contact_id", .equal, contactID).run()
            try await tx.sql.delete(from: "contact_tags").where("tenant_id", .equal, context.tenantID)
                .where("contact_id", .equal, contactID).run()
            try await contact.delete(on: tx)
            try await DomainEvents.scrubPayloads(tenantID: context.tenantID, entityID: contactID, on: tx)
            try await DomainEvents.record(
                "contact.deleted", tenantID: context.tenantID, entityID: contactID, payload: ["id": contactID.uuidString],
                on: tx)
            try await AuditLog.record(
                "contact.erased", context: context, entityType: "contact", entityID: contactID.uuidString, request: request,
                on: tx)
        }
    }

    // MARK: - Internals

    func insert(_ values: ContactValues, on tx: any Database) async throws -> Contact {
        let now = Date.nexoNow
        let contact = Contact(tenantID: context.tenantID, values: values, now: now)
        do {
            try await contact.create(on: tx)
        } catch let error as any DatabaseError where error.isConstraintFailure {
            throw try await conflict(for: values, excluding: nil, on: db)
                ?? Problem.conflict(
                    "A contact with this e-mail or phone already exists.", existingID: nil, field: "email")
        }
        let id = try contact.requireID()
        try await replaceTags(of: id, with: values.tags, on: tx)
        try await Interaction(
            tenantID: context.tenantID, contactID: id, type: "contact_created", channel: values.source,
            summary: values.source, actorLabel: context.actor.label, occurredAt: now
        ).create(on: tx)
        try await DomainEvents.record(
            "contact.created", tenantID: context.tenantID, entityID: id, payload: try ContactResponse(contact),
            causedBy: context.actor.eventCause, on: tx)
        return contact
    }

    private func update(_ contact: Contact, with changes: ContactChanges, on tx: any Database) async throws -> Contact {
        try await update(contact, to: try contact.values.applying(changes), on: tx)
    }

    /// Stores `after` as the contact's values when they differ from what it has, with its event. `checkConflicts:
    /// false` is for callers that already know no other contact holds the e-mail or phone (an import batch).
    func update(
        _ contact: Contact, to after: ContactValues, checkConflicts: Bool = true, on tx: any Database
    ) async throws -> Contact {
        let before = contact.values
        guard after != before else { return contact }
        let id = try contact.requireID()
        if checkConflicts, let problem = try await conflict(for: after, excluding: id, on: tx) { throw problem }
        contact.apply(after)
        contact.updatedAt = .nexoNow
        do {
            try await contact.update(on: tx)
        } catch let error as any DatabaseError where error.isConstraintFailure {
            throw try await conflict(for: after, excluding: id, on: db)
                ?? Problem.conflict(
                    "A contact with this e-mail or phone already exists.", existingID: nil, field: "email")
        }
        if after.tags != before.tags { try await replaceTags(of: id, with: after.tags, on: tx) }
        try await DomainEvents.record(
            "contact.updated", tenantID: context.tenantID, entityID: id,
            payload: ContactUpdatedPayload(contact: try ContactResponse(contact), changed: Self.changedFields(before, after)),
            causedBy: context.actor.eventCause, on: tx)
        return contact
    }

    private struct ContactUpdatedPayload: Encodable {
        let contact: ContactResponse
        let changed: [String]
    }

    static func changedFields(_ a: ContactValues, _ b: ContactValues) -> [String] {
        var fields: [String] = []
        if a.firstName != b.firstName { fields.append("first_name") }
        if a.lastName != b.lastName { fields.append("last_name") }
        if a.email != b.email { fields.append("email") }
        if a.phone != b.phone { fields.append("phone") }
        if a.company != b.company { fields.append("company") }
        if a.birthday != b.birthday { fields.append("birthday") }
        if a.notes != b.notes { fields.append("notes") }
        if a.tags != b.tags { fields.append("tags") }
        if a.source != b.source { fields.append("source") }
        if a.status != b.status { fields.append("status") }
        if a.score != b.score { fields.append("score") }
        if a.emailConsent != b.emailConsent || a.whatsappConsent != b.whatsappConsent { fields.append("consent") }
        if a.metadata != b.metadata { fields.append("metadata") }
        return fields
    }

    private func replaceTags(of contactID: UUID, with tags: [String], on tx: any Database) async throws {
        try await tx.sql.delete(from: "contact_tags").where("tenant_id", .equal, context.tenantID)
            .where("contact_id", .equal, contactID).run()
        guard !tags.isEmpty else { return }
        let insert = tx.sql.insert(into: "contact_tags").columns("tenant_id", "contact_id", "tag")
        for tag in tags { insert.values(SQLBind(context.tenantID), SQLBind(contactID), SQLBind(tag)) }
        try await insert.run()
    }

    func match(email: String?, phoneKey: String?, on tx: any Database) async throws -> Contact? {
        if let email, let found = try await Contact.scoped(to: context, on: tx).filter(\.$email == email).first() {
            return found
        }
        if let phoneKey, let found = try await Contact.scoped(to: context, on: tx).filter(\.$phoneKey == phoneKey).first() {
            return found
        }
        return nil
    }

    func conflict(for values: ContactValues, excluding id: UUID?, on tx: any Database) async throws -> Problem? {
        if let email = values.email {
            var query = Contact.scoped(to: context, on: tx).filter(\.$email == email)
            if let id { query = query.filter(\.$id != id) }
            if let existing = try await query.first() {
                return .conflict("A contact with this e-mail already exists.", existingID: existing.id, field: "email")
            }
        }
        if let phoneKey = values.phoneKey {
            var query = Contact.scoped(to: context, on: tx).filter(\.$phoneKey == phoneKey)
            if let id { query = query.filter(\.$id != id) }
            if let existing = try await query.first() {
                return .conflict("A contact with this phone number already exists.", existingID: existing.id, field: "phone")
            }
        }
        return nil
    }
}
