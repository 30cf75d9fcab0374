import Fluent
import Foundation
import MultipartKit
import NexoCore
import Vapor

/// `/api/v1/contact-imports`: upload a CSV file (raw `text/csv` or a multipart form's `file`), see how it will be
/// read, start it with a mapping, follow its progress, download the rejected rows.
struct ContactImportsAPIController {
    func register(on routes: TenantRoutes) {
        routes.get(SiteRoute.api(.contactImports).pathComponents, use: list)
        routes.on(.POST, SiteRoute.api(.contactImports).pathComponents, body: .stream, use: upload)
        routes.get(SiteRoute.api(.contactImport(.key)).pathComponents, use: get)
        routes.post(SiteRoute.api(.contactImportStart(.key)).pathComponents, use: start)
        routes.get(SiteRoute.api(.contactImportRejected(.key)).pathComponents, use: rejected)
    }

    @Sendable func list(req: Request, ctx: TenantContext) async throws -> Page<ContactImportResponse> {
        try ctx.require(.importContacts)
        let imports = try await ContactImport.scoped(to: ctx, on: req.db).sort(\.$createdAt, .descending).limit(50).all()
        return Page(data: try imports.map { try ContactImportResponse($0) }, nextCursor: nil)
    }

    @Sendable func upload(req: Request, ctx: TenantContext) async throws -> Response {
        try ctx.require(.importContacts)
        try ctx.requireWritable()
        let importer = ContactImporter(db: req.db, nexo: req.nexo, context: ctx)
        let contactImport = try await ContactImportUpload.receive(req, importer: importer)
        let preview = try await importer.preview(contactImport)
        return try await ContactImportResponse(contactImport, preview: preview).encodeResponse(status: .created, for: req)
    }

    @Sendable func get(req: Request, ctx: TenantContext) async throws -> ContactImportResponse {
        try ctx.require(.importContacts)
        let contactImport = try await ContactImport.findOr404(try req.idParameter(), in: ctx, on: req.db, what: "Import")
        guard contactImport.state == .uploaded else { return try ContactImportResponse(contactImport) }
        let importer = ContactImporter(db: req.db, nexo: req.nexo, context: ctx)
        return try ContactImportResponse(contactImport, preview: try await importer.preview(contactImport))
    }

    @Sendable func start(req: Request, ctx: TenantContext) async throws -> Response {
        try ctx.require(.importContacts)
        try ctx.requireWritable()
        let contactImport = try await ContactImport.findOr404(try req.idParameter(), in: ctx, on: req.db, what: "Import")
        var raw: [String: String] = [:]
        if let data = req.body.data, data.readableBytes > 0 {
            let body = try req.jsonObject()
            var errors: [FieldError] = []
            for key in body.keys where key != "mapping" {
                errors.append(FieldError(field: key, code: "field.unknown", message: "\(key) is not a field of this request."))
            }
            switch body["mapping"] {
            case nil, .null: break
            case .object(let mapping):
                for (column, value) in mapping {
                    guard case .string(let key) = value else {
                        errors.append(
                            FieldError(field: "mapping.\(column)", code: "mapping.field", message: "Name the field as a string."))
                        continue
                    }
                    raw[column] = key
                }
            default:
                errors.append(
                    FieldError(field: "mapping", code: "mapping.invalid", message: "mapping is an object: column → field."))
            }
            if !errors.isEmpty { throw Problem.validation(errors) }
        }
        let overrides = try Self.overrides(raw)
        try await ContactImporter(db: req.db, nexo: req.nexo, context: ctx).start(contactImport, overrides: overrides)
        return try await ContactImportResponse(contactImport).encodeResponse(status: .accepted, for: req)
    }

    /// `{"3": "email", "5": "metadata:numero_cliente", "6": "ignore"}` → column overrides, or a 422 naming each bad one.
    static func overrides(_ raw: [String: String]) throws -> [Int: ContactField] {
        var overrides: [Int: ContactField] = [:]
        var errors: [FieldError] = []
        for (column, key) in raw.sorted(by: { $0.key < $1.key }) {
            guard let index = Int(column) else {
                errors.append(
                    FieldError(field: "mapping.\(column)", code: "mapping.column", message: "Columns are numbered from 0."))
                continue
            }
            guard let field = ContactField(key: key) else {
                errors.append(
                    FieldError(
                        field: "mapping.\(column)", code: "mapping.field",
                        message:
                            "\(key) is not a field: use first_name, last_name, full_name, email, phone, company, birthday, "
                            + "notes, tags, status, score, metadata_json, metadata:<key> or ignore."))
                continue
            }
            overrides[index] = field
        }
        if !errors.isEmpty { throw Problem.validation(errors) }
        return overrides
    }

    @Sendable func rejected(req: Request, ctx: TenantContext) async throws -> Response {
        try ctx.require(.importContacts)
        let contactImport = try await ContactImport.findOr404(try req.idParameter(), in: ctx, on: req.db, what: "Import")
        return try await Self.rejectedFile(contactImport, req: req, ctx: ctx)
    }

    /// The rejected rows as a CSV download (the API's and the page's).
    static func rejectedFile(_ contactImport: ContactImport, req: Request, ctx: TenantContext) async throws -> Response {
        let importer = ContactImporter(db: req.db, nexo: req.nexo, context: ctx)
        let text = try await importer.rejectedRowsCSV(contactImport) { problem in
            let translated = req.t("error.\(problem.code)", fallback: problem.message)
            guard let column = problem.column, !column.isEmpty else { return translated }
            return "\(column): \(translated)"
        }
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
        let base = (contactImport.filename as NSString).deletingPathExtension
        headers.replaceOrAdd(
            name: .contentDisposition,
            value: "attachment; filename=\"\(Self.asciiFilename(base))-rechazadas.csv\"")
        return Response(status: .ok, headers: headers, body: .init(string: text))
    }

    /// The file's name folded to ASCII (the search's folding), anything else a dash.
    static func asciiFilename(_ name: String) -> String {
        let safe = SearchText.fold(name).unicodeScalars.map {
            ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" ? Character($0) : "-"
        }
        let text = String(safe).trimmingCharacters(in: CharacterSet(charactersIn: "-"))
        return text.isEmpty ? "contactos" : String(text.prefix(80))
    }
}
