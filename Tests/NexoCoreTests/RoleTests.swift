import Testing

@testable import NexoCore

@Suite struct RoleTests {
    @Test(arguments: [
        (Role.owner, Set(Permission.allCases)),
        (
            Role.admin,
            Set<Permission>([
                .workWithContacts, .readDashboard, .readAutomations, .manageSettings, .exportContacts, .importContacts,
                .deleteInBulk,
                .readAuditLog, .readOutbox, .inviteMembers, .manageAutomations,
            ])
        ),
        (Role.agent, Set<Permission>([.workWithContacts, .readDashboard, .readAutomations])),
    ])
    func grantsExactlyTheRolesPermissions(role: Role, expected: Set<Permission>) {
        // Given every permission there is
        let all = Permission.allCases

        // When asking which of them the role allows
        let granted = Set(all.filter { role.allows($0) })

        // Then the role gets exactly its row of the table
        #expect(granted == expected)
    }

    @Test(arguments: [Permission.manageMembers, .managePlan, .manageTokens])
    func onlyOwnersManageMembersPlanAndTokens(permission: Permission) {
        // Given a permission reserved to owners

        // When each role is checked
        let allowed = Role.allCases.filter { $0.allows(permission) }

        // Then only the owner has it
        #expect(allowed == [.owner])
    }

    @Test func sortingRanksAgentsBelowAdminsBelowOwners() {
        // Given roles in no particular order
        let roles: [Role] = [.owner, .agent, .admin]

        // When sorted
        let sorted = roles.sorted()

        // Then fewer rights come first
        #expect(sorted == [.agent, .admin, .owner])
    }

    @Test(arguments: Role.allCases)
    func noRoleRanksBelowItself(role: Role) {
        // Given a role

        // When compared with itself
        let lower = role < role

        // Then it is not lower
        #expect(!lower)
    }

    @Test(arguments: [(Role.agent, Role.admin), (.admin, .owner), (.agent, .owner)])
    func aHigherRoleHasEveryPermissionOfALowerOne(lower: Role, higher: Role) throws {
        // Given two roles where one ranks above the other
        try #require(lower < higher)

        // When listing what each may do
        let lowerGranted = Set(Permission.allCases.filter { lower.allows($0) })
        let higherGranted = Set(Permission.allCases.filter { higher.allows($0) })

        // Then the higher one may do everything the lower one may, and more
        #expect(lowerGranted.isStrictSubset(of: higherGranted))
    }

    @Test(arguments: [(Role.owner, "owner"), (.admin, "admin"), (.agent, "agent")])
    func rolesAreStoredByTheirLowerCaseName(role: Role, stored: String) {
        // Given a role as stored in the database
        let raw = stored

        // When read back
        let decoded = Role(rawValue: raw)

        // Then it is the same role
        #expect(decoded == role)
        #expect(role.rawValue == stored)
    }
}
