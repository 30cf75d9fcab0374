import Fluent
import Foundation
import NexoCore
import Vapor

/// Members and invitations. Admins invite agents and admins; only owners change roles, invite owners or remove people.
enum MembersPage {
    struct MemberRow: Encodable {
        let id: String
        let name: String
        let email: String
        let role: String
        let roleLabel: String
        let isSelf: Bool
        let roleURL: String
        let removeURL: String
        let roles: [SelectOption]
    }

    struct InvitationRow: Encodable {
        let id: String
        let email: String
        let role: String
        let expires: String
        let state: String
        let revokeURL: String?
    }

    struct Context: Encodable {
        let shell: Shell
        let members: [MemberRow]
        let invitations: [InvitationRow]
        let canManageMembers: Bool
        let inviteRoles: [SelectOption]
        let inviteAction: String
        let form: [String: String]
        let errors: FormErrors
        let outboxURL: String
    }

    static func context(_ req: Request, _ ctx: TenantContext, form: [String: String] = [:], errors: FormErrors = .none)
        async throws
        -> Context
    {
        let timeZone = ctx.zone
        let memberships = try await Membership.query(on: req.db).filter(\.$tenant.$id == ctx.tenantID).with(\.$user)
            .sort(\.$createdAt).all()
        let canManage = ctx.role.allows(.manageMembers)
        let members = try memberships.map { m in
            let id = try m.requireID()
            return MemberRow(
                id: id.uuidString, name: m.user.name, email: m.user.email, role: m.role.rawValue,
                roleLabel: req.t("role.\(m.role.rawValue)"),
                isSelf: m.$user.id == ctx.actor.userID, roleURL: SiteRoute.memberRole(.value(id)).path,
                removeURL: SiteRoute.memberRemove(.value(id)).path,
                roles: Role.allCases.map {
                    .init(value: $0.rawValue, label: req.t("role.\($0.rawValue)"), selected: $0 == m.role)
                })
        }
        let invitations = try await Invitation.scoped(to: ctx, on: req.db).sort(\.$createdAt, .descending).limit(50).all()
        let now = Date()
        let rows = try invitations.map { inv in
            let id = try inv.requireID()
            let state =
                inv.acceptedAt != nil
                ? "accepted" : inv.revokedAt != nil ? "revoked" : inv.expiresAt <= now ? "expired" : "pending"
            return InvitationRow(
                id: id.uuidString, email: inv.email, role: req.t("role.\(inv.role.rawValue)"),
                expires: PageFormat.dateTime(inv.expiresAt, timeZone: timeZone, locale: req.locale),
                state: req.t("invitation.state.\(state)"),
                revokeURL: state == "pending" ? SiteRoute.invitationRevoke(.value(id)).path : nil)
        }
        let selected = form["role"] ?? "agent"
        let inviteRoles = Role.allCases.filter { canManage || $0 != .owner }.map {
            SelectOption(value: $0.rawValue, label: req.t("role.\($0.rawValue)"), selected: $0.rawValue == selected)
        }
        return Context(
            shell: try await Shell.make(req, ctx, section: "settings.members", title: req.t("settings.members")),
            members: members,
            invitations: rows, canManageMembers: canManage, inviteRoles: inviteRoles, inviteAction: SiteRoute.settingsInvite.path,
            form: form, errors: errors, outboxURL: SiteRoute.settingsOutbox.path)
    }

    static func register(on routes: TenantRoutes) {
        routes.get(SiteRoute.settingsMembers.pathComponents) { req, ctx async throws -> View in
            try ctx.require(.manageSettings)
            return try await req.view.render("settings/members", try await context(req, ctx))
        }
        routes.post(SiteRoute.settingsInvite.pathComponents) { req, ctx async throws -> Response in
            try ctx.require(.inviteMembers)
            let fields = try req.content.decode([String: String].self)
            var errors: [FieldError] = []
            let email = EmailAddress.normalize(fields["email"] ?? "")
            if email == nil {
                errors.append(FieldError(field: "email", code: "email.invalid", message: "Not a valid e-mail address."))
            }
            let role = Role(rawValue: fields["role"] ?? "")
            if role == nil { errors.append(FieldError(field: "role", code: "role.unknown", message: "Unknown role.")) }
            if role == .owner, !ctx.role.allows(.manageMembers) {
                errors.append(FieldError(field: "role", code: "role.owner_only", message: "Only owners can invite owners."))
            }
            if let email {
                let already = try await Membership.query(on: req.db).filter(\.$tenant.$id == ctx.tenantID).join(
                    User.self, on: \Membership.$user.$id == \User.$id
                )
                .filter(User.self, \.$email == email).count()
                if already > 0 { errors.append(FieldError(field: "email", code: "member.exists", message: "Already a member.")) }
            }
            guard errors.isEmpty, let email, let role else {
                let failed = try await context(req, ctx, form: fields, errors: FormErrors(ValidationFailure(errors), req: req))
                return try await req.render("settings/members", failed, status: .unprocessableEntity)
            }
            try await req.db.writeTransaction { tx in
                guard let tenant = try await Tenant.find(ctx.tenantID, on: tx) else { throw Problem.notFound() }
                try await TenancyService(db: tx, nexo: req.nexo).invite(
                    email: email, role: role, tenant: tenant, invitedBy: ctx.actor, on: tx)
            }
            req.session.flash = req.t("members.invited", email)
            return req.redirect(to: SiteRoute.settingsMembers.path)
        }
        routes.post(SiteRoute.memberRole(.key).pathComponents) { req, ctx async throws -> Response in
            try ctx.require(.manageMembers)
            let id = try req.idParameter()
            guard let role = Role(rawValue: (try? req.content.get(String.self, at: "role")) ?? "") else {
                throw Problem.badRequest("Unknown role.", field: "role")
            }
            try await req.db.writeTransaction { tx in
                guard
                    let membership = try await Membership.query(on: tx).filter(\.$id == id).filter(\.$tenant.$id == ctx.tenantID)
                        .first()
                else { throw Problem.notFound("Member") }
                if membership.role == .owner, role != .owner { try await requireAnotherOwner(ctx, excluding: id, on: tx) }
                let old = membership.role
                membership.role = role
                try await membership.update(on: tx)
                try await AuditLog.record(
                    "member.role_changed", context: ctx, entityType: "membership", entityID: id.uuidString,
                    details: ["from": old.rawValue, "to": role.rawValue], request: req, on: tx)
            }
            req.session.flash = req.t("members.role_changed")
            return req.redirect(to: SiteRoute.settingsMembers.path)
        }
        routes.post(SiteRoute.memberRemove(.key).pathComponents) { req, ctx async throws -> Response in
            try ctx.require(.manageMembers)
            let id = try req.idParameter()
            try await req.db.writeTransaction { tx in
                guard
                    let membership = try await Membership.query(on: tx).filter(\.$id == id).filter(\.$tenant.$id == ctx.tenantID)
                        .first()
                else { throw Problem.notFound("Member") }
                if membership.role == .owner { try await requireAnotherOwner(ctx, excluding: id, on: tx) }
                try await membership.delete(on: tx)
                try await AuditLog.record(
                    "member.removed", context: ctx, entityType: "membership", entityID: id.uuidString,
                    details: ["role": membership.role.rawValue], request: req, on: tx)
            }
            req.session.flash = req.t("members.removed")
            return req.redirect(to: SiteRoute.settingsMembers.path)
        }
        routes.post(SiteRoute.invitationRevoke(.key).pathComponents) { req, ctx async throws -> Response in
            try ctx.require(.inviteMembers)
            let id = try req.idParameter()
            try await req.db.writeTransaction { tx in
                let invitation = try await Invitation.findOr404(id, in: ctx, on: tx, what: "Invitation")
                guard invitation.acceptedAt == nil, invitation.revokedAt == nil else { return }
                invitation.revokedAt = Date()
                try await invitation.update(on: tx)
                try await AuditLog.record(
                    "invitation.revoked", context: ctx, entityType: "invitation", entityID: id.uuidString, request: req, on: tx)
            }
            return req.redirect(to: SiteRoute.settingsMembers.path)
        }
    }

    /// A business always keeps at least one owner.
    static func requireAnotherOwner(_ ctx: TenantContext, excluding id: UUID, on db: any Database) async throws {
        let owners = try await Membership.query(on: db).filter(\.$tenant.$id == ctx.tenantID).filter(\.$role == .owner)
            .filter(\.$id != id).count()
        if owners == 0 {
            throw ValidationFailure([
                FieldError(field: "role", code: "owner.last", message: "A business needs at least one owner.")
            ])
        }
    }
}
