import Foundation
import NIOHTTP1
import Vapor
import VaporTesting

@testable import NexoServer

/// A minimal browser over the in-memory tester: keeps the session cookie, fills in the CSRF token of the
/// last page it saw, follows nothing by itself (tests look at redirects).
final class Browser: @unchecked Sendable {
    let tester: any TestingApplicationTester
    private(set) var cookie: String?
    private(set) var lastCSRF: String?
    private(set) var lastPage = ""

    init(_ app: Application) throws { tester = try app.testing() }

    @discardableResult
    func get(_ path: String) async throws -> TestingHTTPResponse {
        let response = try await tester.sendRequest(.GET, path, headers: headers())
        remember(response)
        return response
    }

    /// Posts a form; `_csrf` is taken from the last page fetched unless given.
    @discardableResult
    func post(_ path: String, _ fields: [String: String], csrf: Bool = true) async throws -> TestingHTTPResponse {
        var form = fields
        if csrf, form["_csrf"] == nil, let token = lastCSRF { form["_csrf"] = token }
        var components = URLComponents()
        components.queryItems = form.map { URLQueryItem(name: $0.key, value: $0.value) }
        let body = (components.percentEncodedQuery ?? "").replacingOccurrences(of: "+", with: "%2B")
        var headers = headers()
        headers.contentType = .urlEncodedForm
        let response = try await tester.sendRequest(.POST, path, headers: headers, body: ByteBuffer(string: body))
        remember(response)
        return response
    }

    /// Sends a file the way a form with `enctype="multipart/form-data"` does, to `path` (its action, query included).
    @discardableResult
    func upload(_ path: String, field: String, filename: String, bytes: [UInt8]) async throws -> TestingHTTPResponse {
        let boundary = "----nexo-test-\(UUID().uuidString)"
        var body = ByteBuffer()
        body.writeString(
            "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(field)\"; filename=\"\(filename)\"\r\n"
                + "Content-Type: text/csv\r\n\r\n")
        body.writeBytes(bytes)
        body.writeString("\r\n--\(boundary)--\r\n")
        var headers = headers()
        headers.replaceOrAdd(name: .contentType, value: "multipart/form-data; boundary=\(boundary)")
        let response = try await tester.sendRequest(.POST, path, headers: headers, body: body)
        remember(response)
        return response
    }

    func signIn(_ email: String, _ password: String) async throws -> TestingHTTPResponse {
        try await get("/signin")
        return try await post("/signin", ["email": email, "password": password])
    }

    private func headers() -> HTTPHeaders {
        var headers = HTTPHeaders()
        if let cookie { headers.add(name: .cookie, value: "nexo_session=\(cookie)") }
        return headers
    }

    private func remember(_ response: TestingHTTPResponse) {
        for header in response.headers[.setCookie] where header.hasPrefix("nexo_session=") {
            let value = header.dropFirst("nexo_session=".count).prefix { $0 != ";" }
            cookie = value.isEmpty ? nil : String(value)
        }
        let page = response.body.string
        lastPage = page
        if let range = page.range(of: #"name="_csrf" value="([^"]+)""#, options: .regularExpression) {
            let match = page[range]
            if let valueStart = match.range(of: "value=\"") {
                lastCSRF = String(match[valueStart.upperBound...].dropLast())
            }
        }
    }
}

extension TestingHTTPResponse {
    var location: String? { headers.first(name: .location) }
}
