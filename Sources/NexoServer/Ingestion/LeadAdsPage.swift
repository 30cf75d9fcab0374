import Fluent
import Foundation

/// A Facebook page whose Lead Ads forms feed a business's contacts: the page id Meta's webhook names, the page access
/// token that reads the leads (sealed), optionally the app secret of the business's own Meta app (sealed), and the
/// verify token for Meta's handshake (sealed for showing, hashed for looking up).
final class LeadAdsPage: Model, @unchecked Sendable {
    static let schema = "lead_ads_pages"

    @ID(key: .id) var id: UUID?
    @Field(key: "tenant_id") var tenantID: UUID
    /// Meta's page id, as digits; unique over every tenant, since the webhook names only the page.
    @Field(key: "page_id") var pageID: String
    @Field(key: "name") var name: String
    @Field(key: "access_token") var accessToken: String
    @OptionalField(key: "app_secret") var appSecret: String?
    @Field(key: "verify_token") var verifyToken: String
    @Field(key: "verify_token_hash") var verifyTokenHash: String
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "last_lead_at") var lastLeadAt: Date?

    init() {}
}

extension LeadAdsPage: TenantScoped {
    static var tenantIDKey: KeyPath<LeadAdsPage, FieldProperty<LeadAdsPage, UUID>> { \.$tenantID }
}
