import Fluent
import Foundation

/// A person who signs in. The same user may belong to several tenants through memberships.
final class User: Model, @unchecked Sendable {
    static let schema = "users"

    @ID(key: .id) var id: UUID?
    @Field(key: "email") var email: String
    @Field(key: "name") var name: String
    @OptionalField(key: "password_hash") var passwordHash: String?
    @Field(key: "locale") var locale: String
    /// Runs this installation (see `Operator`); set with `nexo operators grant`.
    @Field(key: "operator") var isOperator: Bool
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    init(id: UUID? = nil, email: String, name: String, passwordHash: String?, locale: String) {
        self.id = id
        self.email = email
        self.name = name
        self.passwordHash = passwordHash
        self.locale = locale
        self.isOperator = false
    }
}
