import Fluent
import Foundation
import SQLKit
import Vapor

/// Honours `Idempotency-Key` on POSTs that create things: the first response is stored per tenant and key,
/// and a retry with the same key gets that response again instead of a second effect.
enum IdempotentRequest {
    static func run(_ req: Request, _ ctx: TenantContext, _ body: () async throws -> Response) async throws -> Response {
        guard let key = req.headers.first(name: "Idempotency-Key")?.trimmingCharacters(in: .whitespaces), !key.isEmpty else {
            return try await body()
        }
        guard key.count <= 255 else { throw Problem.badRequest("Idempotency-Key must have at most 255 characters.") }
        let sql = req.db.sql
        let path = req.url.path
        if let stored = try await sql.select().columns("path", "status", "body").from("idempotency_keys")
            .where("tenant_id", .equal, ctx.tenantID).where("key", .equal, key).first()
        {
            guard try stored.decode(column: "path", as: String.self) == path else {
                throw Problem(
                    status: .unprocessableEntity, title: "Idempotency-Key reused",
                    detail: "This Idempotency-Key was used for another request.", code: "idempotency_key_reused")
            }
            let response = Response(status: HTTPResponseStatus(statusCode: try stored.decode(column: "status", as: Int.self)))
            response.headers.contentType = .json
            response.headers.replaceOrAdd(name: "Idempotent-Replayed", value: "true")
            response.body = .init(string: try stored.decode(column: "body", as: String.self))
            return response
        }
        let response = try await body()
        if (200..<300).contains(response.status.code), let data = response.body.string {
            try? await sql.insert(into: "idempotency_keys")
                .columns("tenant_id", "key", "path", "status", "body", "created_at")
                .values(
                    SQLBind(ctx.tenantID), SQLBind(key), SQLBind(path), SQLBind(Int(response.status.code)), SQLBind(data),
                    SQLBind(Date())
                )
                .run()
        }
        return response
    }
}
