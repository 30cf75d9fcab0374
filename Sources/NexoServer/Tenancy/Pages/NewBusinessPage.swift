import Fluent
import Foundation
import NexoCore
import Vapor

/// A signed-in person opens another business (a second clinic, a new shop) and becomes its owner.
enum NewBusinessPage {
    struct Context: Encodable {
        let shell: Shell
        let form: [String: String]
        let errors: FormErrors
        let countries: [SelectOption]
        let action: String
    }

    static func context(_ req: Request, _ ctx: TenantContext, form: [String: String], errors: FormErrors = .none) async throws
        -> Context
    {
        let country = form["country"] ?? ctx.country
        return Context(
            shell: try await Shell.make(req, ctx, section: "", title: req.t("business.new")), form: form, errors: errors,
            countries: Country.all.map { .init(value: $0.code, label: $0.name(locale: req.locale), selected: $0.code == country) }
                .sorted { $0.label < $1.label },
            action: SiteRoute.businessNew.path)
    }

    static func register(on routes: TenantRoutes) {
        routes.get(SiteRoute.businessNew.pathComponents) { req, ctx async throws -> View in
            try await req.view.render("tenancy/business-new", try await context(req, ctx, form: [:]))
        }
        routes.post(SiteRoute.businessNew.pathComponents) { req, ctx async throws -> Response in
            guard case .user(let userID, let name, let email) = ctx.actor else { throw Abort(.forbidden) }
            let fields = try req.content.decode([String: String].self)
            let form = SignUpForm(
                businessName: fields["business_name"] ?? "", country: fields["country"] ?? "", ownerName: name, email: email,
                password: nil, locale: req.locale)
            do {
                let created = try await TenancyService(db: req.db, nexo: req.nexo)
                    .createTenant(form, allowExistingUser: true, hasher: PasswordHasher(cost: req.nexo.settings.bcryptCost))
                guard try created.owner.requireID() == userID else { throw Abort(.internalServerError) }
                req.session.tenantID = try created.tenant.requireID()
                req.session.flash = req.t("signup.welcome", created.tenant.name)
                return req.redirect(to: SiteRoute.dashboard.path)
            } catch let failure as ValidationFailure {
                let failed = try await context(req, ctx, form: fields, errors: FormErrors(failure, req: req))
                return try await req.render("tenancy/business-new", failed, status: .unprocessableEntity)
            }
        }
    }
}
