import Testing

@testable import NexoCore

@Suite struct TenantStatusTests {
    @Test(arguments: [
        (TenantStatus.trial, false), (.active, false), (.suspended, true), (.banned, false),
    ])
    func onlySuspendedTenantsAreReadOnly(status: TenantStatus, readOnly: Bool) {
        // Given a tenant in some status

        // When asking whether it may change data
        let isReadOnly = status.isReadOnly

        // Then only suspension makes it read-only
        #expect(isReadOnly == readOnly)
    }

    @Test(arguments: [
        (TenantStatus.trial, true), (.active, true), (.suspended, true), (.banned, false),
    ])
    func everyoneButBannedTenantsCanSignIn(status: TenantStatus, canSignIn: Bool) {
        // Given a tenant in some status

        // When asking whether its members may sign in
        let allowed = status.canSignIn

        // Then only a ban keeps them out (suspended tenants may still read)
        #expect(allowed == canSignIn)
    }
}
