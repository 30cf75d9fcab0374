/// Suspended tenants can read but not change anything; banned tenants cannot sign in at all.
public enum TenantStatus: String, Sendable, Codable, CaseIterable {
    case trial, active, suspended, banned

    public var isReadOnly: Bool { self == .suspended }
    public var canSignIn: Bool { self != .banned }
}
