import Fluent
import Foundation

/// A bearer token for the REST API. Only a SHA-256 hash is stored; the token is shown once when created.
final class APIToken: Model, @unchecked Sendable {
    static let schema = "api_tokens"

    @ID(key: .id) var id: UUID?
    @Field(key: "tenant_id") var tenantID: UUID
    @Field(key: "name") var name: String
    /// The first characters of the token, shown in lists so people can tell tokens apart.
    @Field(key: "prefix") var prefix: String
    @Field(key: "token_hash") var tokenHash: String
    @OptionalField(key: "created_by") var createdBy: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @OptionalField(key: "last_used_at") var lastUsedAt: Date?
    @OptionalField(key: "revoked_at") var revokedAt: Date?

    init() {}

    init(tenantID: UUID, name: String, prefix: String, tokenHash: String, createdBy: UUID?) {
        self.tenantID = tenantID
        self.name = name
        self.prefix = prefix
        self.tokenHash = tokenHash
        self.createdBy = createdBy
    }
}
