import Fluent
import Foundation
import NexoCore

/// One request a webhook source sent: what arrived, what Nexo answered, and what became of it. Every request is
/// logged, refused ones included, so the business can see why a system's data did not arrive.
final class WebhookDelivery: Model, @unchecked Sendable {
    static let schema = "webhook_deliveries"

    enum State: String, Codable, Sendable, CaseIterable {
        /// Stored and acknowledged; the processing job has not finished.
        case queued
        /// Turned into a contact (created, updated or unchanged: see `outcome`).
        case accepted
        /// An event id this source had already delivered: nothing changed.
        case duplicate
        /// The source's filter left it out.
        case ignored
        /// The mapping found nothing usable, or the contact could not be stored (see `problems`).
        case rejected
        /// Refused before reading: wrong secret or signature, too large, not JSON, source off.
        case refused
        /// Processing failed for good (see `error`).
        case failed
    }

    @ID(key: .id) var id: UUID?
    @Field(key: "tenant_id") var tenantID: UUID
    @Field(key: "source_id") var sourceID: UUID
    @Field(key: "received_at") var receivedAt: Date
    @Enum(key: "state") var state: State
    /// The HTTP status Nexo answered.
    @Field(key: "status_code") var statusCode: Int
    @Field(key: "size_bytes") var sizeBytes: Int
    /// The body as received (UTF-8); nil when it was too large to keep.
    @OptionalField(key: "payload") var payload: String?
    @OptionalField(key: "event_id") var eventID: String?
    @OptionalField(key: "contact_id") var contactID: UUID?
    /// created, updated or unchanged.
    @OptionalField(key: "outcome") var outcome: String?
    /// Why it was refused, rejected or failed, in English (the page translates `error_code`).
    @OptionalField(key: "error") var error: String?
    @OptionalField(key: "error_code") var errorCode: String?
    /// `[ImportProblem]` as JSON, for a rejected payload.
    @OptionalField(key: "problems") var problemsJSON: String?
    @OptionalField(key: "processed_at") var processedAt: Date?

    init() {}

    init(tenantID: UUID, sourceID: UUID, receivedAt: Date, sizeBytes: Int, payload: String?) {
        self.tenantID = tenantID
        self.sourceID = sourceID
        self.receivedAt = receivedAt
        self.state = .queued
        self.statusCode = 202
        self.sizeBytes = sizeBytes
        self.payload = payload
    }

    var problems: [ImportProblem] {
        guard let problemsJSON else { return [] }
        return (try? JSONDecoder().decode([ImportProblem].self, from: Data(problemsJSON.utf8))) ?? []
    }

    func reject(_ problems: [ImportProblem]) {
        state = .rejected
        problemsJSON = String(decoding: (try? JSONEncoder().encode(problems)) ?? Data("[]".utf8), as: UTF8.self)
        error = problems.map(\.message).joined(separator: " ")
        errorCode = problems.first?.code
    }
}

extension WebhookDelivery: TenantScoped {
    static var tenantIDKey: KeyPath<WebhookDelivery, FieldProperty<WebhookDelivery, UUID>> { \.$tenantID }
}
