import Fluent
import Foundation
import NexoCore
import Vapor

/// Turns every error into a clear answer: `application/problem+json` for the API and webhooks,
/// a page in the visitor's language for the backoffice. Unexpected errors are logged and answered 500
/// without internals.
struct ProblemMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        do {
            return try await next.respond(to: request)
        } catch {
            let problem = Self.problem(for: error, request: request)
            if Self.wantsJSON(request) {
                return Self.jsonResponse(problem, request: request)
            }
            return await ErrorPage.response(for: problem, request: request)
        }
    }

    static func wantsJSON(_ request: Request) -> Bool {
        let path = request.url.path
        if path.hasPrefix("/api/") || path.hasPrefix("/hooks/") { return true }
        // Compared by hand: HTTPMediaType's == treats */* as matching everything, and browsers send */*.
        let types = request.headers.accept.map { "\($0.mediaType.type)/\($0.mediaType.subType)".lowercased() }
        return types.contains("application/json") && !types.contains("text/html")
    }

    static func jsonResponse(_ problem: Problem, request: Request) -> Response {
        let response = Response(status: problem.status, headers: problem.headers)
        response.headers.replaceOrAdd(name: .contentType, value: "application/problem+json")
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        response.body = .init(data: (try? encoder.encode(problem)) ?? Data())
        return response
    }

    static func problem(for error: any Error, request: Request) -> Problem {
        switch error {
        case let problem as Problem:
            return problem
        case let failure as ValidationFailure:
            return .validation(failure.errors)
        case let decoding as DecodingError:
            return .badRequest(Self.describe(decoding), field: Self.field(of: decoding))
        case let abort as any AbortError:
            // A 5xx from a library (a template that fails to render, …) is our fault: log it like any other.
            if abort.status.code >= 500 { request.logger.report(error: error) }
            let code: String
            switch abort.status {
            case .notFound: code = "not_found"
            case .unauthorized: code = "unauthorized"
            case .forbidden: code = abort.reason == "csrf" ? "csrf" : "forbidden"
            case .payloadTooLarge: code = "payload_too_large"
            case .methodNotAllowed: code = "method_not_allowed"
            default: code = abort.status.code < 500 ? "bad_request" : "server_error"
            }
            let detail =
                abort.reason == "csrf"
                ? "The form expired or did not come from Nexo; reload the page and try again." : abort.reason
            return Problem(
                status: abort.status, title: abort.status.reasonPhrase, detail: detail, headers: abort.headers, code: code)
        default:
            request.logger.report(error: error)
            return Problem(
                status: .internalServerError, title: "Internal server error",
                detail: "Something went wrong on our side; it has been logged.", code: "server_error")
        }
    }

    static func field(of error: DecodingError) -> String? {
        let path: [any CodingKey]
        switch error {
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context): path = context.codingPath
        case .keyNotFound(let key, let context): path = context.codingPath + [key]
        @unknown default: path = []
        }
        let joined = path.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
        return joined.isEmpty ? nil : joined
    }

    static func describe(_ error: DecodingError) -> String {
        let field = Self.field(of: error).map { "`\($0)`" } ?? "the body"
        switch error {
        case .typeMismatch(let type, _): return "\(field) has the wrong type; expected \(type)."
        case .valueNotFound(let type, _): return "\(field) is missing a value of type \(type)."
        case .keyNotFound(let key, _): return "Missing field `\(key.stringValue)`."
        case .dataCorrupted: return "\(field) could not be read; check that it is valid."
        @unknown default: return "The request could not be read."
        }
    }
}
