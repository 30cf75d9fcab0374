import Foundation
import NIOConcurrencyHelpers
import Vapor

/// Starts background work after boot and stops it, gracefully, when the application shuts down.
struct BackgroundWorkLifecycle: LifecycleHandler {
    let work: BackgroundWork

    func didBootAsync(_ application: Application) async throws { work.start() }

    func shutdownAsync(_ application: Application) async { await work.stop() }
}
