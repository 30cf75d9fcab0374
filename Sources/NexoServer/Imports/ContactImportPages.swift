import Fluent
import Foundation
import NexoCore
import Vapor

/// Contacts → Import: drop a CSV file, see how it will be read (encoding, delimiter, each column's field, the first
/// rows as they will be stored and their problems), change the mapping, start, follow the progress bar, and read the
/// result with the rejected rows to download.
enum ContactImportPages {
    struct RecentImport: Encodable, Sendable {
        let filename: String
        let created: String
        let state: String
        let stateLabel: String
        let url: String
    }

    struct UploadContext: Encodable, Sendable {
        let shell: Shell
        let action: String
        let maxSizeMB: Int
        let error: String?
        let recent: [RecentImport]
    }

    struct Column: Encodable, Sendable {
        let index: Int
        let header: String
        let options: [SelectOption]
        let metadataKey: String
    }

    struct PreviewRow: Encodable, Sendable {
        let line: Int
        let cells: [String]
        let problems: [String]
    }

    struct Count: Encodable, Sendable {
        let key: String
        let label: String
        let value: Int
    }

    struct ImportContext: Encodable, Sendable {
        let shell: Shell
        let id: String
        let filename: String
        let size: String
        let encoding: String
        let delimiter: String
        let state: String
        let stateLabel: String
        let editable: Bool
        let columns: [Column]
        let previewHeaders: [String]
        let preview: [PreviewRow]
        let totalRows: Int?
        let rowsDone: Int
        let percent: Int
        let counts: [Count]
        let error: String?
        let finished: Bool
        let startAction: String
        let progressURL: String
        let rejectedURL: String?
        let contactsURL: String
        let importURL: String
    }

    static func uploadContext(_ req: Request, _ ctx: TenantContext, error: String? = nil) async throws -> UploadContext {
        let imports = try await ContactImport.scoped(to: ctx, on: req.db).sort(\.$createdAt, .descending).limit(10).all()
        return UploadContext(
            shell: try await Shell.make(req, ctx, section: "contacts", title: req.t("imports.title")),
            action: SiteRoute.contactsImport.path(query: ["_csrf": req.session.csrfToken]),
            maxSizeMB: req.nexo.settings.importMaxSize / (1 << 20), error: error,
            recent: try imports.map { item in
                RecentImport(
                    filename: item.filename,
                    created: PageFormat.dateTime(item.createdAt, timeZone: ctx.zone, locale: req.locale),
                    state: item.state.rawValue, stateLabel: req.t("imports.state.\(item.state.rawValue)"),
                    url: SiteRoute.contactImportPage(.value(try item.requireID())).path)
            })
    }

    static func importContext(_ req: Request, _ ctx: TenantContext, _ item: ContactImport) async throws -> ImportContext {
        let id = try item.requireID()
        let importer = ContactImporter(db: req.db, nexo: req.nexo, context: ctx)
        let editable = item.state == .uploaded
        var columns: [Column] = []
        var previewRows: [PreviewRow] = []
        var previewHeaders: [String] = []
        if editable {
            let preview = try await importer.preview(item)
            let mapping = preview.mapping
            columns = mapping.headers.enumerated().map { index, header in
                let key = mapping.fields[index].key
                let selected = key.hasPrefix("metadata:") ? "metadata" : key
                return Column(
                    index: index, header: header,
                    options: ContactField.formChoices.map {
                        SelectOption(value: $0, label: req.t("field.\($0)"), selected: $0 == selected)
                    },
                    metadataKey: key.hasPrefix("metadata:") ? String(key.dropFirst("metadata:".count)) : "")
            }
            previewHeaders =
                ["first_name", "last_name", "email", "phone", "company", "birthday", "tags"].map {
                    req.t("field.\($0)")
                } + [req.t("field.metadata")]
            previewRows = preview.rows.map { row in
                let problems = row.problems.map { problem in
                    let text = req.t("error.\(problem.code)", fallback: problem.message)
                    return problem.column.map { "\($0): \(text)" } ?? text
                }
                guard let values = row.values else { return PreviewRow(line: row.line, cells: [], problems: problems) }
                let metadata = values.metadata.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value.displayText)" }
                return PreviewRow(
                    line: row.line,
                    cells: [
                        values.firstName ?? "", values.lastName ?? "", values.email ?? "", values.phone ?? "",
                        values.company ?? "", values.birthday?.description ?? "", row.tags.joined(separator: ", "),
                        metadata.joined(separator: " · "),
                    ], problems: problems)
            }
        }
        let total = item.totalRows ?? 0
        let finished = item.state == .completed || item.state == .failed
        return ImportContext(
            shell: try await Shell.make(req, ctx, section: "contacts", title: req.t("imports.title")),
            id: id.uuidString, filename: item.filename,
            size: item.sizeBytes < 1 << 20 ? "\(max(1, item.sizeBytes / 1024)) KB" : "\(item.sizeBytes / (1 << 20)) MB",
            encoding: item.encoding, delimiter: item.delimiter == "\t" ? "tab" : item.delimiter,
            state: item.state.rawValue, stateLabel: req.t("imports.state.\(item.state.rawValue)"), editable: editable,
            columns: columns, previewHeaders: previewHeaders, preview: previewRows, totalRows: item.totalRows,
            rowsDone: item.rowsDone, percent: total > 0 ? min(100, item.rowsDone * 100 / total) : (finished ? 100 : 0),
            counts: [
                ("created", item.createdCount), ("updated", item.updatedCount), ("unchanged", item.unchangedCount),
                ("merged", item.mergedCount), ("rejected", item.rejectedCount),
            ].map { Count(key: $0.0, label: req.t("imports.count.\($0.0)"), value: $0.1) },
            error: item.error, finished: finished,
            startAction: SiteRoute.contactImportPageStart(.value(id)).path,
            progressURL: SiteRoute.contactImportPageProgress(.value(id)).path,
            rejectedURL: item.rejectedCount > 0 ? SiteRoute.contactImportPageRejected(.value(id)).path : nil,
            contactsURL: SiteRoute.contacts.path, importURL: SiteRoute.contactsImport.path)
    }

    /// The mapping form's choices: `field[3]=email`, `key[5]=numero_cliente` for a metadata column.
    static func overrides(from req: Request, columns: Int) throws -> [Int: ContactField] {
        var raw: [String: String] = [:]
        let fields = (try? req.content.get([String: String].self, at: "field")) ?? [:]
        let keys = (try? req.content.get([String: String].self, at: "key")) ?? [:]
        for index in 0..<columns {
            guard let field = fields[String(index)] else { continue }
            if field == "metadata" {
                let key = keys[String(index)] ?? ""
                raw[String(index)] = "metadata:" + (key.isEmpty ? "columna_\(index + 1)" : key)
            } else {
                raw[String(index)] = field
            }
        }
        return try ContactImportsAPIController.overrides(raw)
    }

    static func register(on routes: TenantRoutes) {
        routes.get(SiteRoute.contactsImport.pathComponents) { req, ctx async throws -> View in
            try ctx.require(.importContacts)
            return try await req.view.render("imports/upload", try await uploadContext(req, ctx))
        }
        routes.on(.POST, SiteRoute.contactsImport.pathComponents, body: .stream) { req, ctx async throws -> Response in
            try ctx.require(.importContacts)
            try ctx.requireWritable()
            let importer = ContactImporter(db: req.db, nexo: req.nexo, context: ctx)
            do {
                let item = try await ContactImportUpload.receive(req, importer: importer)
                return req.redirect(to: SiteRoute.contactImportPage(.value(try item.requireID())).path)
            } catch let problem as Problem where problem.status.code < 500 {
                let message =
                    problem.status == .unprocessableEntity
                    ? (problem.errors ?? []).map { req.t("error.\($0.code)", fallback: $0.message) }.joined(separator: " ")
                    : req.t("imports.upload_error.\(problem.status.code)", fallback: problem.detail ?? problem.title)
                return try await req.render(
                    "imports/upload", try await uploadContext(req, ctx, error: message), status: problem.status)
            }
        }
        routes.get(SiteRoute.contactImportPage(.key).pathComponents) { req, ctx async throws -> View in
            try ctx.require(.importContacts)
            let item = try await ContactImport.findOr404(try req.idParameter(), in: ctx, on: req.db, what: "Import")
            return try await req.view.render("imports/show", try await importContext(req, ctx, item))
        }
        routes.post(SiteRoute.contactImportPageStart(.key).pathComponents) { req, ctx async throws -> Response in
            try ctx.require(.importContacts)
            try ctx.requireWritable()
            let item = try await ContactImport.findOr404(try req.idParameter(), in: ctx, on: req.db, what: "Import")
            let overrides = try overrides(from: req, columns: item.headers.count)
            let importer = ContactImporter(db: req.db, nexo: req.nexo, context: ctx)
            // "Preview" shows the rows with the chosen mapping; "Import" starts.
            if (try? req.content.get(String.self, at: "action")) == "preview" {
                let raw = Dictionary(uniqueKeysWithValues: overrides.map { (String($0.key), $0.value.key) })
                item.mappingJSON = String(decoding: try JSONEncoder().encode(raw), as: UTF8.self)
                try await item.update(on: req.db)
                return req.redirect(to: SiteRoute.contactImportPage(.value(try item.requireID())).path)
            }
            try await importer.start(item, overrides: overrides)
            return req.redirect(to: SiteRoute.contactImportPage(.value(try item.requireID())).path)
        }
        routes.get(SiteRoute.contactImportPageProgress(.key).pathComponents) { req, ctx async throws -> Response in
            try ctx.require(.importContacts)
            let item = try await ContactImport.findOr404(try req.idParameter(), in: ctx, on: req.db, what: "Import")
            return try await ContactImportResponse(item).encodeResponse(for: req)
        }
        routes.get(SiteRoute.contactImportPageRejected(.key).pathComponents) { req, ctx async throws -> Response in
            try ctx.require(.importContacts)
            let item = try await ContactImport.findOr404(try req.idParameter(), in: ctx, on: req.db, what: "Import")
            return try await ContactImportsAPIController.rejectedFile(item, req: req, ctx: ctx)
        }
    }
}
