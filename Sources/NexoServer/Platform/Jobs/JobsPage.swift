import Foundation
import NexoCore
import Vapor

/// Settings → Background work: the business's jobs (e-mails, automation runs, fan-outs) with their state and last
/// error; dead and cancelled ones can be retried, waiting ones cancelled. Operators see every tenant's on
/// `OperatorJobsPage` and with `nexo jobs`.
enum JobsPage {
    struct Row: Encodable, Sendable {
        /// The business, on the operators' page.
        var tenant: String? = nil
        let kind: String
        let state: String
        let stateLabel: String
        let attempts: String
        let runAt: String
        let created: String
        let lastError: String?
        let retryURL: String?
        let cancelURL: String?
    }

    struct Context: Encodable, Sendable {
        let shell: Shell
        let rows: [Row]
        let counts: [SelectOption]
        let states: [SelectOption]
        let action: String
        let nextURL: String?
        /// For operators: the page with every business's jobs.
        let operatorURL: String?
    }

    /// One job as a table row; `retryURL`/`cancelURL` build the actions' links when the job's state allows them.
    static func row(
        _ job: JobSummary, _ req: Request, zone: TimeZone, tenant: String? = nil, retryURL: (UUID) -> String,
        cancelURL: (UUID) -> String
    ) -> Row {
        let state = JobState(rawValue: job.state)
        func when(_ date: Date) -> String { PageFormat.dateTime(date, timeZone: zone, locale: req.locale) }
        return Row(
            tenant: tenant, kind: req.t("jobs.kind.\(job.kind)", fallback: job.kind), state: job.state,
            stateLabel: req.t("jobs.state.\(job.state)"), attempts: "\(job.attempts)/\(job.maxAttempts)",
            runAt: when(job.runAt), created: when(job.createdAt), lastError: job.lastError,
            retryURL: state?.isRetryable == true ? retryURL(job.id) : nil,
            cancelURL: state?.isCancellable == true ? cancelURL(job.id) : nil)
    }

    /// The options of a state filter, "all" first.
    static func stateOptions(_ req: Request, selected: JobState?) -> [SelectOption] {
        ([""] + JobState.allCases.map(\.rawValue)).map {
            SelectOption(
                value: $0, label: $0.isEmpty ? req.t("jobs.all_states") : req.t("jobs.state.\($0)"),
                selected: $0 == (selected?.rawValue ?? ""))
        }
    }

    /// "state: count" for the page header.
    static func countOptions(_ req: Request, _ counts: [String: Int]) -> [SelectOption] {
        JobState.allCases.map {
            SelectOption(value: String(counts[$0.rawValue] ?? 0), label: req.t("jobs.state.\($0.rawValue)"), selected: false)
        }
    }

    static func register(on routes: TenantRoutes) {
        routes.get(SiteRoute.settingsJobs.pathComponents) { req, ctx async throws -> View in
            try ctx.require(.manageSettings)
            let queue = req.nexo.jobQueue(on: req.db)
            var filter = JobFilter()
            filter.tenantID = ctx.tenantID
            filter.state = (try? req.query.get(String.self, at: "state")).flatMap(JobState.init(rawValue:))
            filter.limit = 51
            if let raw = try? req.query.get(String.self, at: "cursor") {
                guard let cursor = Cursor(encoded: raw) else { throw Problem.badRequest("cursor is not valid.", field: "cursor") }
                filter.before = cursor
            }
            let jobs = try await queue.list(filter)
            let counts = try await queue.counts(tenantID: ctx.tenantID)
            let zone = ctx.zone
            let rows = jobs.prefix(50).map {
                row(
                    $0, req, zone: zone, retryURL: { SiteRoute.jobRetry(.value($0)).path },
                    cancelURL: { SiteRoute.jobCancel(.value($0)).path })
            }
            let next =
                jobs.count > 50
                ? SiteRoute.settingsJobs.path(query: [
                    "state": filter.state?.rawValue,
                    "cursor": Cursor(time: jobs[49].createdAt, id: jobs[49].id).encoded,
                ]) : nil
            return try await req.view.render(
                "settings/jobs",
                Context(
                    shell: try await Shell.make(req, ctx, section: "settings.jobs", title: req.t("settings.jobs")), rows: rows,
                    counts: countOptions(req, counts), states: stateOptions(req, selected: filter.state),
                    action: SiteRoute.settingsJobs.path, nextURL: next,
                    operatorURL: try await Operator.isOperator(ctx, on: req.db) ? SiteRoute.opsJobs.path : nil))
        }
        routes.post(SiteRoute.jobRetry(.key).pathComponents) { req, ctx async throws -> Response in
            try ctx.require(.manageSettings)
            try ctx.requireWritable()
            try await act(.retry, on: try req.idParameter(), tenantID: ctx.tenantID, req)
            return req.redirect(to: SiteRoute.settingsJobs.path)
        }
        routes.post(SiteRoute.jobCancel(.key).pathComponents) { req, ctx async throws -> Response in
            try ctx.require(.manageSettings)
            try ctx.requireWritable()
            try await act(.cancel, on: try req.idParameter(), tenantID: ctx.tenantID, req)
            return req.redirect(to: SiteRoute.settingsJobs.path)
        }
    }

    enum Action: String {
        case retry, cancel
    }

    /// Retries or cancels one job — of `tenantID` only, or of any business (operators, `nil`) — and says how it went
    /// in the flash. Another business's job is not found.
    static func act(_ action: Action, on id: UUID, tenantID: UUID?, _ req: Request) async throws {
        let queue = req.nexo.jobQueue(on: req.db)
        guard try await queue.find(id, tenantID: tenantID) != nil else { throw Problem.notFound("Job") }
        switch action {
        case .retry:
            let retried = try await queue.retry(ids: [id], tenantID: tenantID)
            req.session.flash = req.t(retried == 1 ? "jobs.retried" : "jobs.not_retryable")
        case .cancel:
            let cancelled = try await queue.cancel(ids: [id], tenantID: tenantID)
            req.session.flash = req.t(cancelled == 1 ? "jobs.cancelled" : "jobs.not_cancellable")
        }
    }
}
