import Foundation

/// SQLite has one writer at a time. This process's write transactions wait their turn here, in order and asleep,
/// instead of in SQLite's busy handler, which either spins a core or sleeps in growing steps while the lock sits
/// free (four concurrent fan-out batches took twice as long as one after another). A waiter that has waited
/// `patience` goes on anyway and leaves it to SQLite's busy timeout, so a transaction that (wrongly) waits for
/// another one's write cannot hang the process.
actor SQLiteWriteQueue {
    static let shared = SQLiteWriteQueue()

    private var held = false
    private var waiting: [(id: UUID, continuation: CheckedContinuation<Bool, Never>)] = []
    private let patience: Duration

    init(patience: Duration = .seconds(30)) { self.patience = patience }

    /// Waits for the turn; returns whether it was granted (false: gave up after `patience`, do not `leave`).
    func enter() async -> Bool {
        if !held {
            held = true
            return true
        }
        let id = UUID()
        let patience = self.patience
        let timer = Task { [weak self] in
            try await Task.sleep(for: patience)
            await self?.giveUp(id)
        }
        let granted = await withCheckedContinuation { waiting.append((id, $0)) }
        timer.cancel()
        return granted
    }

    func leave() {
        if waiting.isEmpty {
            held = false
        } else {
            waiting.removeFirst().continuation.resume(returning: true)
        }
    }

    private func giveUp(_ id: UUID) {
        guard let index = waiting.firstIndex(where: { $0.id == id }) else { return }
        waiting.remove(at: index).continuation.resume(returning: false)
    }
}
