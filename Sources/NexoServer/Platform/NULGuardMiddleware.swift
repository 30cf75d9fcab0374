import Vapor

/// Refuses text with NUL characters in the URL or the body (raw, `%00` or the JSON escape `\u0000`).
/// PostgreSQL cannot store NUL in text, so letting one through would fail deep inside a query; answering
/// 400 here says plainly what is wrong, on both databases alike.
struct NULGuardMiddleware: AsyncMiddleware {
    private static let jsonEscape = Array("\\u0000".utf8)

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if request.url.string.range(of: "%00", options: .caseInsensitive) != nil {
            throw Problem.badRequest("The address contains a NUL character (%00), which text cannot hold.")
        }
        if let body = request.body.data, body.readableBytes > 0 {
            let bytes = body.readableBytesView
            if bytes.contains(0) || Self.contains(Array(bytes), Self.jsonEscape) {
                throw Problem.badRequest("The body contains a NUL character, which text cannot hold.")
            }
            if request.content.contentType == .urlEncodedForm,
                String(decoding: bytes, as: UTF8.self).range(of: "%00", options: .caseInsensitive) != nil
            {
                throw Problem.badRequest("The form contains a NUL character (%00), which text cannot hold.")
            }
        }
        return try await next.respond(to: request)
    }

    private static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard haystack.count >= needle.count else { return false }
        for start in 0...(haystack.count - needle.count) where haystack[start] == needle[0] {
            if Array(haystack[start..<(start + needle.count)]) == needle { return true }
        }
        return false
    }
}
