import Fluent
import Foundation
import NexoCore

/// One business: the unit of isolation. Everything a business owns carries its `tenant_id`.
final class Tenant: Model, @unchecked Sendable {
    static let schema = "tenants"

    @ID(key: .id) var id: UUID?
    @Field(key: "name") var name: String
    @Field(key: "slug") var slug: String
    @Field(key: "country") var country: String
    @Field(key: "time_zone") var timeZone: String
    @Field(key: "locale") var locale: String
    @Enum(key: "plan") var plan: Plan
    @Enum(key: "status") var status: TenantStatus
    @OptionalField(key: "status_reason") var statusReason: String?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    init(
        id: UUID? = nil, name: String, slug: String, country: String, timeZone: String, locale: String,
        plan: Plan = .free, status: TenantStatus = .trial
    ) {
        self.id = id
        self.name = name
        self.slug = slug
        self.country = country
        self.timeZone = timeZone
        self.locale = locale
        self.plan = plan
        self.status = status
    }
}
