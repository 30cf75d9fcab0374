import Foundation
import NexoCore
import Vapor

/// The automation editor's form: flat fields and indexed rows (`conditions[0][kind]`, `steps[1][subject]`),
/// turned into an `AutomationDefinition` (or every problem with it) and back.
struct AutomationForm: Content, Sendable {
    struct ConditionRow: Content, Sendable {
        var kind: String?
        var field: String?
        var op: String?
        var value: String?
        var tag: String?
        var statuses: String?
        var channel: String?
        var requirement: String?
        var zone: String?
        var comparison: String?
        var days: String?
        var score: String?
    }

    struct StepRow: Content, Sendable {
        var type: String?
        var subject: String?
        var text: String?
        var html: String?
        var marketing: String?
        var tag: String?
        var field: String?
        var value: String?
        var waitAmount: String?
        var waitUnit: String?
        var until: String?
        var weekdaysOnly: String?
        var summary: String?
        var url: String?
    }

    var name: String?
    var enabled: String?
    var triggerType: String?
    var event: String?
    var scheduleKind: String?
    var time: String?
    var weekdays: [String]?
    var day: String?
    var cron: String?
    var catchUp: String?
    var reentry: String?
    var reentryDays: String?
    var match: String?
    var conditions: [ConditionRow]?
    var steps: [StepRow]?

    var isEnabled: Bool { enabled == "on" || enabled == "true" }

    /// The definition, or every problem found (fields named as the form names them).
    func definition() throws(ValidationFailure) -> AutomationDefinition {
        var errors: [FieldError] = []
        let trigger: AutomationTrigger
        if triggerType == "schedule" {
            let weekdayNumbers = (weekdays ?? []).compactMap { Int($0) }
            do {
                let schedule = try Schedule.validated(
                    kind: scheduleKind, time: time, weekdays: weekdayNumbers, day: day.flatMap { Int($0) }, expression: cron)
                trigger = .schedule(schedule, catchUp: CatchUpPolicy(rawValue: catchUp ?? "") ?? .runOnce)
            } catch {
                errors += error.errors.map { FieldError(field: "trigger." + $0.field, code: $0.code, message: $0.message) }
                trigger = .event("contact.created")
            }
        } else {
            trigger = .event(event ?? "")
        }
        var parsedConditions: [Condition] = []
        for (index, row) in (conditions ?? []).enumerated() {
            guard let kind = row.kind, !kind.isEmpty else { continue }
            do {
                parsedConditions.append(try Self.condition(row, kind: kind))
            } catch {
                errors.append(
                    FieldError(field: "conditions[\(index)]", code: "condition.invalid", message: "This condition is incomplete"))
            }
        }
        var parsedSteps: [Step] = []
        var stepIndexes: [Int] = []
        for (index, row) in (steps ?? []).enumerated() {
            guard let type = row.type, !type.isEmpty else { continue }
            do {
                parsedSteps.append(try Self.step(row, type: type))
                stepIndexes.append(index)
            } catch {
                errors.append(FieldError(field: "steps[\(index)]", code: "step.invalid", message: "This step is incomplete"))
            }
        }
        let reentryValue: Reentry
        if reentry == "after_days" {
            reentryValue = .afterDays(Int(reentryDays ?? "") ?? 0)
        } else {
            reentryValue = Reentry(code: reentry ?? "") ?? .once
        }
        let definition = AutomationDefinition(
            name: name ?? "", trigger: trigger,
            conditions: ConditionGroup(match: match == "any" ? .any : .all, conditions: parsedConditions),
            steps: parsedSteps, reentry: reentryValue)
        // Problems found in step n of the definition belong to row stepIndexes[n] of the form.
        errors += definition.validate().map { error in
            guard error.field.hasPrefix("steps["), let close = error.field.firstIndex(of: "]"),
                let n = Int(error.field[error.field.index(error.field.startIndex, offsetBy: 6)..<close]), n < stepIndexes.count
            else { return error }
            return FieldError(
                field: "steps[\(stepIndexes[n])]" + error.field[error.field.index(after: close)...], code: error.code,
                message: error.message)
        }
        if !errors.isEmpty { throw ValidationFailure(errors) }
        return definition
    }

    private struct Incomplete: Error {}

    private static func condition(_ row: ConditionRow, kind: String) throws -> Condition {
        func text(_ value: String?) throws -> String {
            guard let value = value?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { throw Incomplete() }
            return value
        }
        func number(_ value: String?) throws -> Int {
            guard let value = value.flatMap({ Int($0.trimmingCharacters(in: .whitespaces)) }) else { throw Incomplete() }
            return value
        }
        let comparison = Condition.Comparison(rawValue: row.comparison ?? "") ?? .atLeast
        switch kind {
        case "field":
            let op = Condition.FieldOperator(rawValue: row.op ?? "") ?? .equals
            return .field(Condition.Field(rawValue: try text(row.field)), op, value: op.needsValue ? try text(row.value) : nil)
        case "has_tag": return .hasTag(try text(row.tag))
        case "lacks_tag": return .lacksTag(try text(row.tag))
        case "status_in":
            let statuses = try text(row.statuses).split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { !$0.isEmpty }
            return .statusIn(statuses)
        case "consent":
            return .consent(
                Condition.Channel(rawValue: row.channel ?? "") ?? .email,
                Condition.ConsentRequirement(rawValue: row.requirement ?? "") ?? .given)
        case "has_email": return .hasEmail
        case "has_phone": return .hasPhone
        case "birthday_today": return .birthdayToday(Condition.BirthdayZone(rawValue: row.zone ?? "") ?? .contact)
        case "days_since_last_interaction": return .daysSinceLastInteraction(comparison, days: try number(row.days))
        case "created_within_days": return .createdWithinDays(try number(row.days))
        case "score": return .score(comparison, try number(row.score))
        default: throw Incomplete()
        }
    }

    private static func step(_ row: StepRow, type: String) throws -> Step {
        switch type {
        case "send_email":
            return .sendEmail(
                subject: row.subject ?? "", text: row.text ?? "",
                html: row.html.flatMap { $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : $0 },
                marketing: row.marketing != "off")
        case "add_tag": return .addTag(row.tag ?? "")
        case "remove_tag": return .removeTag(row.tag ?? "")
        case "set_field": return .setField(field: row.field ?? "", value: row.value ?? "")
        case "wait":
            if let until = row.until, !until.isEmpty, row.waitUnit == "until" {
                guard let time = TimeOfDay(until) else { throw Incomplete() }
                return .wait(.until(time, weekdaysOnly: row.weekdaysOnly == "on"))
            }
            let unit = ["minutes": 60, "hours": 3600, "days": 86_400][row.waitUnit ?? "days"] ?? 86_400
            guard let amount = row.waitAmount.flatMap({ Int($0.trimmingCharacters(in: .whitespaces)) }) else {
                throw Incomplete()
            }
            // An absurd amount must reach validation ("between 1 minute and 366 days"), not overflow.
            let (seconds, overflow) = amount.multipliedReportingOverflow(by: unit)
            return .wait(.duration(seconds: overflow ? Int.max : seconds))
        case "log_interaction": return .logInteraction(summary: row.summary ?? "")
        case "call_webhook": return .callWebhook(url: (row.url ?? "").trimmingCharacters(in: .whitespaces))
        case "stop": return .stop
        default: throw Incomplete()
        }
    }

    /// The form showing an existing definition, for editing.
    init(_ definition: AutomationDefinition, enabled: Bool) {
        name = definition.name
        self.enabled = enabled ? "on" : nil
        switch definition.trigger {
        case .event(let type):
            triggerType = "event"
            event = type
        case .schedule(let schedule, let policy):
            triggerType = "schedule"
            catchUp = policy.rawValue
            scheduleKind = schedule.kind
            switch schedule {
            case .daily(let at): time = at.description
            case .weekly(let days, let at):
                weekdays = days.map(String.init)
                time = at.description
            case .monthly(let monthDay, let at):
                day = String(monthDay)
                time = at.description
            case .cron(let expression): cron = expression.text
            }
        }
        switch definition.reentry {
        case .afterDays(let days):
            reentry = "after_days"
            reentryDays = String(days)
        default: reentry = definition.reentry.code
        }
        match = definition.conditions.match == .any ? "any" : "all"
        conditions = definition.conditions.conditions.map(Self.row)
        steps = definition.steps.map(Self.row)
    }

    init() {}

    private static func row(_ condition: Condition) -> ConditionRow {
        var row = ConditionRow()
        row.kind = condition.kind.rawValue
        switch condition {
        case .field(let field, let op, let value):
            row.field = field.rawValue
            row.op = op.rawValue
            row.value = value
        case .hasTag(let tag), .lacksTag(let tag): row.tag = tag
        case .statusIn(let statuses): row.statuses = statuses.joined(separator: ", ")
        case .consent(let channel, let requirement):
            row.channel = channel.rawValue
            row.requirement = requirement.rawValue
        case .hasEmail, .hasPhone: break
        case .birthdayToday(let zone): row.zone = zone.rawValue
        case .daysSinceLastInteraction(let comparison, let days):
            row.comparison = comparison.rawValue
            row.days = String(days)
        case .createdWithinDays(let days): row.days = String(days)
        case .score(let comparison, let value):
            row.comparison = comparison.rawValue
            row.score = String(value)
        }
        return row
    }

    private static func row(_ step: Step) -> StepRow {
        var row = StepRow()
        row.type = step.type
        switch step {
        case .sendEmail(let subject, let text, let html, let marketing):
            row.subject = subject
            row.text = text
            row.html = html
            row.marketing = marketing ? "on" : "off"
        case .addTag(let tag), .removeTag(let tag): row.tag = tag
        case .setField(let field, let value):
            row.field = field
            row.value = value
        case .wait(.duration(let seconds)):
            if seconds % 86_400 == 0 {
                row.waitAmount = String(seconds / 86_400)
                row.waitUnit = "days"
            } else if seconds % 3600 == 0 {
                row.waitAmount = String(seconds / 3600)
                row.waitUnit = "hours"
            } else {
                row.waitAmount = String(seconds / 60)
                row.waitUnit = "minutes"
            }
        case .wait(.until(let time, let weekdaysOnly)):
            row.waitUnit = "until"
            row.until = time.description
            row.weekdaysOnly = weekdaysOnly ? "on" : nil
        case .logInteraction(let summary): row.summary = summary
        case .callWebhook(let url): row.url = url
        case .stop: break
        }
        return row
    }
}
