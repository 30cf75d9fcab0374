import Fluent
import SQLKit
import Vapor

/// `/healthz` (the process answers), `/readyz` (and its database does), `/metrics` (Prometheus text format).
struct HealthRoutes: Sendable {
    func register(on routes: any RoutesBuilder) {
        routes.get(SiteRoute.healthz.pathComponents) { _ in ["status": "ok"] }
        routes.get(SiteRoute.readyz.pathComponents) { req async throws -> Response in
            do {
                _ = try await req.db.sql.raw("SELECT 1 AS ok").first()
                return try await ["status": "ready", "database": "ok"].encodeResponse(for: req)
            } catch {
                req.logger.warning("readiness check failed: \(error)")
                let response = try await ["status": "unavailable", "database": "unreachable"].encodeResponse(for: req)
                response.status = .serviceUnavailable
                return response
            }
        }
        routes.get(SiteRoute.metrics.pathComponents) { _ -> Response in
            let response = Response(status: .ok, body: .init(string: Observability.registry.emitToString()))
            response.headers.replaceOrAdd(name: .contentType, value: "text/plain; version=0.0.4; charset=utf-8")
            return response
        }
    }
}
