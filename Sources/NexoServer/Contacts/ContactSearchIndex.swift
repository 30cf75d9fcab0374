import Fluent
import Foundation
import SQLKit

/// SQLite's trigram index follows contacts by rowid, and a manual VACUUM may renumber rowids of tables
/// whose key is not an INTEGER PRIMARY KEY. Checking the whole index costs a third of a second per 100,000
/// contacts, so start-up samples five contacts spread over the table instead: after a renumbering most rows
/// move, so a sample finds it, and the index is rebuilt.
enum ContactSearchIndex {
    static func repairIfOutOfStep(on db: any Database, logger: Logger) async throws {
        let sql = db.sql
        guard let bounds = try await sql.raw("SELECT MIN(rowid) AS low, MAX(rowid) AS high FROM contacts").first(),
            let low = try bounds.decode(column: "low", as: Int?.self), let high = try bounds.decode(column: "high", as: Int?.self)
        else { return }
        for step in 0...4 {
            let target = low + (high - low) * step / 4
            guard
                let row = try await sql.raw(
                    "SELECT rowid AS id, search_text FROM contacts WHERE rowid >= \(bind: target) ORDER BY rowid LIMIT 1"
                ).first()
            else { continue }
            let id = try row.decode(column: "id", as: Int.self)
            let text = String(try row.decode(column: "search_text", as: String.self).prefix(24))
            guard text.count >= 3 else { continue }
            let phrase = "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            let found = try await sql.raw(
                "SELECT 1 AS ok FROM contacts_fts WHERE contacts_fts MATCH \(bind: phrase) AND rowid = \(bind: id)"
            ).first()
            if found == nil {
                logger.warning("contact search index out of step with the contacts table, rebuilding")
                try await sql.raw("INSERT INTO contacts_fts(contacts_fts) VALUES ('rebuild')").run()
                return
            }
        }
    }
}
