import Fluent
import Foundation
import Vapor

/// The check in front of every operator page: the signed-in person must be an operator. Anyone else — an API token,
/// a business's owner — gets the 404 of a page that does not exist, so the pages do not announce themselves.
enum Operator {
    static func isOperator(_ ctx: TenantContext, on db: any Database) async throws -> Bool {
        guard let userID = ctx.actor.userID else { return false }
        return try await User.query(on: db).filter(\.$id == userID).filter(\.$isOperator == true).first() != nil
    }

    static func require(_ req: Request, _ ctx: TenantContext) async throws {
        guard try await isOperator(ctx, on: req.db) else { throw Problem.notFound("Page") }
    }
}
