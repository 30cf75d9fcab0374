import Vapor

/// The backoffice's error page, in the visitor's language. A page that needs sign-in redirects instead.
enum ErrorPage {
    struct Context: Encodable {
        let shell: PublicShell
        let status: Int
        let heading: String
        let message: String
        let homeURL: String
    }

    static func response(for problem: Problem, request: Request) async -> Response {
        if problem.status == .unauthorized {
            return request.redirect(to: SiteRoute.signIn.path)
        }
        let code = problem.status.code
        let heading: String
        let message: String
        switch (code, problem.code) {
        case (403, "csrf"):
            heading = request.t("error.page.csrf.title")
            message = request.t("error.page.csrf.message")
        case (403, "tenant_suspended"):
            heading = request.t("error.page.suspended.title")
            message = request.t("error.page.suspended.message")
        case (403, _):
            heading = request.t("error.page.403.title")
            message = request.t("error.page.403.message")
        case (404, _):
            heading = request.t("error.page.404.title")
            message = request.t("error.page.404.message")
        case (429, _):
            heading = request.t("error.page.429.title")
            message = request.t("error.page.429.message")
        case (400..<500, _):
            heading = request.t("error.page.400.title")
            // Problem details are English (for the API); pages show the translated field messages instead.
            let translated = (problem.errors ?? []).map { request.t("error.\($0.code)", fallback: $0.message) }
            message = translated.isEmpty ? request.t("error.page.400.message") : translated.joined(separator: " ")
        default:
            heading = request.t("error.page.500.title")
            message = request.t("error.page.500.message")
        }
        let context = Context(
            shell: PublicShell.make(request, title: heading, session: false), status: Int(code), heading: heading,
            message: message,
            homeURL: SiteRoute.home.path)
        do {
            let response = try await request.view.render("errors/error", context).encodeResponse(for: request)
            response.status = problem.status
            for (name, value) in problem.headers { response.headers.replaceOrAdd(name: name, value: value) }
            return response
        } catch {
            request.logger.error("error page failed to render: \(error)")
            return Response(status: problem.status, body: .init(string: "\(code) \(heading)"))
        }
    }
}
