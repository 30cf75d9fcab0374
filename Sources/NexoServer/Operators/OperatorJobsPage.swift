import Fluent
import Foundation
import NexoCore
import Vapor

/// Operators → Background work: every business's jobs, filtered by state, kind and business; which businesses have
/// the most work waiting; retry or cancel one job, or retry every dead job of a filter at once (after fixing what
/// killed them). Only for operators (`nexo operators grant`); anyone else gets a 404.
enum OperatorJobsPage {
    struct Backlog: Encodable, Sendable {
        let tenant: String
        let filterURL: String
        let waiting: Int
        let running: Int
        let dead: Int
    }

    struct Context: Encodable, Sendable {
        let shell: Shell
        let rows: [JobsPage.Row]
        let counts: [SelectOption]
        let backlog: [Backlog]
        let states: [SelectOption]
        let kinds: [SelectOption]
        let tenant: String
        let tenantError: String?
        let action: String
        let retryDeadURL: String
        let retryDeadKind: String
        let retryDeadTenant: String
        let nextURL: String?
    }

    /// The filter as the query string gives it; an unknown business is reported, not ignored.
    struct Query {
        var filter = JobFilter()
        var tenant = ""
        var tenantError: String?

        static func parse(_ req: Request) async throws -> Query {
            var query = Query()
            query.filter.state = (try? req.query.get(String.self, at: "state")).flatMap(JobState.init(rawValue:))
            let kind = (try? req.query.get(String.self, at: "kind")) ?? ""
            query.filter.kind = kind.isEmpty ? nil : kind
            query.tenant = ((try? req.query.get(String.self, at: "tenant")) ?? "").trimmingCharacters(in: .whitespaces)
            if !query.tenant.isEmpty {
                if let tenant = try await TenantLookup.find(query.tenant, on: req.db) {
                    query.filter.tenantID = try tenant.requireID()
                } else {
                    query.tenantError = req.t("ops.jobs.unknown_tenant")
                    // Show nothing rather than every business's jobs under a filter that did not apply.
                    query.filter.tenantID = UUID()
                }
            }
            if let raw = try? req.query.get(String.self, at: "cursor") {
                guard let cursor = Cursor(encoded: raw) else { throw Problem.badRequest("cursor is not valid.", field: "cursor") }
                query.filter.before = cursor
            }
            return query
        }
    }

    static func register(on routes: TenantRoutes) {
        routes.get(SiteRoute.opsJobs.pathComponents) { req, ctx async throws -> View in
            try await Operator.require(req, ctx)
            return try await req.view.render("ops/jobs", try await context(req, ctx))
        }
        for (route, action) in [
            (SiteRoute.opsJobRetry(.key), JobsPage.Action.retry), (SiteRoute.opsJobCancel(.key), .cancel),
        ] {
            routes.post(route.pathComponents) { req, ctx async throws -> Response in
                try await Operator.require(req, ctx)
                let id = try req.idParameter()
                try await JobsPage.act(action, on: id, tenantID: nil, req)
                req.logger.notice(
                    "operator \(action.rawValue) on a job",
                    metadata: ["job": .string(id.uuidString), "by": .string(ctx.actor.label)])
                return req.redirect(to: back(req))
            }
        }
        routes.post(SiteRoute.opsJobsRetryDead.pathComponents) { req, ctx async throws -> Response in
            try await Operator.require(req, ctx)
            struct Form: Decodable {
                var kind: String?
                var tenant: String?
            }
            let form = try req.content.decode(Form.self)
            var filter = JobFilter()
            filter.state = .dead
            if let kind = form.kind?.trimmingCharacters(in: .whitespaces), !kind.isEmpty { filter.kind = kind }
            if let key = form.tenant?.trimmingCharacters(in: .whitespaces), !key.isEmpty {
                guard let tenant = try await TenantLookup.find(key, on: req.db) else {
                    req.session.flash = req.t("ops.jobs.unknown_tenant")
                    return req.redirect(to: SiteRoute.opsJobs.path)
                }
                filter.tenantID = try tenant.requireID()
            }
            let retried = try await req.nexo.jobQueue(on: req.db).retryAll(filter)
            req.logger.notice(
                "operator retried dead jobs",
                metadata: [
                    "count": .stringConvertible(retried), "kind": .string(filter.kind ?? "*"),
                    "tenant": .string(filter.tenantID?.uuidString ?? "*"), "by": .string(ctx.actor.label),
                ])
            req.session.flash = req.t("ops.jobs.retried_dead", String(retried))
            return req.redirect(
                to: SiteRoute.opsJobs.path(query: ["state": JobState.dead.rawValue, "kind": filter.kind, "tenant": form.tenant]))
        }
    }

    /// Back to the list the action was taken from, when it was this page.
    private static func back(_ req: Request) -> String {
        let list = SiteRoute.opsJobs.path
        guard let referer = req.headers.first(name: .referer), let url = URL(string: referer),
            url.path == list
        else { return list }
        return url.query.map { "\(list)?\($0)" } ?? list
    }

    static func context(_ req: Request, _ ctx: TenantContext) async throws -> Context {
        let query = try await Query.parse(req)
        var filter = query.filter
        filter.limit = 51
        let queue = req.nexo.jobQueue(on: req.db)
        let jobs = try await queue.list(filter)
        let backlog = try await queue.backlog(limit: 10)
        let tenantIDs = Set(jobs.map(\.tenantID) + backlog.map(\.tenantID))
        let tenants = Dictionary(
            uniqueKeysWithValues: try await Tenant.query(on: req.db).filter(\.$id ~~ tenantIDs).all().map {
                ($0.id ?? UUID(), $0)
            })
        func name(_ id: UUID) -> String { tenants[id].map { "\($0.name) (\($0.slug))" } ?? id.uuidString }
        let zone = ctx.zone
        let rows = jobs.prefix(50).map {
            JobsPage.row(
                $0, req, zone: zone, tenant: name($0.tenantID), retryURL: { SiteRoute.opsJobRetry(.value($0)).path },
                cancelURL: { SiteRoute.opsJobCancel(.value($0)).path })
        }
        let next =
            jobs.count > 50
            ? SiteRoute.opsJobs.path(query: [
                "state": filter.state?.rawValue, "kind": filter.kind, "tenant": query.tenant.isEmpty ? nil : query.tenant,
                "cursor": Cursor(time: jobs[49].createdAt, id: jobs[49].id).encoded,
            ]) : nil
        let kinds = ([""] + req.nexo.jobs.kinds).map {
            SelectOption(
                value: $0, label: $0.isEmpty ? req.t("ops.jobs.all_kinds") : req.t("jobs.kind.\($0)", fallback: $0),
                selected: $0 == (filter.kind ?? ""))
        }
        return Context(
            shell: try await Shell.make(req, ctx, section: "ops.jobs", title: req.t("ops.jobs.title")), rows: rows,
            counts: JobsPage.countOptions(req, try await queue.counts(tenantID: nil)),
            backlog: backlog.map {
                Backlog(
                    tenant: name($0.tenantID),
                    filterURL: SiteRoute.opsJobs.path(query: ["tenant": tenants[$0.tenantID]?.slug ?? $0.tenantID.uuidString]),
                    waiting: $0.waiting, running: $0.running, dead: $0.dead)
            },
            states: JobsPage.stateOptions(req, selected: filter.state), kinds: kinds, tenant: query.tenant,
            tenantError: query.tenantError, action: SiteRoute.opsJobs.path, retryDeadURL: SiteRoute.opsJobsRetryDead.path,
            retryDeadKind: filter.kind ?? "", retryDeadTenant: query.tenant, nextURL: next)
    }
}
