import Vapor

/// Gives every request an id (the caller's `X-Request-Id` when it is sane), puts it in every log line of the
/// request and echoes it in the response, so a user's report can be matched to the logs. Logs one line per
/// request with its status and duration (the path only: queries may hold personal data).
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
        let started = ContinuousClock.now
        let response = try await next.respond(to: request)
        response.headers.replaceOrAdd(name: "X-Request-Id", value: id)
        let elapsed = started.duration(to: .now)
        let milliseconds = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        request.logger.info(
            "\(request.method) \(request.url.path) \(response.status.code)",
            metadata: ["duration_ms": .string(String(format: "%.1f", milliseconds))])
        return response
    }
}
