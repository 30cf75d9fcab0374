import Vapor

/// Gives every request an id (the caller's `X-Request-Id` when it is sane), puts it in every log line of the
/// request and echoes it in the response, so a user's report can be matched to the logs.
struct RequestIDMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        var id = request.id
        if let given = request.headers.first(name: "X-Request-Id"), given.count <= 64,
            given.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" })
        {
            id = given
        }
        request.logger[metadataKey: "request_id"] = .string(id)
        request.logger[metadataKey: "request-id"] = nil
        let response = try await next.respond(to: request)
        response.headers.replaceOrAdd(name: "X-Request-Id", value: id)
        return response
    }
}
