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
    /// rejected with the reason.
    func importRows(_ rows: [ContactImportRow]) async throws -> [ImportOutcome] {
        try await db.writeTransaction { tx in
            var outcomes: [ImportOutcome] = []
            outcomes.reserveCapacity(rows.count)
            for row in rows {
                outcomes.append(try await importRow(row, on: tx))
            }
            return outcomes
        }
    }

    private func importRow(_ row: ContactImportRow, on tx: any Database) async throws -> ImportOutcome {
        var email: String?
        var phoneKey: String?
        for key in row.matchKeys {
            switch key {
            case .email(let value): email = email ?? value
            case .phone(let value): phoneKey = phoneKey ?? value
            }
        }
        do {
            if let existing = try await match(email: email, phoneKey: phoneKey, on: tx) {
                let after = row.applied(to: existing.values)
                guard after != existing.values else { return .unchanged }
                _ = try await update(existing, to: after, on: tx)
                return .updated
            }
            let values = row.newContact(source: "csv")
            if let problem = try await conflict(for: values, excluding: nil, on: tx) { throw problem }
            _ = try await insert(values, on: tx)
            return .created
        } catch let problem as Problem where problem.status == .conflict {
            let error = problem.errors?.first
            return .rejected([
                ImportProblem(
                    code: error?.code ?? "contact.conflict", column: error?.field,
                    message: problem.detail ?? "Another contact already has this e-mail or phone.")
            ])
        }
    }
}
