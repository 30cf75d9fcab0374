import Foundation
import SQLKit

/// A job as operators see it (CLI and the jobs page).
struct JobSummary: Sendable, Codable {
    let id: UUID
    let kind: String
    let tenantID: UUID
    let state: String
    let priority: Int
    let runAt: Date
    let attempts: Int
    let maxAttempts: Int
    let lastError: String?
    let payload: String
    let createdAt: Date
    let finishedAt: Date?

    enum CodingKeys: String, CodingKey {
        case id, kind, state, priority, attempts, payload
        case tenantID = "tenant_id"
        case runAt = "run_at"
        case maxAttempts = "max_attempts"
        case lastError = "last_error"
        case createdAt = "created_at"
        case finishedAt = "finished_at"
    }

    static let columns = [
        "id", "kind", "tenant_id", "state", "priority", "run_at", "attempts", "max_attempts", "last_error", "payload",
        "created_at", "finished_at",
    ]

    init(row: any SQLRow) throws {
        id = try row.decode(column: "id", as: UUID.self)
        kind = try row.decode(column: "kind", as: String.self)
        tenantID = try row.decode(column: "tenant_id", as: UUID.self)
        state = try row.decode(column: "state", as: String.self)
        priority = try row.decode(column: "priority", as: Int.self)
        runAt = try row.decode(column: "run_at", as: Date.self)
        attempts = try row.decode(column: "attempts", as: Int.self)
        maxAttempts = try row.decode(column: "max_attempts", as: Int.self)
        lastError = try row.decode(column: "last_error", as: String?.self)
        payload = try row.decode(column: "payload", as: String.self)
        createdAt = try row.decode(column: "created_at", as: Date.self)
        finishedAt = try row.decode(column: "finished_at", as: Date?.self)
    }
}
