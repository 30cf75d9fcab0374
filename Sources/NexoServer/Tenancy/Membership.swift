import Fluent
import Foundation
import NexoCore

final class Membership: Model, @unchecked Sendable {
    static let schema = "memberships"

    @ID(key: .id) var id: UUID?
    @Parent(key: "tenant_id") var tenant: Tenant
    @Parent(key: "user_id") var user: User
    @Enum(key: "role") var role: Role
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    init(tenantID: UUID, userID: UUID, role: Role) {
        self.$tenant.id = tenantID
        self.$user.id = userID
        self.role = role
    }
}
