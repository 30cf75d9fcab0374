import Fluent
import FluentSQL
import Foundation
import NexoCore
import SQLKit

/// Reads on the contact base, in SQL: the list is the hottest path of the backoffice and of the API,
/// so it is one indexed keyset query whatever the size of the base.
struct ContactQueries: Sendable {
    let db: any Database
    let context: TenantContext

    func list(_ filter: ContactFilter, page: PageRequest) async throws -> (contacts: [Contact], next: Cursor?) {
        let sql = db.sql
        var query = sql.select().column("*").from("contacts")
            .where("tenant_id", .equal, context.tenantID)
        if let q = filter.q {
            // Phones are indexed as digits only, so "+54 9 11 4444" searches as "549114444".
            let phoneLike = q.allSatisfy { $0.isNumber || " +-().".contains($0) } && q.filter(\.isNumber).count >= 3
            let term = SearchText.fold(phoneLike ? q.filter(\.isNumber) : q)
            let pattern = SearchText.likePattern(containing: term)
            if db.isSQLite {
                // Three characters or more can use the trigram index; the LIKE keeps results exact either way.
                if term.count >= 3 {
                    let phrase = "\"" + term.replacingOccurrences(of: "\"", with: "\"\"") + "\""
                    // Few matches: fetch them through the index and sort them. Many: walk the list in order and
                    // keep the matching rows (`+` stops SQLite from driving the query by rowid), which finds a page fast.
                    let many = try await Self.hasManySearchMatches(phrase, on: sql)
                    let rowid = many ? "+contacts.rowid" : "contacts.rowid"
                    query = query.where(
                        SQLQueryString(
                            "\(unsafeRaw: rowid) IN (SELECT rowid FROM contacts_fts WHERE contacts_fts MATCH \(bind: phrase))"))
                }
                query = query.where(SQLQueryString("search_text LIKE \(bind: pattern) ESCAPE '\\'"))
            } else {
                // PostgreSQL's LIKE escapes with a backslash by default, which the trigram index understands.
                query = query.where(SQLQueryString("search_text LIKE \(bind: pattern)"))
            }
        }
        if let status = filter.status { query = query.where("status", .equal, status) }
        if let source = filter.source { query = query.where("source", .equal, source) }
        if let from = filter.createdFrom { query = query.where("created_at", .greaterThanOrEqual, from) }
        if let to = filter.createdTo { query = query.where("created_at", .lessThan, to) }
        if let month = filter.birthdayMonth { query = query.where("birthday_month", .equal, month) }
        if let tag = filter.tag {
            query = query.where(
                SQLQueryString(
                    "EXISTS (SELECT 1 FROM contact_tags t WHERE t.contact_id = contacts.id AND t.tenant_id = contacts.tenant_id AND t.tag = \(bind: tag))"
                ))
        }
        if let cursor = page.cursor {
            // (created_at, id) < cursor, with created_at compared at millisecond precision.
            // The leading range on created_at lets both databases walk the index from the cursor down.
            query = query.where("created_at", .lessThanOrEqual, cursor.latest)
                .where { group in
                    group.where("created_at", .lessThan, cursor.earliest).orWhere("id", .lessThan, cursor.id)
                }
        }
        let rows = try await query.orderBy("created_at", .descending).orderBy("id", .descending)
            .limit(page.limit + 1).all()
        var contacts = try rows.map { try $0.decode(fluentModel: Contact.self) }
        var next: Cursor?
        if contacts.count > page.limit {
            contacts.removeLast()
            if let last = contacts.last, let id = last.id { next = Cursor(time: last.createdAt, id: id) }
        }
        return (contacts, next)
    }

    /// Whether a trigram search matches more rows than are worth sorting (counted across tenants, bounded).
    static func hasManySearchMatches(_ phrase: String, on sql: any SQLDatabase) async throws -> Bool {
        let row = try await sql.raw(
            "SELECT COUNT(*) AS n FROM (SELECT 1 FROM contacts_fts WHERE contacts_fts MATCH \(bind: phrase) LIMIT \(unsafeRaw: String(manyMatches)))"
        ).first()
        return try (row?.decode(column: "n", as: Int.self) ?? 0) >= manyMatches
    }

    static let manyMatches = 1000

    func interactions(contactID: UUID, page: PageRequest) async throws -> (items: [Interaction], next: Cursor?) {
        try await Interaction.scoped(to: context, on: db).filter(\.$contactID == contactID).keysetPage(by: \.$occurredAt, page)
    }

    struct Stats: Sendable {
        var total: Int
        var newThisWeek: Int
        var bySource: [(source: String, count: Int)]
    }

    func stats(now: Date = Date()) async throws -> Stats {
        let sql = db.sql
        let weekAgo = now.addingTimeInterval(-7 * 86_400)
        let totals = try await sql.raw(
            """
            SELECT COUNT(*) AS total, COALESCE(SUM(CASE WHEN created_at >= \(bind: weekAgo) THEN 1 ELSE 0 END), 0) AS recent
            FROM contacts WHERE tenant_id = \(bind: context.tenantID)
            """
        ).first()
        let sources = try await sql.raw(
            """
            SELECT source, COUNT(*) AS n FROM contacts WHERE tenant_id = \(bind: context.tenantID)
            GROUP BY source ORDER BY n DESC, source LIMIT 12
            """
        ).all()
        return Stats(
            total: try totals?.decode(column: "total", as: Int.self) ?? 0,
            newThisWeek: try totals?.decode(column: "recent", as: Int.self) ?? 0,
            bySource: try sources.map {
                (try $0.decode(column: "source", as: String.self), try $0.decode(column: "n", as: Int.self))
            })
    }
}
