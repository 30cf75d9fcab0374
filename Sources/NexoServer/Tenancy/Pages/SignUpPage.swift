import Fluent
import Foundation
import NexoCore
import Vapor

/// The first visit's page: a business, its country (which pre-fills time zone, phone prefix and language) and its owner.
enum SignUpPage {
    struct CountryOption: Encodable {
        let code: String
        let name: String
        let timeZone: String
        let callingCode: String
        let locale: String
        let selected: Bool
    }

    struct Form: Encodable {
        var businessName = ""
        var country = "AR"
        var ownerName = ""
        var email = ""
    }

    struct Context: Encodable {
        let shell: PublicShell
        let form: Form
        let errors: FormErrors
        let countries: [CountryOption]
        let action: String
        let signInURL: String
    }

    static func context(_ req: Request, form: Form = Form(), errors: FormErrors = .none) -> Context {
        Context(
            shell: PublicShell.make(req, title: req.t("signup.title")), form: form, errors: errors,
            countries: Country.all.map {
                CountryOption(
                    code: $0.code, name: $0.name(locale: req.locale), timeZone: $0.timeZone, callingCode: $0.callingCode,
                    locale: $0.locale, selected: $0.code == form.country)
            }.sorted { $0.name < $1.name },
            action: SiteRoute.signUp.path, signInURL: SiteRoute.signIn.path)
    }

    static func register(on routes: any RoutesBuilder) {
        routes.get(SiteRoute.signUp.pathComponents) { req async throws -> View in
            try await req.view.render("tenancy/signup", context(req))
        }
        routes.post(SiteRoute.signUp.pathComponents) { req async throws -> Response in
            let fields = try req.content.decode([String: String].self)
            let form = Form(
                businessName: fields["business_name"] ?? "", country: fields["country"] ?? "",
                ownerName: fields["owner_name"] ?? "",
                email: fields["email"] ?? "")
            let signUp = SignUpForm(
                businessName: form.businessName, country: form.country, ownerName: form.ownerName, email: form.email,
                password: fields["password"] ?? "", locale: req.hasSession ? req.session.visitorLocale : nil)
            do {
                let created = try await TenancyService(db: req.db, nexo: req.nexo)
                    .createTenant(signUp, hasher: PasswordHasher(cost: req.nexo.settings.bcryptCost))
                try await req.startSignedInSession(
                    userID: try created.owner.requireID(), tenantID: try created.tenant.requireID())
                req.locale = created.owner.locale
                req.session.flash = req.t("signup.welcome", created.tenant.name)
                return req.redirect(to: SiteRoute.dashboard.path)
            } catch let failure as ValidationFailure {
                return try await req.render(
                    "tenancy/signup", context(req, form: form, errors: FormErrors(failure, req: req)),
                    status: .unprocessableEntity)
            }
        }
    }
}
