import Foundation
import NexoCore
import Vapor

/// An RFC 9457 problem: the one shape every API error takes (`application/problem+json`).
struct Problem: AbortError, Encodable, Sendable {
    var status: HTTPResponseStatus
    var title: String
    var detail: String?
    var errors: [FieldError]?
    /// On a 409, the id of the record that already holds the unique value.
    var existingID: UUID?
    var headers: HTTPHeaders = [:]
    /// Stable, machine-readable name of the problem ("validation", "not_found", …).
    var code: String

    var reason: String { detail ?? title }

    enum CodingKeys: String, CodingKey {
        case type, title, status, detail, errors, code
        case existingID = "existing_id"
    }

    func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode("https://nexo.local/problems/\(code)", forKey: .type)
        try container.encode(title, forKey: .title)
        try container.encode(Int(status.code), forKey: .status)
        try container.encodeIfPresent(detail, forKey: .detail)
        try container.encode(code, forKey: .code)
        try container.encodeIfPresent(errors, forKey: .errors)
        try container.encodeIfPresent(existingID, forKey: .existingID)
    }

    static func validation(_ errors: [FieldError]) -> Problem {
        Problem(
            status: .unprocessableEntity, title: "Validation failed",
            detail: errors.map { "\($0.field): \($0.message)" }.joined(separator: " "), errors: errors, code: "validation")
    }

    static func notFound(_ what: String = "Resource") -> Problem {
        Problem(status: .notFound, title: "Not found", detail: "\(what) not found.", code: "not_found")
    }

    static func conflict(_ detail: String, existingID: UUID?, field: String) -> Problem {
        Problem(
            status: .conflict, title: "Conflict", detail: detail,
            errors: [FieldError(field: field, code: "\(field).taken", message: detail)], existingID: existingID, code: "conflict")
    }

    static func forbidden(_ detail: String, code: String = "forbidden") -> Problem {
        Problem(status: .forbidden, title: "Forbidden", detail: detail, code: code)
    }

    static func badRequest(_ detail: String, field: String? = nil) -> Problem {
        Problem(
            status: .badRequest, title: "Bad request", detail: detail,
            errors: field.map { [FieldError(field: $0, code: "invalid", message: detail)] }, code: "bad_request")
    }

    static func tooManyRequests(retryAfter seconds: Int, detail: String) -> Problem {
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .retryAfter, value: String(max(seconds, 1)))
        return Problem(
            status: .tooManyRequests, title: "Too many requests", detail: detail, headers: headers, code: "rate_limited")
    }

    static let unauthorized = Problem(
        status: .unauthorized, title: "Unauthorized",
        detail: "Send a valid API token as `Authorization: Bearer <token>`.", code: "unauthorized")
}
