import Fluent
import Foundation
import NexoCore
import SQLKit

extension ContactService {
    /// Writes new contacts set-based: one multi-row INSERT each for the contacts, their tags, their "created" timeline
    /// entries and their `contact.created` events, instead of four statements per contact through Fluent (which
    /// spends most of an import's time reflecting on models). The contacts must be new and free of conflicts (an
    /// import batch checks both first); they come back marked as stored. Each comes with the values it was made from,
    /// so nothing is decoded back from the model's stored JSON.
    func insertAll(_ created: [(contact: Contact, values: ContactValues)], on tx: any Database) async throws {
        guard !created.isEmpty else { return }
        let contacts = created.map(\.contact)
        let sql = tx.sql
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        encoder.dateEncodingStrategy = .iso8601
        let cause = context.actor.eventCause
        let actor = context.actor.label
        // 28 binds a contact: 300 stay under SQLite's and PostgreSQL's limits on bound values.
        for chunk in stride(from: 0, to: contacts.count, by: 300).map({ contacts[$0..<min($0 + 300, contacts.count)] }) {
            let insert = sql.insert(into: Contact.schema).columns(Self.contactColumns)
            for contact in chunk { insert.values(try Self.binds(contact)) }
            try await insert.run()
        }
        let tagged = created.flatMap { entry in entry.values.tags.map { (entry.contact, $0) } }
        for chunk in stride(from: 0, to: tagged.count, by: 1000).map({ tagged[$0..<min($0 + 1000, tagged.count)] }) {
            let insert = sql.insert(into: "contact_tags").columns("tenant_id", "contact_id", "tag")
            for (contact, tag) in chunk {
                insert.values(SQLBind(context.tenantID), SQLBind(try contact.requireID()), SQLBind(tag))
            }
            try await insert.run()
        }
        for chunk in stride(from: 0, to: created.count, by: 500).map({ created[$0..<min($0 + 500, created.count)] }) {
            let timeline = sql.insert(into: Interaction.schema).columns(
                "id", "tenant_id", "contact_id", "type", "channel", "summary", "data", "actor_label", "occurred_at")
            let events = sql.insert(into: DomainEvent.schema).columns(
                "id", "tenant_id", "type", "entity_id", "payload", "occurred_at", "caused_by")
            for (contact, values) in chunk {
                let id = try contact.requireID()
                timeline.values(
                    SQLBind(UUID()), SQLBind(context.tenantID), SQLBind(id), SQLBind("contact_created"),
                    SQLBind(contact.source), SQLBind(contact.source), SQLBind("{}"), SQLBind(actor),
                    SQLBind(contact.createdAt))
                let response = ContactResponse(
                    id: id, values: values, lastInteractionAt: nil, createdAt: contact.createdAt, updatedAt: contact.updatedAt)
                let payload = String(decoding: try encoder.encode(response), as: UTF8.self)
                events.values(
                    SQLBind(UUID()), SQLBind(context.tenantID), SQLBind("contact.created"), SQLBind(id), SQLBind(payload),
                    SQLBind(contact.createdAt), SQLBind(cause))
            }
            try await timeline.run()
            try await events.run()
        }
        for contact in contacts { contact.$id.exists = true }
    }

    static let contactColumns = [
        "id", "tenant_id", "first_name", "last_name", "email", "phone", "phone_valid", "phone_key", "company", "birthday",
        "birthday_month", "birthday_day", "notes", "tags", "source", "status", "score", "email_consent", "email_consent_at",
        "email_consent_method", "whatsapp_consent", "whatsapp_consent_at", "whatsapp_consent_method", "metadata",
        "search_text", "last_interaction_at", "created_at", "updated_at",
    ]

    private static func binds(_ c: Contact) throws -> [any SQLExpression] {
        [
            SQLBind(try c.requireID()), SQLBind(c.tenantID), SQLBind(c.firstName), SQLBind(c.lastName), SQLBind(c.email),
            SQLBind(c.phone), SQLBind(c.phoneValid), SQLBind(c.phoneKey), SQLBind(c.company), SQLBind(c.birthday),
            SQLBind(c.birthdayMonth), SQLBind(c.birthdayDay), SQLBind(c.notes), SQLBind(c.tags), SQLBind(c.source),
            SQLBind(c.status), SQLBind(c.score), SQLBind(c.emailConsent), SQLBind(c.emailConsentAt),
            SQLBind(c.emailConsentMethod), SQLBind(c.whatsappConsent), SQLBind(c.whatsappConsentAt),
            SQLBind(c.whatsappConsentMethod), SQLBind(c.metadata), SQLBind(c.searchText), SQLBind(c.lastInteractionAt),
            SQLBind(c.createdAt), SQLBind(c.updatedAt),
        ]
    }
}
