import Vapor

/// Rejects state-changing browser requests whose form does not carry the session's CSRF token.
/// SameSite=Lax cookies already stop most cross-site posts; the token covers the rest (and old browsers).
struct CSRFMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard ![.GET, .HEAD, .OPTIONS].contains(request.method) else { return try await next.respond(to: request) }
        var sent = request.headers.first(name: "X-CSRF-Token") ?? (try? request.content.get(String.self, at: "_csrf"))
        // A streamed upload (multipart, read as it arrives) cannot be searched for the field before the handler reads
        // it, so its form carries the token in its action's query instead.
        if sent == nil, request.headers.contentType?.type == "multipart" {
            sent = request.query[String.self, at: "_csrf"]
        }
        guard request.hasSession, let expected = request.session.data["csrf"], let sent,
            SecretToken.constantTimeEquals(sent, expected)
        else {
            throw Abort(.forbidden, reason: "csrf")
        }
        return try await next.respond(to: request)
    }
}
