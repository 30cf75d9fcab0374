import Fluent
import Foundation
import NexoCore
import Vapor

/// Every automation of the tenant with its trigger, switch, counters and last run.
enum AutomationsListPage {
    struct Row: Encodable, Sendable {
        let name: String
        let href: String
        let trigger: String
        let conditions: String
        let enabled: Bool
        let toggleURL: String
        let runs: Int
        let succeeded: Int
        let failed: Int
        let skipped: Int
        let lastRun: String?
        let nextFire: String?
        let runsURL: String
        let builtin: Bool
    }

    struct Context: Encodable, Sendable {
        let shell: Shell
        let rows: [Row]
        let canManage: Bool
        let newURL: String
        let outboxURL: String
        let emailSettingsURL: String
    }

    static func register(on routes: TenantRoutes) {
        routes.get(SiteRoute.automations.pathComponents) { req, ctx async throws -> View in
            try ctx.require(.readAutomations)
            // Tenants from before automations existed get the built-ins on their first visit.
            try await BuiltInAutomations.install(
                tenantID: ctx.tenantID, locale: ctx.tenantLocale, secrets: req.nexo.secrets, on: req.db)
            let automations = try await Automation.scoped(to: ctx, on: req.db).sort(\.$createdAt).all()
            let zone = ctx.zone
            let rows = try automations.map { automation -> Row in
                let id = try automation.requireID()
                let definition = try automation.definition
                return Row(
                    name: automation.name, href: SiteRoute.automation(.value(id)).path,
                    trigger: triggerSummary(definition.trigger, req: req),
                    conditions: definition.conditions.summary(locale: req.locale), enabled: automation.enabled,
                    toggleURL: SiteRoute.automationToggle(.value(id)).path, runs: automation.runsCount,
                    succeeded: automation.succeededCount, failed: automation.failedCount, skipped: automation.skippedCount,
                    lastRun: automation.lastRunAt.map { PageFormat.dateTime($0, timeZone: zone, locale: req.locale) },
                    nextFire: automation.nextFireAt.map { PageFormat.dateTime($0, timeZone: zone, locale: req.locale) },
                    runsURL: SiteRoute.automationRuns(.value(id)).path, builtin: automation.builtin != nil)
            }
            return try await req.view.render(
                "automations/list",
                Context(
                    shell: try await Shell.make(req, ctx, section: "automations", title: req.t("nav.automations")), rows: rows,
                    canManage: ctx.role.allows(.manageAutomations), newURL: SiteRoute.automationNew.path,
                    outboxURL: SiteRoute.settingsOutbox.path, emailSettingsURL: SiteRoute.settingsEmail.path))
        }
    }

    static func triggerSummary(_ trigger: AutomationTrigger, req: Request) -> String {
        switch trigger {
        case .event(let type): req.t("automations.event.\(type)", fallback: type)
        case .schedule(let schedule, _): schedule.summary(locale: req.locale)
        }
    }
}
