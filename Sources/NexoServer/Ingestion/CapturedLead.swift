import Fluent
import Foundation

/// One lead Meta announced: fetched from the Graph API by a job and turned into a contact, or failed with Meta's
/// error. The (tenant, leadgen id) pair is unique, so Meta's retries of a notification change nothing.
final class CapturedLead: Model, @unchecked Sendable {
    static let schema = "lead_ads_leads"

    enum State: String, Codable, Sendable, CaseIterable {
        case queued
        case fetched
        case failed
    }

    @ID(key: .id) var id: UUID?
    @Field(key: "tenant_id") var tenantID: UUID
    @Field(key: "page_id") var pageID: UUID
    @Field(key: "leadgen_id") var leadgenID: String
    @OptionalField(key: "form_id") var formID: String?
    @OptionalField(key: "ad_id") var adID: String?
    @Enum(key: "state") var state: State
    @OptionalField(key: "contact_id") var contactID: UUID?
    @OptionalField(key: "outcome") var outcome: String?
    @OptionalField(key: "error") var error: String?
    @Field(key: "attempts") var attempts: Int
    @Field(key: "received_at") var receivedAt: Date
    @OptionalField(key: "fetched_at") var fetchedAt: Date?

    init() {}
}

extension CapturedLead: TenantScoped {
    static var tenantIDKey: KeyPath<CapturedLead, FieldProperty<CapturedLead, UUID>> { \.$tenantID }
}
