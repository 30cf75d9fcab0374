import Fluent
import Foundation
import NexoCore
import Vapor

/// Streams the (filtered) contact base as CSV in pages, so memory stays flat whatever the size of the base.
/// UTF-8 with a BOM so Excel shows accents; the columns are the ones the importer accepts.
struct ContactExport: Sendable {
    let db: any Database
    let context: TenantContext

    static let header = [
        "first_name", "last_name", "email", "phone", "company", "birthday", "notes", "tags", "source", "status", "score",
        "email_consent", "whatsapp_consent", "created_at", "metadata",
    ]
    static let batchSize = 1000

    func response(for req: Request, filter: ContactFilter) async throws -> Response {
        try await AuditLog.record(
            "contacts.exported", context: context, details: filter.isEmpty ? [:] : ["filtered": "true"], request: req)
        let queries = ContactQueries(db: db, context: context)
        let response = Response(status: .ok)
        response.headers.contentType = HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
        let stamp = Date().formatted(.iso8601.year().month().day())
        response.headers.replaceOrAdd(
            name: .contentDisposition, value: "attachment; filename=\"contactos-\(context.tenantSlug)-\(stamp).csv\"")
        let logger = req.logger
        response.body = .init(asyncStream: { writer in
            do {
                try await writer.write(.buffer(ByteBuffer(string: "\u{FEFF}" + CSVLine.make(Self.header))))
                var cursor: Cursor?
                repeat {
                    let page = try await queries.list(filter, page: PageRequest(limit: Self.batchSize, cursor: cursor))
                    var chunk = ""
                    for contact in page.contacts { chunk += CSVLine.make(Self.cells(contact)) }
                    if !chunk.isEmpty { try await writer.write(.buffer(ByteBuffer(string: chunk))) }
                    cursor = page.next
                } while cursor != nil
                try await writer.write(.end)
            } catch {
                logger.error("contact export failed: \(error)")
                try? await writer.write(.error(error))
            }
        })
        return response
    }

    static func cells(_ contact: Contact) -> [String] {
        let v = contact.values
        return [
            v.firstName ?? "", v.lastName ?? "", v.email ?? "", v.phone ?? "", v.company ?? "", v.birthday?.description ?? "",
            v.notes ?? "", v.tags.joined(separator: ", "), v.source, v.status, String(v.score), v.emailConsent.state.rawValue,
            v.whatsappConsent.state.rawValue, contact.createdAt.formatted(.iso8601),
            v.metadata.isEmpty ? "" : JSONValue.object(v.metadata).jsonText,
        ]
    }
}
