import Fluent
import Foundation
import NexoCore
import Vapor

/// Tenants, members, invitations and API tokens: the writes behind sign-up, settings and `nexo tenants`.
struct TenancyService: Sendable {
    let db: any Database
    let nexo: Nexo

    struct CreatedTenant: Sendable {
        let tenant: Tenant
        let owner: User
        /// The link the owner opens to set a password, when none was given.
        let invitationURL: String?
    }

    /// Creates a business with its owner. An e-mail that already has an account becomes the owner of the new
    /// business only when `allowExistingUser` (the CLI, or a signed-in user adding a business).
    func createTenant(_ form: SignUpForm, allowExistingUser: Bool = false, hasher: PasswordHasher) async throws -> CreatedTenant {
        let valid = try form.validate()
        return try await db.writeTransaction { tx in
            var owner = try await User.query(on: tx).filter(\.$email == valid.email).first()
            if owner != nil && !allowExistingUser {
                throw ValidationFailure([
                    FieldError(
                        field: "email", code: "email.registered", message: "This e-mail already has an account; sign in instead.")
                ])
            }
            let tenant = Tenant(
                name: valid.businessName, slug: try await uniqueSlug(for: valid.businessName, on: tx),
                country: valid.country.code, timeZone: valid.country.timeZone, locale: valid.locale)
            try await tenant.create(on: tx)
            if owner == nil {
                let user = User(
                    email: valid.email, name: valid.ownerName, passwordHash: try valid.password.map(hasher.hash),
                    locale: valid.locale)
                try await user.create(on: tx)
                owner = user
            }
            guard let owner else { throw Abort(.internalServerError) }
            let tenantID = try tenant.requireID()
            try await Membership(tenantID: tenantID, userID: try owner.requireID(), role: .owner).create(on: tx)
            try await BuiltInAutomations.install(tenantID: tenantID, locale: tenant.locale, secrets: nexo.secrets, on: tx)
            let actor = TenantContext.Actor.user(id: try owner.requireID(), name: owner.name, email: owner.email)
            try await AuditLog.record(
                "tenant.created", tenantID: tenantID, actor: actor, entityType: "tenant", entityID: tenantID.uuidString, on: tx)
            var invitationURL: String?
            if owner.passwordHash == nil {
                invitationURL = try await invite(
                    email: owner.email, role: .owner, tenant: tenant, invitedBy: actor, on: tx, audit: false)
            }
            return CreatedTenant(tenant: tenant, owner: owner, invitationURL: invitationURL)
        }
    }

    private func uniqueSlug(for name: String, on tx: any Database) async throws -> String {
        let base = Slug.make(name)
        var candidate = base
        var n = 2
        while try await Tenant.query(on: tx).filter(\.$slug == candidate).count() > 0 {
            candidate = "\(base)-\(n)"
            n += 1
        }
        return candidate
    }

    /// Creates a single-use invitation, mails the link (the outbox until e-mail delivery is configured) and returns it.
    @discardableResult
    func invite(
        email: String, role: Role, tenant: Tenant, invitedBy actor: TenantContext.Actor, on tx: any Database, audit: Bool = true
    ) async throws -> String {
        let token = SecretToken.generate(prefix: "inv_")
        let tenantID = try tenant.requireID()
        let invitation = Invitation(
            tenantID: tenantID, email: email, role: role, tokenHash: SecretToken.hash(token), invitedBy: actor.userID,
            expiresAt: Date().addingTimeInterval(Invitation.lifetime))
        try await invitation.create(on: tx)
        let url = nexo.settings.publicURL + SiteRoute.invitation(token: .value(token)).path
        let t = { (key: String, args: [String]) in nexo.translations.text(key, locale: tenant.locale, args) }
        try await nexo.emailSender.send(
            OutgoingEmail(
                tenantID: tenantID, to: email, subject: t("email.invitation.subject", [tenant.name]),
                textBody: t("email.invitation.body", [tenant.name, t("role.\(role.rawValue)", []), url]), kind: "invitation"),
            on: tx)
        if audit {
            try await AuditLog.record(
                "member.invited", tenantID: tenantID, actor: actor, entityType: "invitation",
                entityID: try invitation.requireID().uuidString, details: ["role": role.rawValue], on: tx)
        }
        return url
    }

    /// Creates an API token and returns it in clear: the only time it is ever shown.
    func createToken(name: String, context: TenantContext, request: Request) async throws -> (APIToken, String) {
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, trimmed.count <= 100 else {
            throw ValidationFailure([
                FieldError(field: "name", code: "token_name.invalid", message: "Name the token (1 to 100 characters).")
            ])
        }
        return try await db.writeTransaction { tx in
            let (token, secret) = try await Self.insertToken(
                name: trimmed, tenantID: context.tenantID, createdBy: context.actor.userID, on: tx)
            try await AuditLog.record(
                "token.created", context: context, entityType: "api_token", entityID: try token.requireID().uuidString,
                details: ["name": trimmed, "prefix": token.prefix], request: request, on: tx)
            return (token, secret)
        }
    }

    static func insertToken(name: String, tenantID: UUID, createdBy: UUID?, on db: any Database) async throws -> (
        APIToken, String
    ) {
        let secret = SecretToken.generate(prefix: "nexo_")
        let token = APIToken(
            tenantID: tenantID, name: name, prefix: String(secret.prefix(12)), tokenHash: SecretToken.hash(secret),
            createdBy: createdBy)
        try await token.create(on: db)
        return (token, secret)
    }
}

/// Bcrypt with the configured cost; one value so tests can use a cheap cost and production a safe one.
struct PasswordHasher: Sendable {
    let cost: Int

    func hash(_ password: String) throws -> String { try Bcrypt.hash(password, cost: cost) }

    func verify(_ password: String, hash: String) -> Bool { (try? Bcrypt.verify(password, created: hash)) ?? false }
}
