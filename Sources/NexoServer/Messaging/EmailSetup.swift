import Fluent
import Foundation
import Vapor

/// A tenant's e-mail settings turned into a sender identity and a provider (nil: the outbox).
struct EmailSetup: Sendable {
    let identity: EmailIdentity
    let provider: (any EmailProvider)?

    static func load(tenantID: UUID, app: Application) async throws -> EmailSetup {
        guard let tenant = try await Tenant.find(tenantID, on: app.db) else {
            throw JobFailure.permanent("tenant \(tenantID) no longer exists")
        }
        let settings = try await EmailSettings.query(on: app.db).filter(\.$tenantID == tenantID).first()
        let host = URL(string: app.nexo.settings.publicURL)?.host ?? "localhost"
        let identity = EmailIdentity(
            address: settings?.fromAddress ?? "no-reply@\(host)", name: settings?.fromName ?? tenant.name,
            replyTo: settings?.replyTo)
        guard let settings, settings.provider != .outbox else { return EmailSetup(identity: identity, provider: nil) }
        if settings.needsReconnect {
            throw EmailFailure.needsReconnection(
                settings.statusMessage ?? "the e-mail account must be connected again in Settings → E-mail")
        }
        return EmailSetup(identity: identity, provider: try EmailProviders.make(settings, app: app))
    }

    static func markNeedsReconnection(tenantID: UUID, reason: String, on db: any Database) async throws {
        try await EmailSettings.query(on: db).filter(\.$tenantID == tenantID).set(\.$needsReconnect, to: true)
            .set(\.$statusMessage, to: reason).update()
    }
}

/// Builds the provider a tenant's settings name. Each provider lives in its own file.
enum EmailProviders {
    static func make(_ settings: EmailSettings, app: Application) throws -> any EmailProvider {
        switch settings.provider {
        case .outbox: throw JobFailure.permanent("the outbox is not an external provider")
        case .smtp, .gmail, .resend:
            throw EmailFailure.permanent("\(settings.provider.rawValue) is not available yet")
        }
    }
}
