import NIOCore
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
            if bytes.contains(0) || Self.contains(bytes, Self.jsonEscape) {
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

    private static func contains(_ haystack: ByteBufferView, _ needle: [UInt8]) -> Bool {
        var start = haystack.startIndex
        while let found = haystack[start...].firstIndex(of: needle[0]) {
            if haystack[found...].starts(with: needle) { return true }
            start = haystack.index(after: found)
        }
        return false
    }
}
