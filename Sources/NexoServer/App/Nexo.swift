import Fluent
import Foundation
import NexoCore
import Vapor

/// The application-wide services Nexo builds once at start from `Settings` and hands to every feature.
struct Nexo: Sendable {
    let settings: Settings
    let translations: Translations
    let emailSender: any EmailSender
    let secrets: SecretBox
    /// Job handlers by kind, and the signal that wakes this process's worker.
    let jobs: JobRegistry
    let jobSignal: JobSignal
    let clock: WallClock
    let stepExecutors: StepExecutors
    /// Features acting on domain events (see `EventDispatcher`).
    let eventSubscribers = DomainEventSubscribers()
    /// What the leading process runs on a timer (the scheduler, …). Features append theirs in `configure`.
    var periodicTasks: [PeriodicTask] = []

    /// A job queue on `db` (a transaction's, to enqueue with a change) that wakes this process's worker.
    func jobQueue(on db: any Database) -> JobQueue { JobQueue(db: db, signal: jobSignal) }
}

extension Application {
    private struct NexoKey: StorageKey { typealias Value = Nexo }

    var nexo: Nexo {
        get {
            guard let nexo = storage[NexoKey.self] else { fatalError("configure(_:settings:) has not run") }
            return nexo
        }
        set { storage[NexoKey.self] = newValue }
    }
}

extension Request {
    var nexo: Nexo { application.nexo }
}
