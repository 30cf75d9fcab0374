import Vapor

extension Request {
    /// Renders a page with a status other than 200 (a form sent back with its errors answers 422).
    func render(_ template: String, _ context: some Encodable & Sendable, status: HTTPStatus) async throws -> Response {
        let response = try await view.render(template, context).encodeResponse(for: self)
        response.status = status
        return response
    }
}
