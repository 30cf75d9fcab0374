import Fluent
import Foundation
import NexoCore
import Vapor

/// The automation editor: trigger, re-entry, conditions and steps in one form, with the problems of each row
/// shown next to it. Owners and admins edit; agents read.
enum AutomationEditorPage {
    struct ConditionView: Encodable, Sendable {
        let index: Int
        let row: AutomationForm.ConditionRow
        let kinds: [SelectOption]
        let fields: [SelectOption]
        let operators: [SelectOption]
        let comparisons: [SelectOption]
        let error: String?
    }

    struct StepView: Encodable, Sendable {
        let index: Int
        let number: Int
        let row: AutomationForm.StepRow
        let types: [SelectOption]
        let units: [SelectOption]
        let settable: [SelectOption]
        let marketing: Bool
        let weekdaysOnly: Bool
        let errors: [String]
    }

    struct Context: Encodable, Sendable {
        let shell: Shell
        let isNew: Bool
        let action: String
        let canManage: Bool
        let form: AutomationForm
        let enabled: Bool
        let isSchedule: Bool
        let events: [SelectOption]
        let scheduleKinds: [SelectOption]
        let weekdays: [SelectOption]
        let catchUps: [SelectOption]
        let reentries: [SelectOption]
        let matchAny: Bool
        let conditions: [ConditionView]
        let steps: [StepView]
        let generalErrors: [String]
        let variables: [String]
        let runsURL: String?
        let explainURL: String?
        let listURL: String
        /// Shown to managers so receivers of `call_webhook` can check X-Nexo-Signature.
        var webhookSecret: String? = nil
    }

    static func context(
        _ req: Request, _ ctx: TenantContext, form: AutomationForm, id: UUID?, failure: ValidationFailure? = nil
    ) async throws -> Context {
        var byField: [String: [String]] = [:]
        for error in failure?.errors ?? [] where !error.code.hasPrefix("template.") {
            byField[error.field, default: []].append(req.t("error.\(error.code)", fallback: error.message))
        }
        // Template problems again from the submitted text, to say in the reader's language where they are.
        for (index, row) in (form.steps ?? []).enumerated() {
            let sources = [
                ("subject", row.subject), ("text", row.text), ("html", row.html), ("value", row.value), ("summary", row.summary),
            ]
            for (key, source) in sources {
                guard let source, failure?.errors.contains(where: { $0.field == "steps[\(index)].\(key)" }) == true else {
                    continue
                }
                for problem in MessageTemplate.validate(source) {
                    byField["steps[\(index)].\(key)", default: []].append(templateMessage(problem, field: key, req: req))
                }
            }
        }
        func rowErrors(_ prefix: String) -> [String] {
            byField.filter { $0.key == prefix || $0.key.hasPrefix(prefix + ".") }.sorted { $0.key < $1.key }.flatMap(\.value)
        }
        var shown: Set<String> = []
        let conditionRows = (form.conditions ?? []) + Array(repeating: AutomationForm.ConditionRow(), count: 2)
        let conditions = conditionRows.enumerated().map { index, row -> ConditionView in
            let errors = rowErrors("conditions[\(index)]")
            if !errors.isEmpty { shown.formUnion(byField.keys.filter { $0.hasPrefix("conditions[\(index)]") }) }
            return ConditionView(
                index: index, row: row,
                kinds: options(
                    [""] + Condition.Kind.allCases.map(\.rawValue), selected: row.kind, prefix: "automations.condition."),
                fields: options(Condition.Field.standard.map(\.rawValue), selected: row.field, prefix: "field."),
                operators: options(Condition.FieldOperator.allCases.map(\.rawValue), selected: row.op, prefix: "automations.op."),
                comparisons: options(
                    Condition.Comparison.allCases.map(\.rawValue), selected: row.comparison, prefix: "automations.comparison."),
                error: errors.isEmpty ? nil : errors.joined(separator: " "))
        }
        let stepRows = (form.steps ?? []) + [AutomationForm.StepRow()]
        let steps = stepRows.enumerated().map { index, row -> StepView in
            let errors = rowErrors("steps[\(index)]")
            shown.formUnion(byField.keys.filter { $0.hasPrefix("steps[\(index)]") })
            return StepView(
                index: index, number: index + 1, row: row,
                types: options([""] + Step.types, selected: row.type, prefix: "automations.step."),
                units: options(
                    ["minutes", "hours", "days", "until"], selected: row.waitUnit ?? "days", prefix: "automations.wait."),
                settable: options(Step.settableFields, selected: row.field, prefix: "field."),
                marketing: row.marketing != "off", weekdaysOnly: row.weekdaysOnly == "on", errors: errors)
        }
        let general = byField.filter { !shown.contains($0.key) }.sorted { $0.key < $1.key }.flatMap { key, messages in
            messages.map { "\(req.t("automations.field.\(key.split(separator: ".").first ?? "")", fallback: key)): \($0)" }
        }
        func options(_ values: [String], selected: String?, prefix: String) -> [SelectOption] {
            values.map {
                SelectOption(value: $0, label: $0.isEmpty ? "—" : req.t(prefix + $0, fallback: $0), selected: $0 == selected)
            }
        }
        let weekdaySet = Set(form.weekdays ?? [])
        return Context(
            shell: try await Shell.make(
                req, ctx, section: "automations", title: id == nil ? req.t("automations.new") : (form.name ?? "")),
            isNew: id == nil, action: id.map { SiteRoute.automation(.value($0)).path } ?? SiteRoute.automationNew.path,
            canManage: ctx.role.allows(.manageAutomations), form: form, enabled: form.isEnabled,
            isSchedule: form.triggerType == "schedule",
            events: options(AutomationTrigger.events, selected: form.event, prefix: "automations.event."),
            scheduleKinds: options(Schedule.kinds, selected: form.scheduleKind ?? "daily", prefix: "automations.schedule."),
            weekdays: (1...7).map {
                SelectOption(
                    value: String($0), label: req.t("automations.weekday.\($0)"), selected: weekdaySet.contains(String($0)))
            },
            catchUps: options(
                CatchUpPolicy.allCases.map(\.rawValue), selected: form.catchUp ?? "run_once", prefix: "automations.catch_up."),
            reentries: options(
                ["once", "once_per_year", "after_days", "always"], selected: form.reentry ?? "once",
                prefix: "automations.reentry."),
            matchAny: form.match == "any", conditions: conditions, steps: steps, generalErrors: general,
            variables: TemplateVariables.fixed.map { "{{\($0.name)}}" },
            runsURL: id.map { SiteRoute.automationRuns(.value($0)).path },
            explainURL: id.map { SiteRoute.automationExplain(.value($0)).path }, listURL: SiteRoute.automations.path)
    }

    /// "Asunto: variable desconocida contact.frist_name en la línea 1, columna 6; ¿quisiste decir contact.first_name?"
    static func templateMessage(_ problem: TemplateProblem, field: String, req: Request) -> String {
        let place = req.t("template.where", String(problem.line), String(problem.column))
        let what: String
        switch problem.code {
        case TemplateProblem.Code.unknownVariable:
            let suggestion = problem.variable.flatMap(TemplateVariables.suggestion(for:))
            what =
                req.t("template.unknown_variable", problem.variable ?? "")
                + (suggestion.map { req.t("template.did_you_mean", $0) } ?? "")
        case TemplateProblem.Code.unclosedSection, TemplateProblem.Code.mismatchedSection, TemplateProblem.Code.unexpectedClosing:
            what = req.t(problem.code, problem.variable ?? "")
        default:
            let translated = req.t(problem.code, fallback: "")
            what = translated.isEmpty ? problem.message : translated
        }
        return "\(req.t("automations.\(field)", fallback: field)) — \(what) (\(place))"
    }

    static func register(on routes: TenantRoutes) {
        routes.get(SiteRoute.automationNew.pathComponents) { req, ctx async throws -> View in
            try ctx.require(.manageAutomations)
            var form = AutomationForm()
            form.triggerType = "event"
            form.event = "contact.created"
            form.reentry = "once"
            form.steps = [AutomationForm.StepRow(type: "send_email", marketing: "on")]
            return try await req.view.render("automations/editor", try await context(req, ctx, form: form, id: nil))
        }
        routes.post(SiteRoute.automationNew.pathComponents) { req, ctx async throws -> Response in
            try ctx.require(.manageAutomations)
            try ctx.requireWritable()
            let form = try req.content.decode(AutomationForm.self)
            do {
                let definition = try form.definition()
                let automation = try await AutomationService(app: req.application, context: ctx)
                    .create(definition, enabled: form.isEnabled, request: req)
                req.session.flash = req.t("automations.saved")
                return req.redirect(to: SiteRoute.automation(.value(try automation.requireID())).path)
            } catch let failure as ValidationFailure {
                return try await req.render(
                    "automations/editor", try await context(req, ctx, form: form, id: nil, failure: failure),
                    status: .unprocessableEntity)
            }
        }
        routes.get(SiteRoute.automation(.key).pathComponents) { req, ctx async throws -> View in
            try ctx.require(.readAutomations)
            let automation = try await Automation.findOr404(try req.idParameter(), in: ctx, on: req.db, what: "Automation")
            let form = AutomationForm(try automation.definition, enabled: automation.enabled)
            var page = try await context(req, ctx, form: form, id: automation.id)
            if ctx.role.allows(.manageAutomations) { page.webhookSecret = try? req.nexo.secrets.open(automation.webhookSecret) }
            return try await req.view.render("automations/editor", page)
        }
        routes.post(SiteRoute.automation(.key).pathComponents) { req, ctx async throws -> Response in
            try ctx.require(.manageAutomations)
            try ctx.requireWritable()
            let automation = try await Automation.findOr404(try req.idParameter(), in: ctx, on: req.db, what: "Automation")
            let form = try req.content.decode(AutomationForm.self)
            do {
                let definition = try form.definition()
                try await AutomationService(app: req.application, context: ctx)
                    .update(automation, with: definition, enabled: form.isEnabled, request: req)
                req.session.flash = req.t("automations.saved")
                return req.redirect(to: SiteRoute.automation(.value(try automation.requireID())).path)
            } catch let failure as ValidationFailure {
                return try await req.render(
                    "automations/editor", try await context(req, ctx, form: form, id: automation.id, failure: failure),
                    status: .unprocessableEntity)
            }
        }
        routes.post(SiteRoute.automationToggle(.key).pathComponents) { req, ctx async throws -> Response in
            try ctx.require(.manageAutomations)
            try ctx.requireWritable()
            let automation = try await Automation.findOr404(try req.idParameter(), in: ctx, on: req.db, what: "Automation")
            // The page says which state it asks for, so a click on a stale page cannot flip it the wrong way.
            let wanted = (try? req.content.get(String.self, at: "enabled")).map { $0 == "on" } ?? !automation.enabled
            try await AutomationService(app: req.application, context: ctx)
                .update(automation, with: try automation.definition, enabled: wanted, request: req)
            req.session.flash = req.t(
                automation.enabled ? "automations.enabled_flash" : "automations.disabled_flash", automation.name)
            return req.redirect(to: SiteRoute.automations.path)
        }
    }
}
