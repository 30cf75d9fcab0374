import Foundation

/// A job to enqueue. The payload is JSON the job's handler decodes.
struct NewJob: Sendable {
    /// Tenant-less (platform) jobs are filed under this id so every job has a tenant to be fair between.
    static let systemTenant = UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))

    var kind: String
    var tenantID: UUID
    var payload: String
    var priority: Int
    var runAt: Date?
    var maxAttempts: Int
    /// At most one job with this key exists; enqueueing it again is a no-op.
    var idempotencyKey: String?

    init(
        kind: String, tenantID: UUID?, payload: String = "{}", priority: Int = 0, runAt: Date? = nil,
        maxAttempts: Int = 10, idempotencyKey: String? = nil
    ) {
        self.kind = kind
        self.tenantID = tenantID ?? Self.systemTenant
        self.payload = payload
        self.priority = priority
        self.runAt = runAt
        self.maxAttempts = maxAttempts
        self.idempotencyKey = idempotencyKey
    }

    init<Payload: Encodable>(
        kind: String, tenantID: UUID?, payload: Payload, priority: Int = 0, runAt: Date? = nil, maxAttempts: Int = 10,
        idempotencyKey: String? = nil
    ) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        encoder.dateEncodingStrategy = .iso8601
        self.init(
            kind: kind, tenantID: tenantID, payload: String(decoding: try encoder.encode(payload), as: UTF8.self),
            priority: priority, runAt: runAt, maxAttempts: maxAttempts, idempotencyKey: idempotencyKey)
    }
}
