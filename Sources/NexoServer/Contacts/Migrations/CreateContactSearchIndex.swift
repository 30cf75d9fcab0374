import Fluent
import SQLKit

/// Makes "contains" search fast on large bases. PostgreSQL: a pg_trgm GIN index, which serves
/// `LIKE '%…%'` directly. SQLite: an FTS5 trigram index over `search_text`, kept in step by triggers and
/// keyed by rowid. Without pg_trgm (no permission to create the extension) search still works, by scanning.
struct CreateContactSearchIndex: AsyncMigration {
    func prepare(on database: Database) async throws {
        let sql = database.sql
        if database.isSQLite {
            try await sql.raw(
                "CREATE VIRTUAL TABLE contacts_fts USING fts5(search_text, content='contacts', content_rowid='rowid', tokenize='trigram')"
            ).run()
            try await sql.raw(
                "CREATE TRIGGER contacts_fts_insert AFTER INSERT ON contacts BEGIN INSERT INTO contacts_fts(rowid, search_text) VALUES (new.rowid, new.search_text); END"
            ).run()
            try await sql.raw(
                "CREATE TRIGGER contacts_fts_delete AFTER DELETE ON contacts BEGIN INSERT INTO contacts_fts(contacts_fts, rowid, search_text) VALUES ('delete', old.rowid, old.search_text); END"
            ).run()
            try await sql.raw(
                """
                CREATE TRIGGER contacts_fts_update AFTER UPDATE OF search_text ON contacts BEGIN
                INSERT INTO contacts_fts(contacts_fts, rowid, search_text) VALUES ('delete', old.rowid, old.search_text);
                INSERT INTO contacts_fts(rowid, search_text) VALUES (new.rowid, new.search_text); END
                """
            ).run()
            try await sql.raw("INSERT INTO contacts_fts(contacts_fts) VALUES ('rebuild')").run()
        } else {
            do {
                try await sql.raw("CREATE EXTENSION IF NOT EXISTS pg_trgm").run()
            } catch {
                database.logger.warning("pg_trgm is not available (\(String(reflecting: error))); contact search will scan")
                return
            }
            try await sql.raw("CREATE INDEX contacts_search_trgm ON contacts USING gin (search_text gin_trgm_ops)").run()
        }
    }

    func revert(on database: Database) async throws {
        let sql = database.sql
        if database.isSQLite {
            for trigger in ["contacts_fts_insert", "contacts_fts_delete", "contacts_fts_update"] {
                try await sql.raw("DROP TRIGGER IF EXISTS \(unsafeRaw: trigger)").run()
            }
            try await sql.raw("DROP TABLE IF EXISTS contacts_fts").run()
        } else {
            try await sql.raw("DROP INDEX IF EXISTS contacts_search_trgm").run()
        }
    }
}
