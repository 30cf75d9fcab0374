import Fluent
import Foundation
import NexoCore
import Testing
import VaporTesting

@testable import NexoServer

@Suite("Members, invitations, roles and API tokens")
struct MembersAndTokensTests {
    @Test func anAgentIsRefusedTheSettingsPages() async throws {
        try await TestApp.run { app in
            let tenant = try await app.makeTenant()
            let agent = try await app.addMember(to: tenant, role: .agent)
            let browser = try Browser(app)
            _ = try await browser.signIn(agent, "secret123")
            for path in ["/settings/profile", "/settings/members", "/settings/tokens", "/settings/audit", "/settings/outbox"] {
                #expect(try await browser.get(path).status == .forbidden, "\(path)")
            }
            #expect(try await browser.get("/contacts/export.csv").status == .forbidden)
            #expect(try await browser.get("/contacts").status == .ok)
        }
    }

    @Test func anAdminCanEditSettingsButNotCreateTokens() async throws {
        try await TestApp.run { app in
            let tenant = try await app.makeTenant()
            let admin = try await app.addMember(to: tenant, role: .admin)
            let browser = try Browser(app)
            _ = try await browser.signIn(admin, "secret123")
            try await browser.get("/settings/tokens")
            #expect(try await browser.post("/settings/tokens", ["name": "shop"]).status == .forbidden)
            try await browser.get("/settings/profile")
            let saved = try await browser.post(
                "/settings/profile",
                [
                    "name": "Nuevo Nombre", "country": "AR", "time_zone": "America/Argentina/Cordoba", "locale": "es",
                    "plan": "free",
                ])
            #expect(saved.status == .seeOther)
            #expect(try await Tenant.find(tenant.id, on: app.db)?.name == "Nuevo Nombre")
        }
    }

    @Test func invitationLinkIsSingleUseAndJoinsWithTheRole() async throws {
        try await TestApp.run { app in
            let tenant = try await app.makeTenant()
            let owner = try Browser(app)
            _ = try await owner.signIn(tenant.ownerEmail, tenant.ownerPassword)
            try await owner.get("/settings/members")
            #expect(
                try await owner.post("/settings/members/invite", ["email": "nuevo@example.com", "role": "agent"]).status
                    == .seeOther)
            // The invitation went to the outbox, link included.
            let mail = try #require(try await OutboxEmail.query(on: app.db).first())
            #expect(mail.toAddress == "nuevo@example.com")
            let link = try #require(mail.textBody.split(separator: "\n").first { $0.contains("/invitations/inv_") })
            let path = String(link[link.range(of: "/invitations/")!.lowerBound...])

            let guest = try Browser(app)
            #expect(try await guest.get(path).status == .ok)
            let joined = try await guest.post(path, ["name": "Nuevo Agente", "password": "secret123"])
            #expect(joined.status == .seeOther)
            #expect(try await guest.get("/contacts").status == .ok)
            #expect(try await guest.get("/settings/members").status == .forbidden)

            let again = try Browser(app)
            #expect(try await again.get(path).status == .gone)
            #expect(try await Membership.query(on: app.db).filter(\.$tenant.$id == tenant.id).count() == 2)
        }
    }

    @Test func expiredInvitationsCannotBeUsed() async throws {
        try await TestApp.run { app in
            let tenant = try await app.makeTenant()
            let row = try await Tenant.find(tenant.id, on: app.db)!
            let url = try await TenancyService(db: app.db, nexo: app.nexo).invite(
                email: "late@example.com", role: .agent, tenant: row, invitedBy: .system("test"), on: app.db)
            try await Invitation.query(on: app.db).set(\.$expiresAt, to: Date().addingTimeInterval(-60)).update()
            let path = String(url[url.range(of: "/invitations/")!.lowerBound...])
            let guest = try Browser(app)
            #expect(try await guest.get(path).status == .gone)
        }
    }

    @Test func ownersChangeRolesButNeverRemoveTheLastOwner() async throws {
        try await TestApp.run { app in
            let tenant = try await app.makeTenant()
            let agentEmail = try await app.addMember(to: tenant, role: .agent)
            let owner = try Browser(app)
            _ = try await owner.signIn(tenant.ownerEmail, tenant.ownerPassword)
            try await owner.get("/settings/members")
            let memberships = try await Membership.query(on: app.db).with(\.$user).all()
            let agent = memberships.first { $0.user.email == agentEmail }!
            let me = memberships.first { $0.user.email == tenant.ownerEmail }!
            #expect(try await owner.post("/settings/members/\(agent.id!)/role", ["role": "admin"]).status == .seeOther)
            #expect(try await Membership.find(agent.id, on: app.db)?.role == .admin)
            let refused = try await owner.post("/settings/members/\(me.id!)/role", ["role": "agent"])
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.string.contains("El negocio necesita al menos un dueño."))
            #expect(try await AuditEvent.query(on: app.db).filter(\.$action == "member.role_changed").count() == 1)
        }
    }

    @Test func tokenIsShownOnceStoredHashedAndWorksUntilRevoked() async throws {
        try await TestApp.run { app in
            let tenant = try await app.makeTenant()
            let owner = try Browser(app)
            _ = try await owner.signIn(tenant.ownerEmail, tenant.ownerPassword)
            try await owner.get("/settings/tokens")
            let created = try await owner.post("/settings/tokens", ["name": "Tienda"])
            #expect(created.status == .created)
            let page = created.body.string
            let range = try #require(page.range(of: #"nexo_[A-Za-z0-9]{40}"#, options: .regularExpression))
            let secret = String(page[range])
            let stored = try #require(try await APIToken.query(on: app.db).filter(\.$name == "Tienda").first())
            #expect(stored.tokenHash != secret)
            #expect(secret.hasPrefix(stored.prefix))
            let listed = try await owner.get("/settings/tokens").body.string
            #expect(listed.contains(secret) == false)

            let client = try app.testing()
            let asToken = TestTenant(id: tenant.id, slug: tenant.slug, token: secret, ownerEmail: "", ownerPassword: "")
            #expect(try await client.api(.GET, "/api/v1/contacts", as: asToken).status == .ok)
            #expect(try await APIToken.find(stored.id, on: app.db)?.lastUsedAt != nil)
            #expect(try await owner.post("/settings/tokens/\(stored.id!)/revoke", [:]).status == .seeOther)
            #expect(try await client.api(.GET, "/api/v1/contacts", as: asToken).status == .unauthorized)
            let actions = try await AuditEvent.query(on: app.db).all().map(\.action)
            #expect(actions.contains("token.created") && actions.contains("token.revoked"))
        }
    }

    @Test func auditLogCanBeFilteredByAction() async throws {
        try await TestApp.run { app in
            let tenant = try await app.makeTenant()
            let owner = try Browser(app)
            _ = try await owner.signIn(tenant.ownerEmail, tenant.ownerPassword)
            let all = try await owner.get("/settings/audit").body.string
            #expect(all.contains("Inicio de sesión") && all.contains("Negocio creado"))
            let filtered = try await owner.get("/settings/audit?action=tenant.created").body.string
            #expect(filtered.contains("<td>Negocio creado</td>"))
            #expect(!filtered.contains("<td>Inicio de sesión</td>"))
        }
    }
}
