import Fluent
import Foundation
import NexoCore

/// A single-use link that lets someone join a tenant with a role; it expires after seven days.
final class Invitation: Model, @unchecked Sendable {
    static let schema = "invitations"
    static let lifetime: TimeInterval = 7 * 24 * 3600

    @ID(key: .id) var id: UUID?
    @Field(key: "tenant_id") var tenantID: UUID
    @Field(key: "email") var email: String
    @Enum(key: "role") var role: Role
    @Field(key: "token_hash") var tokenHash: String
    @OptionalField(key: "invited_by") var invitedBy: UUID?
    @Field(key: "expires_at") var expiresAt: Date
    @OptionalField(key: "accepted_at") var acceptedAt: Date?
    @OptionalField(key: "revoked_at") var revokedAt: Date?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    init(tenantID: UUID, email: String, role: Role, tokenHash: String, invitedBy: UUID?, expiresAt: Date) {
        self.tenantID = tenantID
        self.email = email
        self.role = role
        self.tokenHash = tokenHash
        self.invitedBy = invitedBy
        self.expiresAt = expiresAt
    }

    func isUsable(now: Date = Date()) -> Bool { acceptedAt == nil && revokedAt == nil && expiresAt > now }
}
