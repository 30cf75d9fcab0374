import Fluent
import Foundation
import NexoCore

/// One CSV file a business imports: where it is stored, how it was read (encoding, delimiter, header), the column
/// mapping chosen, and how far the import job got with what result. Every row ends up counted as created, updated,
/// unchanged or rejected (rejected rows are kept, with their reasons, in `contact_import_rejections`).
final class ContactImport: Model, @unchecked Sendable {
    static let schema = "contact_imports"

    enum State: String, Codable, Sendable {
        /// Stored and previewed; waits for the mapping to be confirmed.
        case uploaded
        case queued
        case running
        case completed
        case failed
    }

    @ID(key: .id) var id: UUID?
    @Field(key: "tenant_id") var tenantID: UUID
    @Field(key: "created_by") var createdBy: String
    @Field(key: "filename") var filename: String
    @Field(key: "size_bytes") var sizeBytes: Int64
    @Field(key: "encoding") var encoding: String
    @Field(key: "delimiter") var delimiter: String
    /// The header row's cells, as JSON.
    @Field(key: "headers") var headersJSON: String
    /// The user's overrides, column index → field key (`ContactField.key`), as JSON; nil while the guess stands.
    @OptionalField(key: "mapping") var mappingJSON: String?
    @Enum(key: "state") var state: State
    @OptionalField(key: "total_rows") var totalRows: Int?
    @Field(key: "rows_done") var rowsDone: Int
    @Field(key: "created_count") var createdCount: Int
    @Field(key: "updated_count") var updatedCount: Int
    @Field(key: "unchanged_count") var unchangedCount: Int
    @Field(key: "rejected_count") var rejectedCount: Int
    /// Rows of a person that an earlier row of the file already named, merged into that row's write.
    @Field(key: "merged_count") var mergedCount: Int
    @OptionalField(key: "error") var error: String?
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "started_at") var startedAt: Date?
    @OptionalField(key: "finished_at") var finishedAt: Date?

    init() {}

    init(
        id: UUID, tenantID: UUID, createdBy: String, filename: String, sizeBytes: Int64, encoding: CSVEncoding,
        delimiter: CSVDelimiter, headers: [String], now: Date
    ) throws {
        self.id = id
        self.tenantID = tenantID
        self.createdBy = createdBy
        self.filename = filename
        self.sizeBytes = sizeBytes
        self.encoding = encoding.rawValue
        self.delimiter = delimiter.rawValue
        self.headersJSON = String(decoding: try JSONEncoder().encode(headers), as: UTF8.self)
        self.state = .uploaded
        self.rowsDone = 0
        self.createdCount = 0
        self.updatedCount = 0
        self.unchangedCount = 0
        self.rejectedCount = 0
        self.mergedCount = 0
        self.createdAt = now
    }

    var headers: [String] { (try? JSONDecoder().decode([String].self, from: Data(headersJSON.utf8))) ?? [] }

    var overrides: [Int: ContactField] {
        guard let mappingJSON, let raw = try? JSONDecoder().decode([String: String].self, from: Data(mappingJSON.utf8))
        else { return [:] }
        var overrides: [Int: ContactField] = [:]
        for (column, key) in raw {
            if let index = Int(column), let field = ContactField(key: key) { overrides[index] = field }
        }
        return overrides
    }

    var mapping: ColumnMapping { ColumnMapping(headers: headers, overrides: overrides) }
}

extension ContactImport: TenantScoped {
    static var tenantIDKey: KeyPath<ContactImport, FieldProperty<ContactImport, UUID>> { \.$tenantID }
}
