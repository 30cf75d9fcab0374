import Fluent
import Foundation
import NexoCore
import Vapor

/// Sign-in with e-mail and password, throttled per e-mail and per IP.
enum SignInPage {
    struct Context: Encodable {
        let shell: PublicShell
        let email: String
        let error: String?
        let next: String?
        let action: String
        let signUpURL: String
    }

    static func render(_ req: Request, email: String = "", error: String? = nil, next: String? = nil, status: HTTPStatus = .ok)
        async throws -> Response
    {
        let context = Context(
            shell: PublicShell.make(req, title: req.t("signin.title")), email: email, error: error, next: next,
            action: SiteRoute.signIn.path, signUpURL: SiteRoute.signUp.path)
        return try await req.render("tenancy/signin", context, status: status)
    }

    /// Only same-site paths, so a crafted link cannot send people elsewhere after signing in.
    static func safeNext(_ raw: String?) -> String? {
        guard let raw, raw.hasPrefix("/"), !raw.hasPrefix("//"), !raw.hasPrefix("/\\") else { return nil }
        return raw
    }

    static func register(on routes: any RoutesBuilder) {
        routes.get(SiteRoute.signIn.pathComponents) { req async throws -> Response in
            if req.session.userID != nil { return req.redirect(to: SiteRoute.dashboard.path) }
            return try await render(req, next: safeNext(try? req.query.get(String.self, at: "next")))
        }
        routes.post(SiteRoute.signIn.pathComponents) { req async throws -> Response in
            let fields = try req.content.decode([String: String].self)
            let typedEmail = fields["email"] ?? ""
            let email = EmailAddress.normalize(typedEmail) ?? typedEmail.trimmingCharacters(in: .whitespaces).lowercased()
            let password = fields["password"] ?? ""
            let next = safeNext(fields["next"])
            let ip = req.remoteAddress?.ipAddress
            let settings = req.nexo.settings
            let guardian = SignInGuard(maxFailures: settings.signInMaxFailures, lockSeconds: settings.signInLockSeconds)

            if let wait = try await guardian.retryAfter(email: email, ip: ip, on: req.db) {
                let minutes = String(Int((Double(wait) / 60).rounded(.up)))
                let response = try await render(
                    req, email: typedEmail, error: req.t("signin.throttled", minutes), next: next, status: .tooManyRequests)
                response.headers.replaceOrAdd(name: .retryAfter, value: String(wait))
                return response
            }
            let hasher = PasswordHasher(cost: settings.bcryptCost)
            guard let user = try await User.query(on: req.db).filter(\.$email == email).first(),
                let hash = user.passwordHash, hasher.verify(password, hash: hash)
            else {
                try await guardian.recordFailure(email: email, ip: ip, on: req.db)
                return try await render(req, email: typedEmail, error: req.t("signin.failed"), next: next, status: .unauthorized)
            }
            let userID = try user.requireID()
            let memberships = try await Membership.query(on: req.db).filter(\.$user.$id == userID).with(\.$tenant)
                .sort(\.$createdAt).all()
            guard let membership = memberships.first(where: { $0.tenant.status.canSignIn }) else {
                let reason = memberships.first?.tenant.statusReason ?? ""
                let message = memberships.isEmpty ? req.t("signin.no_business") : req.t("signin.banned", reason)
                return try await render(req, email: typedEmail, error: message, next: next, status: .forbidden)
            }
            try await guardian.recordSuccess(email: email, on: req.db)
            try await req.startSignedInSession(userID: userID, tenantID: membership.$tenant.id)
            try await AuditLog.record(
                "user.signed_in", tenantID: membership.$tenant.id,
                actor: .user(id: userID, name: user.name, email: user.email), ip: ip, on: req.db)
            return req.redirect(to: next ?? SiteRoute.dashboard.path)
        }
    }
}
