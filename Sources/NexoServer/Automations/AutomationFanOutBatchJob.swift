import Foundation
import Vapor

/// Creates the runs of one range of contacts of a scheduled fire, and queues them.
struct AutomationFanOutBatchJob: JobHandler {
    var kind: String { AutomationEngine.fanOutBatchJobKind }
    var timeout: Duration { .seconds(300) }

    struct Payload: Decodable {
        let fire_id: UUID
        let from: UUID
        let to: UUID?
    }

    func run(_ job: ClaimedJob, app: Application) async throws {
        let payload = try job.decode(Payload.self)
        try await AutomationEngine(app: app).fanOutBatch(fireID: payload.fire_id, from: payload.from, to: payload.to)
    }
}
