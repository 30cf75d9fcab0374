import Fluent
import Foundation
import NexoCore
import SQLKit
import Vapor

/// `nexo demo contacts --tenant <id|slug> --count N`: fills a tenant with realistic, valid contacts in bulk
/// (multi-row INSERTs in transactions), for demos and benchmarks. Demo rows emit no domain events.
struct DemoCommand: AsyncCommandGroup {
    var commands: [String: any AnyAsyncCommand] = ["contacts": DemoContactsCommand()]
    var help: String { "Generate demo data" }
}

struct DemoContactsCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "tenant", help: "Tenant id or slug") var tenant: String?
        @Option(name: "count", help: "How many contacts (default 1000)") var count: Int?
        @Option(name: "seed", help: "Random seed, for repeatable data") var seed: Int?
    }

    var help: String { "Add generated contacts to a tenant" }

    func run(using context: CommandContext, signature: Signature) async throws {
        let db = context.application.db
        let tenant = try await TenantLookup.require(signature.tenant, on: db)
        let count = signature.count ?? 1000
        guard count > 0, count <= 10_000_000 else { throw CommandFailure("--count must be between 1 and 10000000") }
        let started = Date()
        let inserted = try await DemoContacts(
            tenantID: try tenant.requireID(), country: tenant.country, seed: UInt64(signature.seed ?? 42)
        )
        .insert(count: count, on: db) { done in
            if done % 20_000 == 0 { context.console.print("  \(done)/\(count)") }
        }
        let seconds = Date().timeIntervalSince(started)
        context.console.print("inserted \(inserted) contacts into \(tenant.slug) in \(String(format: "%.1f", seconds)) s")
    }
}

/// Generates contacts deterministically from a seed and writes them set-based.
struct DemoContacts: Sendable {
    let tenantID: UUID
    let country: String
    let seed: UInt64

    static let firstNames = [
        "José", "María", "Juan", "Lucía", "Martín", "Sofía", "Diego", "Valentina", "Mateo", "Camila", "Santiago", "Ana",
        "Joaquín", "Florencia", "Tomás", "Agustina", "Nicolás", "Julieta", "Benjamín", "Renata", "Ramón", "Inés", "Gonzalo",
        "Ñusta",
    ]
    static let lastNames = [
        "Núñez", "González", "Rodríguez", "Fernández", "López", "Martínez", "Pérez", "Gómez", "Díaz", "Sánchez", "Romero",
        "Álvarez", "Torres", "Ruiz", "Ramírez", "Flores", "Acosta", "Benítez", "Medina", "Castro", "Ibáñez", "Peña",
    ]
    static let companies = [
        "", "", "", "Sonrisas SA", "Inmobiliaria Sur", "Almacén Don José", "Clínica del Parque", "Estudio Contable Ríos",
    ]
    static let tags = ["vip", "ortodoncia", "limpieza", "implantes", "nuevo", "recurrente", "moroso", "referido"]
    static let sources = ["manual", "csv", "csv", "webhook", "whatsapp", "whatsapp", "lead_ads", "api"]
    static let statuses = ["lead", "lead", "customer", "customer", "customer", "inactive"]

    func insert(count: Int, batch: Int = 500, on db: any Database, progress: @Sendable (Int) -> Void) async throws -> Int {
        var generator = SplitMix64(seed: seed)
        var done = 0
        let base = Date.nexoNow.addingTimeInterval(-Double(count) * 60)
        while done < count {
            let size = min(batch, count - done)
            var batchRows: [(id: UUID, contact: Contact, tags: [String])] = []
            for i in 0..<size {
                let n = done + i
                let (values, id) = make(index: n, using: &generator)
                let created = base.addingTimeInterval(Double(n) * 60)
                batchRows.append((id, Contact(tenantID: tenantID, values: values, now: created), values.tags))
            }
            let rows = batchRows
            let tenantID = self.tenantID
            try await db.writeTransaction { tx in
                let insert = tx.sql.insert(into: "contacts").columns(
                    "id", "tenant_id", "first_name", "last_name", "email", "phone", "phone_valid", "phone_key", "company",
                    "birthday",
                    "birthday_month", "birthday_day", "notes", "tags", "source", "status", "score", "email_consent",
                    "whatsapp_consent", "metadata", "search_text", "created_at", "updated_at")
                let tags = tx.sql.insert(into: "contact_tags").columns("tenant_id", "contact_id", "tag")
                var anyTag = false
                for (id, c, contactTags) in rows {
                    insert.values(
                        SQLBind(id), SQLBind(tenantID), SQLBind(c.firstName), SQLBind(c.lastName), SQLBind(c.email),
                        SQLBind(c.phone),
                        SQLBind(c.phoneValid), SQLBind(c.phoneKey), SQLBind(c.company), SQLBind(c.birthday),
                        SQLBind(c.birthdayMonth),
                        SQLBind(c.birthdayDay), SQLBind(c.notes), SQLBind(c.tags), SQLBind(c.source), SQLBind(c.status),
                        SQLBind(c.score), SQLBind(c.emailConsent), SQLBind(c.whatsappConsent), SQLBind(c.metadata),
                        SQLBind(c.searchText), SQLBind(c.createdAt), SQLBind(c.updatedAt))
                    for tag in contactTags {
                        tags.values(SQLBind(tenantID), SQLBind(id), SQLBind(tag))
                        anyTag = true
                    }
                }
                try await insert.run()
                if anyTag { try await tags.run() }
            }
            done += size
            progress(done)
        }
        // Fresh statistics, as autovacuum would gather later: without them PostgreSQL may plan lists badly.
        try await db.sql.raw("ANALYZE contacts").run()
        try await db.sql.raw("ANALYZE contact_tags").run()
        return done
    }

    private func make(index n: Int, using g: inout SplitMix64) -> (ContactValues, UUID) {
        let first = Self.firstNames[Int(g.next() % UInt64(Self.firstNames.count))]
        let last = Self.lastNames[Int(g.next() % UInt64(Self.lastNames.count))]
        let local = SearchText.fold(first + "." + last).replacingOccurrences(of: " ", with: "")
        let email = "\(local).\(n)@example.com"
        let phone = Self.phone(country: country, number: n)
        var values = ContactValues(
            firstName: first, lastName: last, email: email, phone: phone?.e164, phoneValid: phone != nil,
            phoneKey: phone?.matchKey,
            company: Self.companies[Int(g.next() % UInt64(Self.companies.count))].nilIfEmpty,
            birthday: Birthday(
                year: g.next() % 3 == 0 ? nil : 1950 + Int(g.next() % 55), month: 1 + Int(g.next() % 12),
                day: 1 + Int(g.next() % 28)),
            tags: Array(Set((0..<Int(g.next() % 3)).map { _ in Self.tags[Int(g.next() % UInt64(Self.tags.count))] })).sorted(),
            source: Self.sources[Int(g.next() % UInt64(Self.sources.count))],
            status: Self.statuses[Int(g.next() % UInt64(Self.statuses.count))],
            score: Int(g.next() % 100))
        if g.next() % 2 == 0 { values.emailConsent = Consent(state: .given, at: nil, method: "demo") }
        var bytes = [UInt8](repeating: 0, count: 16)
        for i in 0..<16 { bytes[i] = UInt8(truncatingIfNeeded: g.next()) }
        bytes[6] = (bytes[6] & 0x0F) | 0x40
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        let id = UUID(
            uuid: (
                bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7], bytes[8], bytes[9], bytes[10],
                bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]
            ))
        return (values, id)
    }

    /// A valid mobile number for the country, unique per index.
    static func phone(country: String, number n: Int) -> PhoneNumber? {
        let subscriber = String(format: "%08d", n % 100_000_000)
        let typed: String
        switch country {
        case "AR": typed = "+54 9 11 " + subscriber
        case "MX": typed = "+52 55 " + subscriber
        case "BR": typed = "+55 11 9" + subscriber
        case "ES": typed = "+34 6" + subscriber
        case "US": typed = "+1 415 " + String(subscriber.suffix(7))
        default: typed = "+54 9 11 " + subscriber
        }
        if case .valid(let number) = PhoneNumber.parse(typed, defaultCountry: country) { return number }
        return nil
    }
}

/// A small, fast, seedable generator (SplitMix64), so demo data is the same on every run.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
