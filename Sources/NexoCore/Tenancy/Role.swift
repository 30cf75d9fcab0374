/// A member's role in one tenant. What each may do is decided here, in one place.
public enum Role: String, Sendable, Codable, CaseIterable, Comparable {
    case owner, admin, agent

    public func allows(_ permission: Permission) -> Bool {
        switch permission {
        case .workWithContacts, .readDashboard, .readAutomations:
            return true
        case .manageSettings, .exportContacts, .importContacts, .deleteInBulk, .readAuditLog, .readOutbox, .inviteMembers,
            .manageAutomations:
            return self == .owner || self == .admin
        case .manageMembers, .managePlan, .manageTokens:
            return self == .owner
        }
    }

    /// Owners rank highest, so `<` reads as "has fewer rights than".
    public static func < (lhs: Role, rhs: Role) -> Bool { lhs.rank < rhs.rank }
    private var rank: Int {
        switch self {
        case .agent: 0
        case .admin: 1
        case .owner: 2
        }
    }
}

public enum Permission: String, Sendable, CaseIterable {
    case workWithContacts, readDashboard, readAutomations
    case manageSettings, exportContacts, importContacts, deleteInBulk, readAuditLog, readOutbox, inviteMembers
    case manageAutomations
    case manageMembers, managePlan, manageTokens
}
