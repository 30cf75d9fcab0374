import Fluent
import Foundation
import NexoCore
import Vapor

/// The business profile: name, country, time zone, language; the plan (owners change it).
enum ProfileSettingsPage {

    struct Context: Encodable {
        let shell: Shell
        let form: [String: String]
        let errors: FormErrors
        let countries: [SelectOption]
        let locales: [SelectOption]
        let plans: [SelectOption]
        let canChangePlan: Bool
        let status: String
        let action: String
    }

    static func context(_ req: Request, _ ctx: TenantContext, form: [String: String]? = nil, errors: FormErrors = .none)
        async throws
        -> Context
    {
        let values =
            form ?? [
                "name": ctx.tenantName, "country": ctx.country, "time_zone": ctx.timeZone, "locale": ctx.tenantLocale,
                "plan": ctx.plan.rawValue,
            ]
        return Context(
            shell: try await Shell.make(req, ctx, section: "settings.profile", title: req.t("settings.profile")), form: values,
            errors: errors,
            countries: Country.all.map {
                SelectOption(value: $0.code, label: $0.name(locale: req.locale), selected: $0.code == values["country"])
            },
            locales: Translations.supportedLocales.map {
                SelectOption(value: $0, label: req.t("locale.\($0)"), selected: $0 == values["locale"])
            },
            plans: Plan.allCases.map {
                SelectOption(value: $0.rawValue, label: req.t("plan.\($0.rawValue)"), selected: $0.rawValue == values["plan"])
            },
            canChangePlan: ctx.role.allows(.managePlan), status: req.t("status.tenant.\(ctx.status.rawValue)"),
            action: SiteRoute.settingsProfile.path)
    }

    static func register(on routes: TenantRoutes) {
        routes.get(SiteRoute.settingsProfile.pathComponents) { req, ctx async throws -> View in
            try ctx.require(.manageSettings)
            return try await req.view.render("settings/profile", try await context(req, ctx))
        }
        routes.post(SiteRoute.settingsProfile.pathComponents) { req, ctx async throws -> Response in
            try ctx.require(.manageSettings)
            let fields = try req.content.decode([String: String].self)
            var errors: [FieldError] = []
            let name = (fields["name"] ?? "").split(whereSeparator: \.isWhitespace).joined(separator: " ")
            if name.isEmpty || name.count > 100 {
                errors.append(FieldError(field: "name", code: "business_name.invalid", message: "1 to 100 characters."))
            }
            let country = Country.find(fields["country"] ?? "")
            if country == nil {
                errors.append(FieldError(field: "country", code: "country.unknown", message: "Unknown country."))
            }
            let timeZone = (fields["time_zone"] ?? "").trimmingCharacters(in: .whitespaces)
            if TimeZone(identifier: timeZone) == nil {
                errors.append(FieldError(field: "time_zone", code: "time_zone.unknown", message: "Unknown time zone."))
            }
            let locale = fields["locale"] ?? ""
            if !Translations.supportedLocales.contains(locale) {
                errors.append(FieldError(field: "locale", code: "locale.unsupported", message: "Unsupported language."))
            }
            var plan: Plan?
            if let raw = fields["plan"], raw != ctx.plan.rawValue {
                try ctx.require(.managePlan)
                plan = Plan(rawValue: raw)
                if plan == nil { errors.append(FieldError(field: "plan", code: "plan.unknown", message: "Unknown plan.")) }
            }
            let newPlan = plan
            guard errors.isEmpty, let country else {
                let failed = try await context(req, ctx, form: fields, errors: FormErrors(ValidationFailure(errors), req: req))
                return try await req.render("settings/profile", failed, status: .unprocessableEntity)
            }
            try await req.db.writeTransaction { tx in
                guard let tenant = try await Tenant.find(ctx.tenantID, on: tx) else { throw Problem.notFound() }
                var changed: [String: String] = [:]
                if tenant.name != name { changed["name"] = name }
                if tenant.country != country.code { changed["country"] = country.code }
                if tenant.timeZone != timeZone { changed["time_zone"] = timeZone }
                if tenant.locale != locale { changed["locale"] = locale }
                if let newPlan, newPlan != tenant.plan { changed["plan"] = newPlan.rawValue }
                tenant.name = name
                tenant.country = country.code
                tenant.timeZone = timeZone
                tenant.locale = locale
                if let newPlan { tenant.plan = newPlan }
                try await tenant.update(on: tx)
                if !changed.isEmpty {
                    try await AuditLog.record(
                        newPlan != nil ? "tenant.plan_changed" : "tenant.updated", context: ctx, entityType: "tenant",
                        entityID: ctx.tenantID.uuidString, details: changed, request: req, on: tx)
                }
            }
            req.session.flash = req.t("settings.saved")
            return req.redirect(to: SiteRoute.settingsProfile.path)
        }
    }
}
