import Fluent
import Foundation
import NexoCore
import SQLKit
import Vapor

/// Sends a tenant's e-mail through the tenant's provider, once per idempotency key, and writes the
/// `email_sent` interaction on the contact's timeline.
struct EmailService: Sendable {
    let app: Application

    enum Outcome: Sendable, Equatable {
        case sent(provider: String)
        /// The key was delivered before (a repeated job): nothing was sent now.
        case alreadySent
    }

    func deliver(_ message: OutgoingMessage, key: String, now: Date) async throws -> Outcome {
        let setup = try await EmailSetup.load(tenantID: message.tenantID, app: app)
        guard let provider = setup.provider else {
            return try await deliverToOutbox(message, key: key, now: now)
        }
        // 1. Claim the key before calling out: a second worker or a repeated job finds it.
        let claim: EmailDelivery?
        do {
            claim = try await claimDelivery(message, key: key, provider: provider.name, now: now)
        } catch let error as any DatabaseError where error.isConstraintFailure {
            return .alreadySent  // another worker claimed it at the same moment and is sending it
        }
        if let claim, claim.state == .sent { return .alreadySent }

        var resend = message
        // A crash between the provider's acceptance and our record leaves `sending`: resend with the same
        // Message-ID so receiving systems can recognise the duplicate.
        if let claim { resend.messageID = claim.messageID }
        let sending = resend
        let providerID: String?
        do {
            providerID = try await provider.send(sending, from: setup.identity)
        } catch {
            try await EmailDelivery.query(on: app.db).filter(\.$tenantID == message.tenantID).filter(\.$idempotencyKey == key)
                .set(\.$state, to: .failed).set(\.$error, to: String(error.description.prefix(1000))).update()
            if case .needsReconnection(let reason) = error {
                try await EmailSetup.markNeedsReconnection(tenantID: message.tenantID, reason: reason, on: app.db)
            }
            throw error
        }
        try await app.db.writeTransaction { tx in
            try await EmailDelivery.query(on: tx).filter(\.$tenantID == message.tenantID).filter(\.$idempotencyKey == key)
                .set(\.$state, to: .sent).set(\.$sentAt, to: now).set(\.$providerMessageID, to: providerID)
                .set(\.$error, to: nil).update()
            try await logInteraction(sending, provider: provider.name, now: now, on: tx)
        }
        return .sent(provider: provider.name)
    }

    /// The outbox stores the message in the database: the claim, the message and the timeline entry commit
    /// together, so it is exactly once even across crashes.
    private func deliverToOutbox(_ message: OutgoingMessage, key: String, now: Date) async throws -> Outcome {
        do {
            return try await outboxTransaction(message, key: key, now: now)
        } catch let error as any DatabaseError where error.isConstraintFailure {
            return .alreadySent  // another worker delivered the same key at the same moment
        }
    }

    private func outboxTransaction(_ message: OutgoingMessage, key: String, now: Date) async throws -> Outcome {
        try await app.db.writeTransaction { tx in
            if try await EmailDelivery.query(on: tx).filter(\.$tenantID == message.tenantID).filter(\.$idempotencyKey == key)
                .first() != nil
            {
                return .alreadySent
            }
            try await record(message, key: key, provider: "outbox", state: .sent, now: now, on: tx)
            let outbox = OutboxEmail(
                tenantID: message.tenantID, to: message.toAddress, subject: message.subject, textBody: message.text,
                kind: message.kind)
            outbox.htmlBody = message.html
            outbox.headers = message.headers.map { "\($0.name): \($0.value)" }.joined(separator: "\n")
            outbox.messageID = message.messageID
            outbox.contactID = message.contactID
            try await outbox.create(on: tx)
            try await logInteraction(message, provider: "outbox", now: now, on: tx)
            return .sent(provider: "outbox")
        }
    }

    /// Erasure: the deliveries and stored messages of a contact who was erased go too.
    static func forget(contactID: UUID, tenantID: UUID, on db: any Database) async throws {
        try await EmailDelivery.query(on: db).filter(\.$tenantID == tenantID).filter(\.$contactID == contactID).delete()
        try await OutboxEmail.query(on: db).filter(\.$tenantID == tenantID).filter(\.$contactID == contactID).delete()
    }

    /// Longer than a provider call may take (30 s) plus a job's lease (60 s).
    static let takeOverAfter: TimeInterval = 300

    private func takeOver(_ claim: EmailDelivery, now: Date) async throws -> Bool {
        guard claim.state == .failed || now.timeIntervalSince(claim.createdAt) >= Self.takeOverAfter else { return false }
        // Compare-and-set on the claim's time: of two late workers, one takes it.
        let rows = try await app.db.sql.raw(
            """
            UPDATE email_deliveries SET created_at = \(bind: now), state = 'sending'
            WHERE id = \(bind: try claim.requireID()) AND state <> 'sent' AND created_at = \(bind: claim.createdAt)
            RETURNING id
            """
        ).all()
        return !rows.isEmpty
    }

    private func claimDelivery(_ message: OutgoingMessage, key: String, provider: String, now: Date) async throws
        -> EmailDelivery?
    {
        try await app.db.writeTransaction { tx -> EmailDelivery? in
            if let existing = try await EmailDelivery.query(on: tx).filter(\.$tenantID == message.tenantID)
                .filter(\.$idempotencyKey == key).first()
            {
                return existing
            }
            try await record(message, key: key, provider: provider, state: .sending, now: now, on: tx)
            return nil
        }
    }

    private func record(
        _ message: OutgoingMessage, key: String, provider: String, state: EmailDelivery.State, now: Date, on db: any Database
    ) async throws {
        let delivery = EmailDelivery()
        delivery.tenantID = message.tenantID
        delivery.contactID = message.contactID
        delivery.idempotencyKey = key
        delivery.toAddress = message.toAddress
        delivery.subject = String(message.subject.prefix(500))
        delivery.kind = message.kind
        delivery.provider = provider
        delivery.state = state
        delivery.messageID = message.messageID
        delivery.createdAt = now
        delivery.sentAt = state == .sent ? now : nil
        try await delivery.create(on: db)
    }

    private func logInteraction(_ message: OutgoingMessage, provider: String, now: Date, on db: any Database) async throws {
        guard let contactID = message.contactID else { return }
        let data = JSONValue.object([
            "subject": .string(message.subject), "provider": .string(provider), "message_id": .string(message.messageID),
            "kind": .string(message.kind),
        ])
        try await Interaction(
            tenantID: message.tenantID, contactID: contactID, type: "email_sent", channel: "email",
            summary: String(message.subject.prefix(300)), data: data.jsonText, actorLabel: nil, occurredAt: now
        ).create(on: db)
    }
}
