import Fluent
import Foundation
import NexoCore
import Vapor

/// `/api/v1/automations…`: automations as other systems see them — list, read, switch on and off or change,
/// their runs, and retrying a run. Trigger, conditions, steps and re-entry use NexoCore's JSON shapes.
struct AutomationsAPIController: Sendable {
    struct AutomationResponse: Content {
        let id: UUID
        let name: String
        let builtin: String?
        let enabled: Bool
        let trigger: AutomationTrigger
        let conditions: ConditionGroup
        let steps: [Step]
        let reentry: Reentry
        let runsCount: Int
        let succeededCount: Int
        let failedCount: Int
        let skippedCount: Int
        let lastRunAt: Date?
        let nextFireAt: Date?
        let createdAt: Date
        let updatedAt: Date

        enum CodingKeys: String, CodingKey {
            case id, name, builtin, enabled, trigger, conditions, steps, reentry
            case runsCount = "runs_count"
            case succeededCount = "succeeded_count"
            case failedCount = "failed_count"
            case skippedCount = "skipped_count"
            case lastRunAt = "last_run_at"
            case nextFireAt = "next_fire_at"
            case createdAt = "created_at"
            case updatedAt = "updated_at"
        }

        init(_ automation: Automation) throws {
            let definition = try automation.definition
            id = try automation.requireID()
            name = automation.name
            builtin = automation.builtin
            enabled = automation.enabled
            trigger = definition.trigger
            conditions = definition.conditions
            steps = definition.steps
            reentry = definition.reentry
            runsCount = automation.runsCount
            succeededCount = automation.succeededCount
            failedCount = automation.failedCount
            skippedCount = automation.skippedCount
            lastRunAt = automation.lastRunAt
            nextFireAt = automation.nextFireAt
            createdAt = automation.createdAt
            updatedAt = automation.updatedAt
        }
    }

    struct RunResponse: Content {
        let id: UUID
        let automationID: UUID
        let contactID: UUID?
        let trigger: String
        let state: String
        let stepIndex: Int
        let error: String?
        let note: String?
        let createdAt: Date
        let startedAt: Date?
        let finishedAt: Date?

        enum CodingKeys: String, CodingKey {
            case id, trigger, state, error, note
            case automationID = "automation_id"
            case contactID = "contact_id"
            case stepIndex = "step_index"
            case createdAt = "created_at"
            case startedAt = "started_at"
            case finishedAt = "finished_at"
        }

        init(_ run: AutomationRun) throws {
            id = try run.requireID()
            automationID = run.automationID
            contactID = run.contactID
            trigger = run.trigger
            state = run.state.rawValue
            stepIndex = run.stepIndex
            error = run.error
            // The API gives the English text; pages translate the code.
            note = run.note.map { note in (try? AutomationJSON.decode(RunNote.self, note))?.message ?? note }
            createdAt = run.createdAt
            startedAt = run.startedAt
            finishedAt = run.finishedAt
        }
    }

    func register(on routes: TenantRoutes) {
        routes.get(SiteRoute.api(.automations).pathComponents, use: list)
        routes.get(SiteRoute.api(.automation(.key)).pathComponents, use: get)
        routes.patch(SiteRoute.api(.automation(.key)).pathComponents, use: update)
        routes.get(SiteRoute.api(.automationRuns(.key)).pathComponents, use: runs)
        routes.post(SiteRoute.api(.automationRunRetry(.key)).pathComponents, use: retry)
    }

    @Sendable func list(req: Request, ctx: TenantContext) async throws -> Page<AutomationResponse> {
        try ctx.require(.readAutomations)
        try await BuiltInAutomations.install(
            tenantID: ctx.tenantID, locale: ctx.tenantLocale, secrets: req.nexo.secrets, on: req.db)
        let automations = try await Automation.scoped(to: ctx, on: req.db).sort(\.$createdAt).sort(\.$id).all()
        return Page(data: try automations.map(AutomationResponse.init), nextCursor: nil)
    }

    @Sendable func get(req: Request, ctx: TenantContext) async throws -> AutomationResponse {
        try ctx.require(.readAutomations)
        return try AutomationResponse(
            try await Automation.findOr404(try req.idParameter(), in: ctx, on: req.db, what: "Automation"))
    }

    /// Any of `name`, `enabled`, `trigger`, `conditions`, `steps`, `reentry`; the result is validated as a whole.
    @Sendable func update(req: Request, ctx: TenantContext) async throws -> AutomationResponse {
        try ctx.require(.manageAutomations)
        try ctx.requireWritable()
        let automation = try await Automation.findOr404(try req.idParameter(), in: ctx, on: req.db, what: "Automation")
        let body = try req.jsonObject()
        let known: Set<String> = ["name", "enabled", "trigger", "conditions", "steps", "reentry"]
        var errors = body.keys.filter { !known.contains($0) }.sorted().map {
            FieldError(field: $0, code: "field.unknown", message: "Unknown field")
        }
        var definition = try automation.definition
        var enabled = automation.enabled
        func decode<T: Decodable>(_ key: String, _ type: T.Type) -> T? {
            guard let value = body[key] else { return nil }
            do {
                return try JSONDecoder().decode(type, from: Data(value.jsonText.utf8))
            } catch {
                errors.append(
                    FieldError(field: key, code: "field.invalid", message: "Not a valid \(key): \(Self.describe(error))"))
                return nil
            }
        }
        if let value = body["enabled"] {
            if case .bool(let flag) = value {
                enabled = flag
            } else {
                errors.append(FieldError(field: "enabled", code: "field.type", message: "Must be true or false"))
            }
        }
        if let value = body["name"] {
            if case .string(let name) = value {
                definition.name = name
            } else {
                errors.append(FieldError(field: "name", code: "field.type", message: "Must be a string"))
            }
        }
        if let trigger = decode("trigger", AutomationTrigger.self) { definition.trigger = trigger }
        if let conditions = decode("conditions", ConditionGroup.self) { definition.conditions = conditions }
        if let steps = decode("steps", [Step].self) { definition.steps = steps }
        if let reentry = decode("reentry", Reentry.self) { definition.reentry = reentry }
        errors += definition.validate()
        if !errors.isEmpty { throw ValidationFailure(errors) }
        try await AutomationService(app: req.application, context: ctx).update(
            automation, with: definition, enabled: enabled, request: req)
        return try AutomationResponse(automation)
    }

    @Sendable func runs(req: Request, ctx: TenantContext) async throws -> Page<RunResponse> {
        try ctx.require(.readAutomations)
        let automation = try await Automation.findOr404(try req.idParameter(), in: ctx, on: req.db, what: "Automation")
        let page = try PageRequest(from: req.query)
        let automationID = try automation.requireID()
        var query = AutomationRun.scoped(to: ctx, on: req.db).filter(\.$automationID == automationID)
        if let raw = try? req.query.get(String.self, at: "state") {
            guard let state = AutomationRun.State(rawValue: raw) else {
                throw Problem.badRequest(
                    "state must be one of \(AutomationRun.State.allCases.map(\.rawValue).joined(separator: ", ")).",
                    field: "state")
            }
            query = query.filter(\.$state == state)
        }
        if let cursor = page.cursor {
            query = query.group(.or) { or in
                or.filter(\.$createdAt < cursor.earliest)
                    .group(.and) { and in
                        and.filter(\.$createdAt >= cursor.earliest).filter(\.$createdAt <= cursor.latest)
                            .filter(\.$id < cursor.id)
                    }
            }
        }
        let rows = try await query.sort(\.$createdAt, .descending).sort(\.$id, .descending).limit(page.limit + 1).all()
        let shown = rows.prefix(page.limit)
        let next =
            rows.count > page.limit ? shown.last.flatMap { run in run.id.map { Cursor(time: run.createdAt, id: $0) } } : nil
        return Page(data: try shown.map(RunResponse.init), nextCursor: next?.encoded)
    }

    /// `{"from": "failed_step"}` (default) or `{"from": "start"}`; 202 with the run, which runs again in the background.
    @Sendable func retry(req: Request, ctx: TenantContext) async throws -> Response {
        try ctx.require(.manageAutomations)
        try ctx.requireWritable()
        let run = try await AutomationRun.findOr404(try req.idParameter(), in: ctx, on: req.db, what: "Run")
        let body = req.body.data == nil ? [:] : try req.jsonObject()
        let from = body["from"].flatMap { if case .string(let text) = $0 { text } else { nil } } ?? "failed_step"
        guard from == "start" || from == "failed_step" else {
            throw ValidationFailure([FieldError(field: "from", code: "field.invalid", message: "Must be start or failed_step")])
        }
        try await AutomationEngine(app: req.application).retry(run, fromStart: from == "start")
        return try await RunResponse(run).encodeResponse(status: .accepted, for: req)
    }

    static func describe(_ error: any Error) -> String {
        if case DecodingError.dataCorrupted(let context) = error { return context.debugDescription }
        if case DecodingError.keyNotFound(let key, _) = error { return "missing \(key.stringValue)" }
        if case DecodingError.typeMismatch(_, let context) = error { return context.debugDescription }
        return "\(error)"
    }
}
