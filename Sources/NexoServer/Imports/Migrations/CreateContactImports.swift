import Fluent
import SQLKit

struct CreateContactImports: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema("contact_imports")
            .id()
            .field("tenant_id", .uuid, .required, .references("tenants", "id", onDelete: .cascade))
            .field("created_by", .string, .required)
            .field("filename", .string, .required)
            .field("size_bytes", .int64, .required)
            .field("encoding", .string, .required)
            .field("delimiter", .string, .required)
            .field("headers", .string, .required)
            .field("mapping", .string)
            .field("state", .string, .required)
            .field("total_rows", .int)
            .field("rows_done", .int, .required)
            .field("created_count", .int, .required)
            .field("updated_count", .int, .required)
            .field("unchanged_count", .int, .required)
            .field("rejected_count", .int, .required)
            .field("merged_count", .int, .required)
            .field("error", .string)
            .field("created_at", .datetime, .required)
            .field("started_at", .datetime)
            .field("finished_at", .datetime)
            .create()
        try await database.createIndex("contact_imports_tenant", on: "contact_imports", ["tenant_id", "created_at"])
        try await database.schema("contact_import_rejections")
            .field("import_id", .uuid, .required, .references("contact_imports", "id", onDelete: .cascade))
            .field("tenant_id", .uuid, .required, .references("tenants", "id", onDelete: .cascade))
            .field("line", .int, .required)
            .field("cells", .string, .required)
            .field("problems", .string, .required)
            .create()
        try await database.createIndex(
            "contact_import_rejections_import", on: "contact_import_rejections", ["import_id", "line"])
    }

    func revert(on database: Database) async throws {
        try await database.schema("contact_import_rejections").delete()
        try await database.schema("contact_imports").delete()
    }
}
