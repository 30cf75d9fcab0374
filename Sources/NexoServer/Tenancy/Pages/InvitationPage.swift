import Fluent
import Foundation
import NexoCore
import SQLKit
import Vapor

/// Where an invitation link lands: a new person chooses a name and password; someone with an account confirms
/// with their password. Either way they join the business with the invited role, once.
enum InvitationPage {
    struct Context: Encodable {
        let shell: PublicShell
        let usable: Bool
        let tenantName: String
        let email: String
        let role: String
        let hasAccount: Bool
        let name: String
        let errors: FormErrors
        let action: String
        let signInURL: String
    }

    static func register(on routes: any RoutesBuilder) {
        routes.get(SiteRoute.invitation(token: .key).pathComponents) { req async throws -> Response in
            try await render(req, token: req.parameters.get("token") ?? "")
        }
        routes.post(SiteRoute.invitation(token: .key).pathComponents) { req async throws -> Response in
            let token = req.parameters.get("token") ?? ""
            let fields = try req.content.decode([String: String].self)
            guard let invitation = try await find(token, on: req.db), invitation.isUsable(),
                let tenant = try await Tenant.find(invitation.tenantID, on: req.db)
            else { return try await render(req, token: token) }

            let hasher = PasswordHasher(cost: req.nexo.settings.bcryptCost)
            let password = fields["password"] ?? ""
            let existing = try await User.query(on: req.db).filter(\.$email == invitation.email).first()
            let name = (fields["name"] ?? "").split(whereSeparator: \.isWhitespace).joined(separator: " ")
            var errors: [FieldError] = []
            if let existing {
                if let hash = existing.passwordHash, !hasher.verify(password, hash: hash) {
                    errors.append(FieldError(field: "password", code: "password.wrong", message: "Wrong password."))
                } else if existing.passwordHash == nil, let problem = SignUpForm.passwordProblem(password) {
                    errors.append(problem)
                }
            } else {
                if name.isEmpty || name.count > 100 {
                    errors.append(
                        FieldError(field: "name", code: "owner_name.invalid", message: "Your name needs 1 to 100 characters."))
                }
                if let problem = SignUpForm.passwordProblem(password) { errors.append(problem) }
            }
            if !errors.isEmpty {
                return try await render(
                    req, token: token, name: name, errors: FormErrors(ValidationFailure(errors), req: req),
                    status: .unprocessableEntity)
            }

            let user: User = try await req.db.writeTransaction { tx in
                let user: User
                if let existing {
                    user = existing
                    if existing.passwordHash == nil {
                        existing.passwordHash = try hasher.hash(password)
                        try await existing.update(on: tx)
                    }
                } else {
                    user = User(
                        email: invitation.email, name: name, passwordHash: try hasher.hash(password), locale: tenant.locale)
                    try await user.create(on: tx)
                }
                let userID = try user.requireID()
                // Only a still-unaccepted invitation is claimed; with the membership check below a double submit joins once.
                try await tx.sql.update("invitations").set("accepted_at", to: Date())
                    .where("id", .equal, try invitation.requireID()).where("accepted_at", .is, SQLLiteral.null).run()
                if try await Membership.query(on: tx).filter(\.$tenant.$id == invitation.tenantID).filter(\.$user.$id == userID)
                    .first() == nil
                {
                    try await Membership(tenantID: invitation.tenantID, userID: userID, role: invitation.role).create(on: tx)
                    try await AuditLog.record(
                        "member.joined", tenantID: invitation.tenantID,
                        actor: .user(id: userID, name: user.name, email: user.email),
                        entityType: "user", entityID: userID.uuidString, details: ["role": invitation.role.rawValue], on: tx)
                }
                return user
            }
            try await req.startSignedInSession(userID: try user.requireID(), tenantID: invitation.tenantID)
            req.session.flash = req.t("invitation.joined", tenant.name)
            return req.redirect(to: SiteRoute.dashboard.path)
        }
    }

    static func find(_ token: String, on db: any Database) async throws -> Invitation? {
        guard token.hasPrefix("inv_") else { return nil }
        return try await Invitation.query(on: db).filter(\.$tokenHash == SecretToken.hash(token)).first()
    }

    static func render(_ req: Request, token: String, name: String = "", errors: FormErrors = .none, status: HTTPStatus = .ok)
        async throws -> Response
    {
        let invitation = try await find(token, on: req.db)
        var tenant: Tenant?
        if let invitation { tenant = try await Tenant.find(invitation.tenantID, on: req.db) }
        let usable = invitation?.isUsable() == true && tenant != nil
        var hasAccount = false
        if let invitation, usable {
            hasAccount =
                try await User.query(on: req.db).filter(\.$email == invitation.email).filter(\.$passwordHash != nil).first()
                != nil
        }
        let context = Context(
            shell: PublicShell.make(req, title: req.t("invitation.title")), usable: usable, tenantName: tenant?.name ?? "",
            email: invitation?.email ?? "", role: invitation.map { req.t("role.\($0.role.rawValue)") } ?? "",
            hasAccount: hasAccount, name: name, errors: errors, action: SiteRoute.invitation(token: .value(token)).path,
            signInURL: SiteRoute.signIn.path)
        return try await req.render("tenancy/invitation", context, status: usable ? status : .gone)
    }
}
