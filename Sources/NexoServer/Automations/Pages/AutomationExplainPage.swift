import Fluent
import Foundation
import NexoCore
import SQLKit
import Vapor

/// "Who would this automation reach now, and why not this contact?": the audience now, a sample of it, and for
/// one contact each condition's verdict, whether the re-entry rule lets it in, and the messages it would get.
enum AutomationExplainPage {
    struct Verdict: Encodable, Sendable {
        let condition: String
        let passed: Bool
        let reason: String
    }

    struct Preview: Encodable, Sendable {
        let number: Int
        let type: String
        let subject: String?
        let text: String?
        let html: String?
    }

    struct Person: Encodable, Sendable {
        let name: String
        let href: String
    }

    struct Context: Encodable, Sendable {
        let shell: Shell
        let name: String
        let editURL: String
        let action: String
        let query: String
        let audience: Int
        let audienceApproximate: Bool
        let sample: [Person]
        let contact: Person?
        let notFound: Bool
        let matches: Bool
        let verdicts: [Verdict]
        let reentry: String?
        let previews: [Preview]
        let conditionsSummary: String
    }

    static func register(on routes: TenantRoutes) {
        routes.get(SiteRoute.automationExplain(.key).pathComponents) { req, ctx async throws -> View in
            try ctx.require(.readAutomations)
            let automation = try await Automation.findOr404(try req.idParameter(), in: ctx, on: req.db, what: "Automation")
            return try await req.view.render("automations/explain", try await context(req, ctx, automation))
        }
    }

    static func context(_ req: Request, _ ctx: TenantContext, _ automation: Automation) async throws -> Context {
        let definition = try automation.definition
        let now = req.nexo.clock.now
        let zone = ctx.zone
        let id = try automation.requireID()
        let predicate = ConditionSQL(now: now, tenantZone: zone).predicate(definition.conditions)
        let sql = req.db.sql
        let audience =
            try await sql.raw(
                "SELECT count(*) AS n FROM contacts c WHERE c.tenant_id = \(bind: ctx.tenantID) AND (\(predicate))"
            ).first()?.decode(column: "n", as: Int.self) ?? 0
        // A sample, checked exactly (the SQL may be a superset for text comparisons).
        let candidates = try await sql.raw(
            "SELECT c.id FROM contacts c WHERE c.tenant_id = \(bind: ctx.tenantID) AND (\(predicate)) ORDER BY c.created_at DESC LIMIT 100"
        ).all().map { try $0.decode(column: "id", as: UUID.self) }
        let sampleContacts = try await Contact.scoped(to: ctx, on: req.db).filter(\.$id ~~ candidates).all()
            .filter { definition.conditions.matches(AutomationEngine.facts(of: $0), now: now, tenantZone: zone) }.prefix(10)
        let query = ((try? req.query.get(String.self, at: "contact")) ?? "").trimmingCharacters(in: .whitespaces)
        var contact: Contact?
        if !query.isEmpty { contact = try await find(query, ctx: ctx, on: req.db) }
        var verdicts: [Verdict] = []
        var matches = false
        var reentry: String?
        var previews: [Preview] = []
        if let contact {
            let report = definition.conditions.evaluate(AutomationEngine.facts(of: contact), now: now, tenantZone: zone)
            matches = report.matches
            verdicts = report.results.map {
                Verdict(
                    condition: $0.condition.summary(locale: req.locale), passed: $0.passed,
                    reason: req.nexo.translations.text($0.reason.code.rawValue, locale: req.locale, $0.reason.arguments))
            }
            let contactID = try contact.requireID()
            let last = try await AutomationRun.scoped(to: ctx, on: req.db).filter(\.$automationID == id)
                .filter(\.$contactID == contactID).filter(\.$state != .skipped).sort(\.$createdAt, .descending).first()
            if let last {
                reentry = req.t(
                    "automations.explain.last_run", PageFormat.dateTime(last.createdAt, timeZone: zone, locale: req.locale),
                    req.t("automations.reentry.\(definition.reentry.code.split(separator: ":").first ?? "")"))
            }
            let templates = try TemplateContexts.make(
                contact: contact, tenant: try await tenant(ctx, req), app: req.application, now: now)
            for (index, step) in definition.steps.enumerated() {
                switch step {
                case .sendEmail(let subject, let text, let html, _):
                    previews.append(
                        Preview(
                            number: index + 1, type: req.t("automations.step.send_email"),
                            subject: try? MessageTemplate(source: subject).render(templates, escaping: .none),
                            text: try? MessageTemplate(source: text).render(templates, escaping: .none),
                            html: html.flatMap { try? MessageTemplate(source: $0).render(templates, escaping: .html) }))
                case .logInteraction(let summary), .setField(_, let summary):
                    previews.append(
                        Preview(
                            number: index + 1, type: req.t("automations.step.\(step.type)"), subject: nil,
                            text: try? MessageTemplate(source: summary).render(templates, escaping: .none), html: nil))
                default: break
                }
            }
        }
        let approximate = definition.conditions.conditions.contains {
            if case .field(_, let op, _) = $0 { return op.needsValue }
            return false
        }
        return Context(
            shell: try await Shell.make(req, ctx, section: "automations", title: automation.name), name: automation.name,
            editURL: SiteRoute.automation(.value(id)).path, action: SiteRoute.automationExplain(.value(id)).path, query: query,
            audience: audience, audienceApproximate: approximate,
            sample: try sampleContacts.map {
                Person(name: $0.values.displayName, href: SiteRoute.contact(.value(try $0.requireID())).path)
            },
            contact: try contact.map {
                Person(name: $0.values.displayName, href: SiteRoute.contact(.value(try $0.requireID())).path)
            },
            notFound: !query.isEmpty && contact == nil, matches: matches, verdicts: verdicts, reentry: reentry,
            previews: previews,
            conditionsSummary: definition.conditions.summary(locale: req.locale))
    }

    /// A contact by id, exact e-mail, or the first whose name, e-mail, phone or company contains the text.
    static func find(_ query: String, ctx: TenantContext, on db: any Database) async throws -> Contact? {
        if let id = UUID(uuidString: query) { return try await Contact.find(id, in: ctx, on: db) }
        if let found = try await Contact.scoped(to: ctx, on: db).filter(\.$email == query.lowercased()).first() { return found }
        let term = SearchText.fold(query)
        let rows = try await db.sql.raw(
            """
            SELECT id FROM contacts WHERE tenant_id = \(bind: ctx.tenantID) AND search_text LIKE \(bind: SearchText.likePattern(containing: term)) \(unsafeRaw: db.isSQLite ? "ESCAPE '\\'" : "")
            ORDER BY created_at DESC LIMIT 1
            """
        ).all()
        guard let id = try rows.first?.decode(column: "id", as: UUID.self) else { return nil }
        return try await Contact.find(id, in: ctx, on: db)
    }

    private static func tenant(_ ctx: TenantContext, _ req: Request) async throws -> Tenant {
        guard let tenant = try await Tenant.find(ctx.tenantID, on: req.db) else { throw Problem.notFound("Business") }
        return tenant
    }
}
