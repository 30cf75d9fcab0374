import Foundation
import NexoCore
import Vapor

/// An import as the API shows it: how the file was read, the mapping, progress and counts, and — until it starts —
/// a preview of the first rows as they will be stored.
struct ContactImportResponse: Content, Sendable {
    struct Column: Content, Sendable {
        var column: Int
        var header: String
        /// `first_name`, …, `metadata:<key>` or `ignore`.
        var field: String
    }

    struct PreviewRow: Content, Sendable {
        var line: Int
        /// The values the row would store, in the contact's shape; null when the row would be rejected.
        var values: [String: JSONValue]?
        var problems: [ImportProblem]
    }

    var id: UUID
    var filename: String
    var sizeBytes: Int64
    var state: String
    var encoding: String
    var delimiter: String
    var columns: [Column]
    var totalRows: Int?
    var rowsDone: Int
    var created: Int
    var updated: Int
    var unchanged: Int
    var rejected: Int
    var merged: Int
    var error: String?
    var createdAt: Date
    var startedAt: Date?
    var finishedAt: Date?
    var preview: [PreviewRow]?
    var rejectedRowsURL: String?

    enum CodingKeys: String, CodingKey {
        case id, filename, state, encoding, delimiter, columns, created, updated, unchanged, rejected, merged, error, preview
        case sizeBytes = "size_bytes"
        case totalRows = "total_rows"
        case rowsDone = "rows_done"
        case createdAt = "created_at"
        case startedAt = "started_at"
        case finishedAt = "finished_at"
        case rejectedRowsURL = "rejected_rows_url"
    }

    init(_ contactImport: ContactImport, preview: ContactImporter.Preview? = nil) throws {
        let id = try contactImport.requireID()
        self.id = id
        filename = contactImport.filename
        sizeBytes = contactImport.sizeBytes
        state = contactImport.state.rawValue
        encoding = contactImport.encoding
        delimiter = contactImport.delimiter
        let mapping = preview?.mapping ?? contactImport.mapping
        columns = mapping.headers.enumerated().map {
            Column(column: $0.offset, header: $0.element, field: mapping.fields[$0.offset].key)
        }
        totalRows = contactImport.totalRows
        rowsDone = contactImport.rowsDone
        created = contactImport.createdCount
        updated = contactImport.updatedCount
        unchanged = contactImport.unchangedCount
        rejected = contactImport.rejectedCount
        merged = contactImport.mergedCount
        error = contactImport.error
        createdAt = contactImport.createdAt
        startedAt = contactImport.startedAt
        finishedAt = contactImport.finishedAt
        self.preview = preview?.rows.map { row in
            PreviewRow(line: row.line, values: row.values.map { Self.json($0, tags: row.tags) }, problems: row.problems)
        }
        rejectedRowsURL =
            contactImport.rejectedCount > 0 ? SiteRoute.api(.contactImportRejected(.value(id))).path : nil
    }

    static func json(_ values: ContactValues, tags: [String]) -> [String: JSONValue] {
        var object: [String: JSONValue] = [:]
        func put(_ key: String, _ value: String?) { if let value { object[key] = .string(value) } }
        put("first_name", values.firstName)
        put("last_name", values.lastName)
        put("email", values.email)
        put("phone", values.phone)
        put("company", values.company)
        put("birthday", values.birthday?.description)
        put("notes", values.notes)
        if !tags.isEmpty { object["tags"] = .array(tags.map(JSONValue.string)) }
        if !values.metadata.isEmpty { object["metadata"] = .object(values.metadata) }
        return object
    }
}
