import Fluent
import Foundation
import NexoCore
import Vapor

/// The landing page after sign-in: real counts from the contact base.
enum DashboardPage {
    struct SourceCount: Encodable {
        let source: String
        let label: String
        let count: Int
        let percent: Int
        let href: String
    }

    struct Context: Encodable {
        let shell: Shell
        let total: Int
        let newThisWeek: Int
        let bySource: [SourceCount]
        let contactsURL: String
        let newContactURL: String
    }

    static func context(_ req: Request, _ ctx: TenantContext) async throws -> Context {
        let stats = try await ContactQueries(db: req.db, context: ctx).stats()
        return Context(
            shell: try await Shell.make(req, ctx, section: "dashboard", title: req.t("nav.dashboard")),
            total: stats.total, newThisWeek: stats.newThisWeek,
            bySource: stats.bySource.map {
                SourceCount(
                    source: $0.source, label: req.t("source.\($0.source)", fallback: $0.source), count: $0.count,
                    percent: stats.total == 0 ? 0 : Int((Double($0.count) * 100 / Double(stats.total)).rounded()),
                    href: SiteRoute.contacts.path(query: ["source": $0.source]))
            },
            contactsURL: SiteRoute.contacts.path, newContactURL: SiteRoute.contactNew.path)
    }

    static func register(on routes: TenantRoutes) {
        routes.get(SiteRoute.dashboard.pathComponents) { req, ctx async throws -> View in
            try await req.view.render("dashboard/dashboard", try await context(req, ctx))
        }
    }
}
