import NexoCore
import Vapor

/// Chooses the language of pages for people who are not signed in: their earlier choice, else Spanish.
struct VisitorLocaleMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if let lang = try? request.query.get(String.self, at: "lang") {
            let locale = Translations.resolve(lang)
            request.session.visitorLocale = locale
        }
        if request.hasSession, let locale = request.session.visitorLocale {
            request.locale = locale
        }
        return try await next.respond(to: request)
    }
}
