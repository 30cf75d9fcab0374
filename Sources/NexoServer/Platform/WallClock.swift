import Foundation
import NIOConcurrencyHelpers

/// The time as Nexo's background work sees it. Real time in production; tests pin or advance it to see a
/// schedule fire or a wait end without sleeping.
final class WallClock: Sendable {
    private let pinned = NIOLockedValueBox<Date?>(nil)

    init() {}

    var now: Date { pinned.withLockedValue { $0 } ?? .nexoNow }

    func pin(_ date: Date?) { pinned.withLockedValue { $0 = date } }

    func advance(by seconds: TimeInterval) { pinned.withLockedValue { $0 = ($0 ?? .nexoNow).addingTimeInterval(seconds) } }
}
