import Foundation

/// A job a worker holds under a lease. `attempts` counts this one.
struct ClaimedJob: Sendable {
    let id: UUID
    let kind: String
    let tenantID: UUID
    let payload: String
    let attempts: Int
    let maxAttempts: Int

    var tenant: UUID? { tenantID == NewJob.systemTenant ? nil : tenantID }

    func decode<Payload: Decodable>(_ type: Payload.Type) throws -> Payload {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        do {
            return try decoder.decode(type, from: Data(payload.utf8))
        } catch {
            throw JobFailure.permanent("payload of \(kind) is not valid: \(error)")
        }
    }
}
