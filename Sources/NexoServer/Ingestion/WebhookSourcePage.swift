import Fluent
import Foundation
import NexoCore
import Vapor

/// Settings → Webhooks → one source: its URL, its secret (shown on demand, rotatable), the mapping from payload paths
/// to contact fields, the id path and filter, on/off, a "send test" form that tries a payload without storing it,
/// and the last deliveries with their payload, result and error.
enum WebhookSourcePage {
    struct Form: Content, Sendable {
        var name: String?
        var enabled: String?
        var paths: [String]?
        var fields: [String]?
        var keys: [String]?
        var idPath: String?
        var filterPath: String?
        var filterOp: String?
        var filterValue: String?
    }

    struct MappingRow: Encodable, Sendable {
        let path: String
        let options: [SelectOption]
        let metadataKey: String
    }

    struct TestView: Encodable, Sendable {
        let result: String
        let resultLabel: String
        let eventID: String?
        let values: [ValueRow]
        let fields: [ValueRow]
        let problems: [String]
        let reason: String?
        let matchURL: String?
    }

    struct ValueRow: Encodable, Sendable {
        let label: String
        let value: String
    }

    struct DeliveryRow: Encodable, Sendable {
        let receivedAt: String
        let state: String
        let stateLabel: String
        let statusCode: Int
        let outcomeLabel: String?
        let contactURL: String?
        let error: String?
        let payload: String?
        let size: String
    }

    struct Context: Encodable, Sendable {
        let shell: Shell
        let name: String
        let url: String
        let enabled: Bool
        let secret: String?
        let rows: [MappingRow]
        let usesDefault: Bool
        let suggested: [ValueRow]
        let idPath: String
        let filterPath: String
        let filterOps: [SelectOption]
        let filterValue: String
        let errors: FormErrors
        let sample: String
        let test: TestView?
        let deliveries: [DeliveryRow]
        let action: String
        let secretAction: String
        let rotateAction: String
        let testAction: String
        let deleteAction: String
        let listURL: String
        let curlExample: String
    }

    static let filterOps = WebhookFilter.Comparison.allCases.map(\.rawValue)

    static func context(
        _ req: Request, _ ctx: TenantContext, source: WebhookSource, form: Form? = nil, errors: FormErrors = .none,
        secret: String? = nil, sample: String = "", test: WebhookSourceService.TestResult? = nil
    ) async throws -> Context {
        let sourceID = try source.requireID()
        let mapping = source.mapping
        var rows: [(path: String, key: String)]
        if let form {
            let paths = form.paths ?? []
            let fields = form.fields ?? []
            let keys = form.keys ?? []
            rows = paths.indices.map { index in
                let field = index < fields.count ? fields[index] : ""
                let key = index < keys.count ? keys[index] : ""
                return (paths[index], field == "metadata" ? "metadata:" + key : field)
            }.filter { !$0.path.isEmpty }
        } else {
            rows = mapping.fields.map { ($0.path.description, $0.field.key) }
        }
        rows += Array(repeating: ("", ""), count: 3)
        let deliveries = try await WebhookDelivery.scoped(to: ctx, on: req.db).filter(\.$sourceID == sourceID)
            .sort(\.$receivedAt, .descending).limit(InboundWebhooks.keptDeliveries).all()

        // With the automatic mapping, show what it makes of the last payload received.
        var suggested: [ValueRow] = []
        if mapping.fields.isEmpty,
            let payload = deliveries.lazy.filter({ $0.state != .refused }).compactMap({ $0.payload.flatMap(JSONValue.parse) })
                .first
        {
            suggested = WebhookMapping.guess(for: payload).map {
                ValueRow(label: $0.path.description, value: fieldLabel($0.field, req: req))
            }
        }
        let url = req.nexo.settings.publicURL + SiteRoute.hookInbound(token: .value(source.token)).path
        return Context(
            shell: try await Shell.make(req, ctx, section: "settings.webhooks", title: source.name),
            name: form?.name ?? source.name, url: url, enabled: form.map { $0.enabled != nil } ?? source.enabled,
            secret: secret,
            rows: rows.map { row in
                let selectedKey = row.key.hasPrefix("metadata:") ? "metadata" : row.key
                return MappingRow(
                    path: row.path,
                    options: [SelectOption(value: "", label: "—", selected: selectedKey.isEmpty)]
                        + ContactField.formChoices.map {
                            SelectOption(value: $0, label: req.t("field.\($0)"), selected: $0 == selectedKey)
                        },
                    metadataKey: row.key.hasPrefix("metadata:") ? String(row.key.dropFirst("metadata:".count)) : "")
            },
            usesDefault: mapping.fields.isEmpty, suggested: suggested,
            idPath: form?.idPath ?? mapping.idPath?.description ?? "",
            filterPath: form?.filterPath ?? mapping.filter?.path.description ?? "",
            filterOps: filterOps.map {
                SelectOption(
                    value: $0, label: req.t("webhooks.filter_op.\($0)"),
                    selected: $0 == (form?.filterOp ?? mapping.filter?.comparison.rawValue ?? "equals"))
            },
            filterValue: form?.filterValue ?? mapping.filter?.value ?? "", errors: errors, sample: sample,
            test: test.map { testView($0, req: req) },
            deliveries: deliveries.map { deliveryRow($0, req: req, zone: ctx.zone) },
            action: SiteRoute.settingsWebhookSource(.value(sourceID)).path,
            secretAction: SiteRoute.settingsWebhookSourceSecret(.value(sourceID)).path,
            rotateAction: SiteRoute.settingsWebhookSourceRotate(.value(sourceID)).path,
            testAction: SiteRoute.settingsWebhookSourceTest(.value(sourceID)).path + "#test",
            deleteAction: SiteRoute.settingsWebhookSourceDelete(.value(sourceID)).path,
            listURL: SiteRoute.settingsWebhookSources.path,
            curlExample:
                "curl -X POST '\(url)' -H 'Content-Type: application/json' -H 'X-Nexo-Secret: <secret>' "
                + "-d '{\"email\":\"ana@example.com\",\"name\":\"Ana Pérez\"}'")
    }

    static func fieldLabel(_ field: ContactField, req: Request) -> String {
        if case .metadata(let key) = field { return req.t("field.metadata") + ": " + key }
        return req.t("field.\(field.key)")
    }

    static func testView(_ test: WebhookSourceService.TestResult, req: Request) -> TestView {
        var values: [ValueRow] = []
        for (key, value) in (test.contact ?? [:]).sorted(by: { $0.key < $1.key }) {
            switch value {
            case .object(let metadata):
                for (metaKey, metaValue) in metadata.sorted(by: { $0.key < $1.key }) {
                    values.append(ValueRow(label: req.t("field.metadata") + ": " + metaKey, value: metaValue.displayText))
                }
            case .array(let items):
                values.append(ValueRow(label: req.t("field.\(key)"), value: items.map(\.displayText).joined(separator: ", ")))
            default:
                values.append(ValueRow(label: req.t("field.\(key)"), value: value.displayText))
            }
        }
        return TestView(
            result: test.result, resultLabel: req.t("webhooks.test_result.\(test.result)"), eventID: test.eventID,
            values: values,
            fields: test.fields.map { ValueRow(label: $0.path.description, value: fieldLabel($0.field, req: req)) },
            problems: test.problems.map { problem in
                let text = req.t("error.\(problem.code)", fallback: problem.message)
                return problem.column.map { "\($0): \(text)" } ?? text
            },
            reason: test.reason,
            matchURL: test.matchesContactID.map { SiteRoute.contact(.value($0)).path })
    }

    static func deliveryRow(_ delivery: WebhookDelivery, req: Request, zone: TimeZone) -> DeliveryRow {
        var payload = delivery.payload
        if let text = payload, let value = JSONValue.parse(text) {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            payload = (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? text
        }
        let error: String? =
            if !delivery.problems.isEmpty {
                delivery.problems.map { problem in
                    let text = req.t("error.\(problem.code)", fallback: problem.message)
                    return problem.column.map { "\($0): \(text)" } ?? text
                }.joined(separator: " ")
            } else if let code = delivery.errorCode {
                req.t("error.\(code)", fallback: delivery.error ?? code)
            } else {
                delivery.error
            }
        return DeliveryRow(
            receivedAt: PageFormat.dateTime(delivery.receivedAt, timeZone: zone, locale: req.locale),
            state: delivery.state.rawValue, stateLabel: req.t("webhooks.state.\(delivery.state.rawValue)"),
            statusCode: delivery.statusCode, outcomeLabel: delivery.outcome.map { req.t("webhooks.outcome.\($0)") },
            contactURL: delivery.contactID.map { SiteRoute.contact(.value($0)).path }, error: error, payload: payload,
            size: delivery.sizeBytes < 1024 ? "\(delivery.sizeBytes) B" : "\(delivery.sizeBytes / 1024) KB")
    }

    /// A problem's field errors, translated, keyed as the form names them.
    static func formErrors(_ problem: Problem, req: Request) -> FormErrors {
        var byField: [String: String] = [:]
        for error in problem.errors ?? [] {
            let key = error.field.hasPrefix("mapping") ? "mapping" : error.field
            let text = req.t("error.\(error.code)", fallback: error.message)
            byField[key] = byField[key].map { $0 + " " + text } ?? text
        }
        return FormErrors(byField: byField)
    }

    /// The form's mapping, or the errors that keep it from being one.
    static func mapping(from form: Form) -> (WebhookMapping?, [FieldError]) {
        var errors: [FieldError] = []
        var fields: [WebhookFieldMapping] = []
        let paths = form.paths ?? []
        for (index, rawPath) in paths.enumerated() {
            let path = rawPath.trimmingCharacters(in: .whitespaces)
            let key = (form.fields ?? []).indices.contains(index) ? form.fields?[index] ?? "" : ""
            guard !path.isEmpty else { continue }
            let fieldKey =
                key == "metadata"
                ? "metadata:" + ((form.keys ?? []).indices.contains(index) ? form.keys?[index] ?? "" : "") : key
            do throws(JSONPathError) {
                let parsed = try JSONPath(parsing: path)
                guard let field = ContactField(key: fieldKey) else {
                    errors.append(
                        FieldError(
                            field: "mapping", code: "webhook.mapping_field",
                            message: "Choose a field for \(path) (a metadata field needs a name)."))
                    continue
                }
                fields.append(WebhookFieldMapping(path: parsed, field: field))
            } catch {
                errors.append(FieldError(field: "mapping", code: error.code, message: "\(path): \(error.message)"))
            }
        }
        var idPath: JSONPath?
        if let raw = form.idPath?.trimmingCharacters(in: .whitespaces), !raw.isEmpty {
            do throws(JSONPathError) { idPath = try JSONPath(parsing: raw) } catch {
                errors.append(FieldError(field: "idPath", code: error.code, message: error.message))
            }
        }
        var filter: WebhookFilter?
        if let raw = form.filterPath?.trimmingCharacters(in: .whitespaces), !raw.isEmpty {
            do throws(JSONPathError) {
                let path = try JSONPath(parsing: raw)
                let comparison = WebhookFilter.Comparison(rawValue: form.filterOp ?? "") ?? .equals
                filter = WebhookFilter(
                    path: path, comparison: comparison,
                    value: form.filterValue?.trimmingCharacters(in: .whitespaces) ?? "")
            } catch {
                errors.append(FieldError(field: "filterPath", code: error.code, message: error.message))
            }
        }
        guard errors.isEmpty else { return (nil, errors) }
        return (WebhookMapping(fields: fields, idPath: idPath, filter: filter), [])
    }

    static func register(on routes: TenantRoutes) {
        @Sendable func source(_ req: Request, _ ctx: TenantContext) async throws -> WebhookSource {
            try ctx.require(.manageSettings)
            return try await WebhookSource.findOr404(try req.idParameter(), in: ctx, on: req.db, what: "Webhook source")
        }
        routes.get(SiteRoute.settingsWebhookSource(.key).pathComponents) { req, ctx async throws -> View in
            let source = try await source(req, ctx)
            let secret = req.session.data["webhook_secret"]
            req.session.data["webhook_secret"] = nil
            return try await req.view.render("settings/webhook", try await context(req, ctx, source: source, secret: secret))
        }
        routes.post(SiteRoute.settingsWebhookSource(.key).pathComponents) { req, ctx async throws -> Response in
            let source = try await source(req, ctx)
            try ctx.requireWritable()
            let form = try req.content.decode(Form.self)
            let (mapping, errors) = mapping(from: form)
            do {
                guard let mapping else { throw Problem.validation(errors) }
                try await WebhookSourceService(req: req, context: ctx).update(
                    source, with: .init(name: form.name, enabled: form.enabled != nil, mapping: mapping))
                req.session.flash = req.t("webhooks.saved")
                return req.redirect(to: SiteRoute.settingsWebhookSource(.value(try source.requireID())).path)
            } catch let problem as Problem where problem.errors != nil {
                return try await req.render(
                    "settings/webhook",
                    try await context(req, ctx, source: source, form: form, errors: formErrors(problem, req: req)),
                    status: problem.status)
            }
        }
        routes.post(SiteRoute.settingsWebhookSourceSecret(.key).pathComponents) { req, ctx async throws -> View in
            let source = try await source(req, ctx)
            let secret = try await WebhookSourceService(req: req, context: ctx).revealSecret(of: source)
            return try await req.view.render("settings/webhook", try await context(req, ctx, source: source, secret: secret))
        }
        routes.post(SiteRoute.settingsWebhookSourceRotate(.key).pathComponents) { req, ctx async throws -> View in
            let source = try await source(req, ctx)
            try ctx.requireWritable()
            let secret = try await WebhookSourceService(req: req, context: ctx).rotateSecret(of: source)
            return try await req.view.render("settings/webhook", try await context(req, ctx, source: source, secret: secret))
        }
        routes.post(SiteRoute.settingsWebhookSourceTest(.key).pathComponents) { req, ctx async throws -> Response in
            let source = try await source(req, ctx)
            let sample = (try? req.content.get(String.self, at: "sample")) ?? ""
            guard let payload = JSONValue.parse(sample) else {
                return try await req.render(
                    "settings/webhook",
                    try await context(
                        req, ctx, source: source,
                        errors: FormErrors(byField: ["sample": req.t("webhooks.sample_invalid")]), sample: sample),
                    status: .unprocessableEntity)
            }
            let result = try await WebhookSourceService(req: req, context: ctx).test(source, payload: payload)
            return try await req.render(
                "settings/webhook", try await context(req, ctx, source: source, sample: sample, test: result), status: .ok)
        }
        routes.post(SiteRoute.settingsWebhookSourceDelete(.key).pathComponents) { req, ctx async throws -> Response in
            let source = try await source(req, ctx)
            try ctx.requireWritable()
            try await WebhookSourceService(req: req, context: ctx).delete(source)
            req.session.flash = req.t("webhooks.deleted", source.name)
            return req.redirect(to: SiteRoute.settingsWebhookSources.path)
        }
    }
}
