import Fluent
import SQLKit

struct CreateLeadAds: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema("lead_ads_pages")
            .id()
            .field("tenant_id", .uuid, .required, .references("tenants", "id", onDelete: .cascade))
            .field("page_id", .string, .required)
            .field("name", .string, .required)
            .field("access_token", .string, .required)
            .field("app_secret", .string)
            .field("verify_token", .string, .required)
            .field("verify_token_hash", .string, .required)
            .field("created_at", .datetime, .required)
            .field("last_lead_at", .datetime)
            .create()
        try await database.createIndex("lead_ads_pages_page", on: "lead_ads_pages", ["page_id"], unique: true)
        try await database.createIndex("lead_ads_pages_verify", on: "lead_ads_pages", ["verify_token_hash"])
        try await database.createIndex("lead_ads_pages_tenant", on: "lead_ads_pages", ["tenant_id"])
        try await database.schema("lead_ads_leads")
            .id()
            .field("tenant_id", .uuid, .required, .references("tenants", "id", onDelete: .cascade))
            .field("page_id", .uuid, .required, .references("lead_ads_pages", "id", onDelete: .cascade))
            .field("leadgen_id", .string, .required)
            .field("form_id", .string)
            .field("ad_id", .string)
            .field("state", .string, .required)
            .field("contact_id", .uuid)
            .field("outcome", .string)
            .field("error", .string)
            .field("attempts", .int, .required)
            .field("received_at", .datetime, .required)
            .field("fetched_at", .datetime)
            .create()
        try await database.createIndex(
            "lead_ads_leads_leadgen", on: "lead_ads_leads", ["tenant_id", "leadgen_id"], unique: true)
        try await database.createIndex("lead_ads_leads_recent", on: "lead_ads_leads", ["tenant_id", "received_at"])
    }

    func revert(on database: Database) async throws {
        try await database.schema("lead_ads_leads").delete()
        try await database.schema("lead_ads_pages").delete()
    }
}
