import Fluent
import Foundation
import NexoCore
import SQLKit
import Vapor

/// An automation's history: its scheduled fires (on time, caught up, skipped) and its runs, filtered by state;
/// and one run with each step's outcome, retryable from the failed step or from the start.
enum AutomationRunsPage {
    struct FireRow: Encodable, Sendable {
        let scheduledFor: String
        let firedAt: String
        let outcome: String
        let outcomeKey: String
        let missed: Int
        let contacts: Int?
    }

    struct RunRow: Encodable, Sendable {
        let href: String
        let contact: String
        let contactURL: String?
        let trigger: String
        let state: String
        let stateLabel: String
        let created: String
        let finished: String?
        let problem: String?
    }

    struct Context: Encodable, Sendable {
        let shell: Shell
        let name: String
        let editURL: String
        let fires: [FireRow]
        let runs: [RunRow]
        let states: [SelectOption]
        let action: String
        let nextURL: String?
    }

    struct StepRow: Encodable, Sendable {
        let number: Int
        let type: String
        let state: String
        let stateLabel: String
        let attempt: Int
        let started: String
        let durationMS: Int
        let detail: String?
        let error: String?
    }

    struct RunContext: Encodable, Sendable {
        let shell: Shell
        let automationName: String
        let automationURL: String
        let runsURL: String
        let contact: String
        let contactURL: String?
        let trigger: String
        let state: String
        let stateLabel: String
        let created: String
        let started: String?
        let finished: String?
        let resumeAt: String?
        let error: String?
        let note: String?
        let steps: [StepRow]
        let retryURL: String
        let canRetry: Bool
        let canRetryStep: Bool
    }

    static func register(on routes: TenantRoutes) {
        routes.get(SiteRoute.automationRuns(.key).pathComponents) { req, ctx async throws -> View in
            try ctx.require(.readAutomations)
            let automation = try await Automation.findOr404(try req.idParameter(), in: ctx, on: req.db, what: "Automation")
            let id = try automation.requireID()
            let zone = ctx.zone
            func when(_ date: Date) -> String { PageFormat.dateTime(date, timeZone: zone, locale: req.locale) }
            let fires = try await AutomationFire.scoped(to: ctx, on: req.db).filter(\.$automationID == id)
                .sort(\.$scheduledFor, .descending).limit(20).all()
            let state = (try? req.query.get(String.self, at: "state")).flatMap(AutomationRun.State.init(rawValue:))
            var query = AutomationRun.scoped(to: ctx, on: req.db).filter(\.$automationID == id)
            if let state { query = query.filter(\.$state == state) }
            let pageSize = 50
            // Keyset on (created_at, id): the runs of one fan-out share their creation time.
            if let raw = try? req.query.get(String.self, at: "cursor") {
                guard let cursor = Cursor(encoded: raw) else { throw Problem.badRequest("cursor is not valid.", field: "cursor") }
                query = query.group(.or) { or in
                    or.filter(\.$createdAt < cursor.earliest)
                        .group(.and) { and in
                            and.filter(\.$createdAt >= cursor.earliest).filter(\.$createdAt <= cursor.latest)
                                .filter(\.$id < cursor.id)
                        }
                }
            }
            let runs = try await query.sort(\.$createdAt, .descending).sort(\.$id, .descending).limit(pageSize + 1).all()
            let contactIDs = runs.prefix(pageSize).compactMap(\.contactID)
            let contacts = try await Contact.scoped(to: ctx, on: req.db).filter(\.$id ~~ contactIDs).all()
            let names = Dictionary(uniqueKeysWithValues: contacts.compactMap { c in c.id.map { ($0, c.values.displayName) } })
            let rows = try runs.prefix(pageSize).map { run in
                RunRow(
                    href: SiteRoute.automationRun(.value(try run.requireID())).path,
                    contact: run.contactID.flatMap { names[$0] } ?? req.t("automations.runs.no_contact"),
                    contactURL: run.contactID.flatMap { names[$0] != nil ? SiteRoute.contact(.value($0)).path : nil },
                    trigger: triggerLabel(run.trigger, req: req), state: run.state.rawValue,
                    stateLabel: req.t("automations.run_state.\(run.state.rawValue)"), created: when(run.createdAt),
                    finished: run.finishedAt.map(when), problem: run.error ?? noteText(run.note, req: req))
            }
            let next =
                runs.count > pageSize
                ? SiteRoute.automationRuns(.value(id)).path(query: [
                    "state": state?.rawValue,
                    "cursor": Cursor(time: runs[pageSize - 1].createdAt, id: try runs[pageSize - 1].requireID()).encoded,
                ]) : nil
            return try await req.view.render(
                "automations/runs",
                Context(
                    shell: try await Shell.make(req, ctx, section: "automations", title: automation.name), name: automation.name,
                    editURL: SiteRoute.automation(.value(id)).path,
                    fires: fires.map {
                        FireRow(
                            scheduledFor: when($0.scheduledFor), firedAt: when($0.firedAt),
                            outcome: req.t("automations.fire.\($0.outcome.rawValue)"), outcomeKey: $0.outcome.rawValue,
                            missed: $0.missed, contacts: $0.contacts)
                    }, runs: rows,
                    states: ([""] + AutomationRun.State.allCases.map(\.rawValue)).map {
                        SelectOption(
                            value: $0,
                            label: $0.isEmpty ? req.t("automations.runs.all_states") : req.t("automations.run_state.\($0)"),
                            selected: $0 == (state?.rawValue ?? ""))
                    }, action: SiteRoute.automationRuns(.value(id)).path, nextURL: next))
        }

        routes.get(SiteRoute.automationRun(.key).pathComponents) { req, ctx async throws -> View in
            try ctx.require(.readAutomations)
            let run = try await AutomationRun.findOr404(try req.idParameter(), in: ctx, on: req.db, what: "Run")
            return try await req.view.render("automations/run", try await runContext(req, ctx, run))
        }

        routes.post(SiteRoute.automationRunRetry(.key).pathComponents) { req, ctx async throws -> Response in
            try ctx.require(.manageAutomations)
            try ctx.requireWritable()
            let run = try await AutomationRun.findOr404(try req.idParameter(), in: ctx, on: req.db, what: "Run")
            let fromStart = (try? req.content.get(String.self, at: "from")) == "start"
            try await AutomationEngine(app: req.application).retry(run, fromStart: fromStart)
            try await AuditLog.record(
                "automation.run_retried", context: ctx, entityType: "automation_run", entityID: try run.requireID().uuidString,
                details: ["from": fromStart ? "start" : "failed_step"], request: req)
            req.session.flash = req.t("automations.run.retried")
            return req.redirect(to: SiteRoute.automationRun(.value(try run.requireID())).path)
        }
    }

    static func runContext(_ req: Request, _ ctx: TenantContext, _ run: AutomationRun) async throws -> RunContext {
        let zone = ctx.zone
        func when(_ date: Date) -> String { PageFormat.dateTime(date, timeZone: zone, locale: req.locale) }
        let automation = try await Automation.findOr404(run.automationID, in: ctx, on: req.db, what: "Automation")
        let contact = try await Contact.find(run.contactID, in: ctx, on: req.db)
        let steps = try await AutomationRunStep.scoped(to: ctx, on: req.db).filter(\.$runID == run.requireID())
            .sort(\.$startedAt).sort(\.$stepIndex).all()
        return RunContext(
            shell: try await Shell.make(req, ctx, section: "automations", title: automation.name),
            automationName: automation.name, automationURL: SiteRoute.automation(.value(try automation.requireID())).path,
            runsURL: SiteRoute.automationRuns(.value(try automation.requireID())).path,
            contact: contact?.values.displayName ?? req.t("automations.runs.no_contact"),
            contactURL: try contact.map { SiteRoute.contact(.value(try $0.requireID())).path },
            trigger: triggerLabel(run.trigger, req: req), state: run.state.rawValue,
            stateLabel: req.t("automations.run_state.\(run.state.rawValue)"), created: when(run.createdAt),
            started: run.startedAt.map(when), finished: run.finishedAt.map(when), resumeAt: run.resumeAt.map(when),
            error: run.error, note: noteText(run.note, req: req),
            steps: steps.map {
                StepRow(
                    number: $0.stepIndex + 1, type: req.t("automations.step.\($0.stepType)", fallback: $0.stepType),
                    state: $0.state.rawValue, stateLabel: req.t("automations.step_state.\($0.state.rawValue)"),
                    attempt: $0.attempt, started: when($0.startedAt), durationMS: $0.durationMS,
                    detail: noteText($0.detail, req: req), error: $0.error)
            },
            retryURL: SiteRoute.automationRunRetry(.value(try run.requireID())).path,
            canRetry: ctx.role.allows(.manageAutomations) && run.state.isFinished,
            canRetryStep: ctx.role.allows(.manageAutomations) && run.state == .failed)
    }

    static func triggerLabel(_ trigger: String, req: Request) -> String {
        if trigger.hasPrefix("event:") {
            return req.t("automations.event.\(trigger.dropFirst("event:".count))", fallback: trigger)
        }
        return req.t("automations.trigger.\(trigger)", fallback: trigger)
    }

    /// Notes are a condition's reason as JSON (code, arguments, English message), or `code: English message`;
    /// pages show the code's translation when there is one.
    static func noteText(_ note: String?, req: Request) -> String? {
        guard let note else { return nil }
        if note.hasPrefix("{"), let parsed = try? AutomationJSON.decode(RunNote.self, note) {
            let translated = req.nexo.translations.text(parsed.code, locale: req.locale, parsed.arguments)
            return translated == parsed.code ? parsed.message : translated
        }
        guard let colon = note.firstIndex(of: ":"), !note[..<colon].contains(" ") else { return note }
        let code = String(note[..<colon])
        let english = note[note.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        let translated = req.t(code, fallback: "")
        return translated.isEmpty || translated.contains("{0}") ? english : translated
    }
}
