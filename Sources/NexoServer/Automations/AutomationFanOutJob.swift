import Foundation
import Vapor

/// Creates the runs of one scheduled fire.
struct AutomationFanOutJob: JobHandler {
    var kind: String { AutomationEngine.fanOutJobKind }
    var timeout: Duration { .seconds(600) }

    struct Payload: Decodable { let fire_id: UUID }

    func run(_ job: ClaimedJob, app: Application) async throws {
        try await AutomationEngine(app: app).fanOut(fireID: job.decode(Payload.self).fire_id)
    }
}
