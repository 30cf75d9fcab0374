import Foundation
import NexoCore
import Vapor

/// A webhook source as the API shows it. `secret` is filled only right after it is made (create, rotate).
struct WebhookSourceResponse: Content, Sendable {
    var id: UUID
    var name: String
    var url: String
    var enabled: Bool
    var mapping: WebhookMapping
    var secret: String?
    var createdAt: Date
    var updatedAt: Date
    var lastReceivedAt: Date?

    enum CodingKeys: String, CodingKey {
        case id, name, url, enabled, mapping, secret
        case createdAt = "created_at"
        case updatedAt = "updated_at"
        case lastReceivedAt = "last_received_at"
    }

    init(_ source: WebhookSource, publicURL: String) throws {
        id = try source.requireID()
        name = source.name
        url = publicURL + SiteRoute.hookInbound(token: .value(source.token)).path
        enabled = source.enabled
        mapping = source.mapping
        createdAt = source.createdAt
        updatedAt = source.updatedAt
        lastReceivedAt = source.lastReceivedAt
    }
}

/// One logged delivery as the API shows it: the payload as JSON when it was JSON, else as text.
struct WebhookDeliveryResponse: Content, Sendable {
    var id: UUID
    var receivedAt: Date
    var state: String
    var statusCode: Int
    var sizeBytes: Int
    var payload: JSONValue?
    var eventID: String?
    var contactID: UUID?
    var outcome: String?
    var error: String?
    var problems: [ImportProblem]

    enum CodingKeys: String, CodingKey {
        case id, state, payload, outcome, error, problems
        case receivedAt = "received_at"
        case statusCode = "status_code"
        case sizeBytes = "size_bytes"
        case eventID = "event_id"
        case contactID = "contact_id"
    }

    init(_ delivery: WebhookDelivery) throws {
        id = try delivery.requireID()
        receivedAt = delivery.receivedAt
        state = delivery.state.rawValue
        statusCode = delivery.statusCode
        sizeBytes = delivery.sizeBytes
        payload = delivery.payload.map { JSONValue.parse($0) ?? .string($0) }
        eventID = delivery.eventID
        contactID = delivery.contactID
        outcome = delivery.outcome
        error = delivery.error
        problems = delivery.problems
    }
}
