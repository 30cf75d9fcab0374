import Fluent
import Foundation
import NexoCore
import SQLKit
import Vapor

/// Wires inbound webhooks into the process: the public endpoint, the processing job, and the pruning that keeps
/// each source's log to its last deliveries.
enum InboundWebhooks {
    /// Deliveries kept per source (the settings page shows them all).
    static let keptDeliveries = 50

    static func register(on app: Application) {
        app.nexo.jobs.register(WebhookDeliveryJob())
        app.nexo.periodicTasks.append(
            PeriodicTask(name: "webhook log pruning", interval: .seconds(60)) { app in
                try await pruneDeliveries(on: app.db)
            })
    }

    /// How a payload's values are read for this business: its country for phones, its date order.
    static func options(for tenant: Tenant, now: Date) -> ImportOptions {
        options(country: tenant.country, now: now)
    }

    static func options(country: String, now: Date) -> ImportOptions {
        ImportOptions(
            defaultCountry: country, dateOrder: DateOrder.forCountry(country), currentYear: ImportDate.currentYear(now: now))
    }

    /// Deletes every processed delivery older than each source's last `keptDeliveries`. Queued ones stay until
    /// their job has run.
    @discardableResult
    static func pruneDeliveries(on db: any Database) async throws -> Int {
        let crowded = try await db.sql.raw(
            """
            SELECT source_id FROM webhook_deliveries GROUP BY source_id HAVING COUNT(*) > \(literal: keptDeliveries)
            """
        ).all().map { try $0.decode(column: "source_id", as: UUID.self) }
        var deleted = 0
        for sourceID in crowded {
            // By id, not by time: a time read back from the database need not compare equal to the stored one.
            let kept = try await WebhookDelivery.query(on: db).filter(\.$sourceID == sourceID)
                .sort(\.$receivedAt, .descending).sort(\.$id, .descending).limit(keptDeliveries).all(\.$id)
            let older = WebhookDelivery.query(on: db).filter(\.$sourceID == sourceID).filter(\.$id !~ kept)
                .filter(\.$state != .queued)
            deleted += try await older.count()
            try await older.delete()
        }
        return deleted
    }
}
