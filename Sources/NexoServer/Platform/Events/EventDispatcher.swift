import Fluent
import Foundation
import NIOConcurrencyHelpers
import Vapor

/// A feature that acts on domain events (automations start runs, outbound webhooks queue deliveries).
protocol DomainEventSubscriber: Sendable {
    /// Acts on a batch of events, oldest first. Returns the ids of events to offer again on the next pass (a
    /// transient failure); acting on an event twice must change nothing, since every subscriber sees it again.
    func handle(_ events: [DomainEvent], app: Application) async throws -> Set<UUID>
}

/// The subscribers this process knows. Features register theirs in `configure`.
final class DomainEventSubscribers: Sendable {
    private let subscribers: NIOLockedValueBox<[any DomainEventSubscriber]> = .init([])

    func register(_ subscriber: any DomainEventSubscriber) { subscribers.withLockedValue { $0.append(subscriber) } }

    var all: [any DomainEventSubscriber] { subscribers.withLockedValue { $0 } }
}

/// Hands undispatched domain events, oldest first, to every subscriber, then marks them dispatched. Runs on the
/// leader only, so each event is handed out by one process.
struct EventDispatcher: Sendable {
    let app: Application

    static let task = PeriodicTask(name: "event dispatch", interval: .milliseconds(500)) { app in
        // Drain: a burst of events (an import) is dispatched in consecutive batches, not one per tick.
        while try await EventDispatcher(app: app).dispatchPending() == 500 {}
    }

    /// Returns how many events were marked dispatched.
    @discardableResult
    func dispatchPending(batch: Int = 500) async throws -> Int {
        let events = try await DomainEvent.query(on: app.db).filter(\.$dispatchedAt == nil).sort(\.$occurredAt)
            .sort(\.$id).limit(batch).all()
        guard !events.isEmpty else { return 0 }
        var retryLater: Set<UUID> = []
        for subscriber in app.nexo.eventSubscribers.all {
            retryLater.formUnion(try await subscriber.handle(events, app: app))
        }
        let ids = events.compactMap(\.id).filter { !retryLater.contains($0) }
        if !ids.isEmpty {
            try await DomainEvent.query(on: app.db).filter(\.$id ~~ ids).set(\.$dispatchedAt, to: app.nexo.clock.now)
                .update()
        }
        return ids.count
    }
}
