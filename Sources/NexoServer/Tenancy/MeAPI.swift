import Foundation
import Vapor

/// `GET /api/v1/me`: which business a token belongs to, so an integration can check its set-up.
enum MeAPI {
    struct Response: Content {
        let tenantID: UUID
        let tenantName: String
        let slug: String
        let country: String
        let timeZone: String
        let locale: String
        let plan: String
        let status: String
        let token: String

        enum CodingKeys: String, CodingKey {
            case slug, country, locale, plan, status, token
            case tenantID = "tenant_id"
            case tenantName = "tenant_name"
            case timeZone = "time_zone"
        }
    }

    static func register(on routes: TenantRoutes) {
        routes.get(SiteRoute.api(.me).pathComponents) { _, ctx async throws -> Response in
            Response(
                tenantID: ctx.tenantID, tenantName: ctx.tenantName, slug: ctx.tenantSlug, country: ctx.country,
                timeZone: ctx.timeZone, locale: ctx.tenantLocale, plan: ctx.plan.rawValue, status: ctx.status.rawValue,
                token: ctx.actor.label)
        }
    }
}
