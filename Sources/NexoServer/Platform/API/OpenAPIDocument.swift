import Foundation
import Vapor

/// Serves `Resources/openapi.json` (OpenAPI 3.1) at `/api/v1/openapi.json`. A test holds it true to the routes.
enum OpenAPIDocument {
    static func path(in app: Application) -> String { app.directory.resourcesDirectory + "openapi.json" }

    static func register(on app: Application) {
        let file = path(in: app)
        app.get(SiteRoute.api(.openAPI).pathComponents) { req async throws -> Response in
            let response = try await req.fileio.asyncStreamFile(at: file)
            response.headers.replaceOrAdd(name: .contentType, value: "application/json")
            return response
        }
    }
}
