import Vapor

/// A route group whose handlers receive the request's `TenantContext` as a non-optional argument,
/// so no handler can forget the tenant or reach another tenant's data by id.
struct TenantRoutes {
    let routes: any RoutesBuilder

    typealias Handler<R: AsyncResponseEncodable> = @Sendable (Request, TenantContext) async throws -> R

    @discardableResult
    func on<R: AsyncResponseEncodable>(
        _ method: HTTPMethod, _ path: [PathComponent], body: HTTPBodyStreamStrategy = .collect,
        use handler: @escaping Handler<R>
    ) -> Route {
        routes.on(method, path, body: body) { req async throws -> R in
            guard let context = req.tenantContext else { throw Abort(.unauthorized) }
            return try await handler(req, context)
        }
    }

    @discardableResult
    func get<R: AsyncResponseEncodable>(_ path: [PathComponent], use handler: @escaping Handler<R>) -> Route {
        on(.GET, path, use: handler)
    }

    @discardableResult
    func post<R: AsyncResponseEncodable>(_ path: [PathComponent], use handler: @escaping Handler<R>) -> Route {
        on(.POST, path, use: handler)
    }

    @discardableResult
    func patch<R: AsyncResponseEncodable>(_ path: [PathComponent], use handler: @escaping Handler<R>) -> Route {
        on(.PATCH, path, use: handler)
    }

    @discardableResult
    func put<R: AsyncResponseEncodable>(_ path: [PathComponent], use handler: @escaping Handler<R>) -> Route {
        on(.PUT, path, use: handler)
    }

    @discardableResult
    func delete<R: AsyncResponseEncodable>(_ path: [PathComponent], use handler: @escaping Handler<R>) -> Route {
        on(.DELETE, path, use: handler)
    }
}
