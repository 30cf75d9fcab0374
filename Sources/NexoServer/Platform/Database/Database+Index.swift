import Fluent
import SQLKit

extension Database {
    var sql: any SQLDatabase {
        guard let sql = self as? any SQLDatabase else {
            fatalError("Nexo runs on SQL databases only (SQLite or PostgreSQL)")
        }
        return sql
    }

    /// Fluent's schema builder has no indexes; both SQLite and PostgreSQL accept this form.
    func createIndex(_ name: String, on table: String, _ columns: [String], unique: Bool = false) async throws {
        var builder = sql.create(index: name).on(table)
        if unique { builder = builder.unique() }
        for column in columns { builder = builder.column(column) }
        try await builder.run()
    }
}
