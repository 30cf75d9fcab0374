import Fluent
import Foundation
import NexoCore

extension ContactService {
    /// What became of one imported row.
    enum ImportOutcome: Sendable, Equatable {
        case created
        case updated
        case unchanged
        case rejected([ImportProblem])
    }

    /// Applies imported rows in order, in one transaction: a row matching a contact by e-mail, then by phone,
    /// updates it (empty cells keep what it has, tags are added, metadata merged); any other row creates one. Only
    /// a created contact emits `contact.created`. A row that would give a contact another one's e-mail or phone is
    /// rejected with the reason. The contacts the rows can match or collide with are read in two queries for the
    /// whole batch, not four per row.
    /// `then` runs in the same transaction with the outcomes, so a caller's own bookkeeping (an import's counts)
    /// commits with the rows or not at all.
    func importRows(
        _ rows: [ContactImportRow], source: String = "csv",
        then finish: (@Sendable (any Database, [ImportOutcome]) async throws -> Void)? = nil
    ) async throws -> [ImportOutcome] {
        try await db.writeTransaction { tx in
            var known = try await KnownContacts.load(for: rows, context: context, on: tx)
            var created: [(contact: Contact, values: ContactValues)] = []
            var outcomes: [ImportOutcome] = []
            outcomes.reserveCapacity(rows.count)
            for row in rows {
                outcomes.append(try await importRow(row, source: source, known: &known, created: &created, on: tx).outcome)
            }
            try await insertAll(created, on: tx)
            try await finish?(tx, outcomes)
            return outcomes
        }
    }

    /// One row from a system that sends contacts one at a time (a webhook, a lead form), inside the caller's
    /// transaction: the same matching and rules as an import. Returns the outcome and the contact it landed on.
    func importRow(_ row: ContactImportRow, source: String, on tx: any Database) async throws -> (
        outcome: ImportOutcome, contact: Contact?
    ) {
        var known = try await KnownContacts.load(for: [row], context: context, on: tx)
        var created: [(contact: Contact, values: ContactValues)] = []
        let result = try await importRow(row, source: source, known: &known, created: &created, on: tx)
        try await insertAll(created, on: tx)
        return result
    }

    /// The batch's contacts by e-mail and by phone key, kept current as rows are written.
    private struct KnownContacts {
        var byEmail: [String: Contact] = [:]
        var byPhone: [String: Contact] = [:]

        static func load(
            for rows: [ContactImportRow], context: TenantContext, on tx: any Database
        ) async throws -> KnownContacts {
            var emails: Set<String> = []
            var phones: Set<String> = []
            for key in rows.flatMap(\.matchKeys) {
                switch key {
                case .email(let value): emails.insert(value)
                case .phone(let value): phones.insert(value)
                }
            }
            var known = KnownContacts()
            if !emails.isEmpty {
                for contact in try await Contact.scoped(to: context, on: tx).filter(\.$email ~~ emails).all() {
                    known.add(contact)
                }
            }
            if !phones.isEmpty {
                for contact in try await Contact.scoped(to: context, on: tx).filter(\.$phoneKey ~~ phones).all() {
                    known.add(contact)
                }
            }
            return known
        }

        mutating func add(_ contact: Contact) {
            if let email = contact.email { byEmail[email] = contact }
            if let phoneKey = contact.phoneKey { byPhone[phoneKey] = contact }
        }

        mutating func remove(email: String?, phoneKey: String?, of contact: Contact) {
            if let email, byEmail[email] === contact { byEmail[email] = nil }
            if let phoneKey, byPhone[phoneKey] === contact { byPhone[phoneKey] = nil }
        }

        func match(_ row: ContactImportRow) -> Contact? {
            for key in row.matchKeys {
                if case .email(let value) = key, let found = byEmail[value] { return found }
            }
            for key in row.matchKeys {
                if case .phone(let value) = key, let found = byPhone[value] { return found }
            }
            return nil
        }

        /// Why `values` cannot be stored on `contact` (nil: a new one): another contact has its e-mail or phone.
        func conflict(for values: ContactValues, excluding contact: Contact?) -> ImportProblem? {
            if let email = values.email, let other = byEmail[email], other !== contact {
                return ImportProblem(
                    code: "email.taken", column: "email", message: "A contact with this e-mail already exists.")
            }
            if let phoneKey = values.phoneKey, let other = byPhone[phoneKey], other !== contact {
                return ImportProblem(
                    code: "phone.taken", column: "phone", message: "A contact with this phone number already exists.")
            }
            return nil
        }
    }

    private func importRow(
        _ row: ContactImportRow, source: String, known: inout KnownContacts,
        created: inout [(contact: Contact, values: ContactValues)],
        on tx: any Database
    ) async throws -> (outcome: ImportOutcome, contact: Contact?) {
        if let existing = known.match(row) {
            let before = existing.values
            let after = row.applied(to: before)
            guard after != before else { return (.unchanged, existing) }
            if let problem = known.conflict(for: after, excluding: existing) { return (.rejected([problem]), nil) }
            known.remove(email: before.email, phoneKey: before.phoneKey, of: existing)
            if existing.$id.exists {
                _ = try await update(existing, to: after, checkConflicts: false, on: tx)
            } else if let index = created.firstIndex(where: { $0.contact === existing }) {
                // Created earlier in this batch and not written yet: it is written with these values.
                existing.apply(after)
                created[index].values = after
            }
            known.add(existing)
            return (.updated, existing)
        }
        let values = row.newContact(source: source)
        if let problem = known.conflict(for: values, excluding: nil) { return (.rejected([problem]), nil) }
        // Written with the rest of the batch (`insertAll`); rows of one person were merged before, so no later row
        // of the batch updates it.
        let contact = Contact(tenantID: context.tenantID, values: values, now: .nexoNow)
        contact.id = UUID()
        created.append((contact, values))
        known.add(contact)
        return (.created, contact)
    }
}
