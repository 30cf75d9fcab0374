import Foundation
import Vapor

/// Runs one automation run from its current step.
struct AutomationRunJob: JobHandler {
    var kind: String { AutomationEngine.runJobKind }

    struct Payload: Decodable { let run_id: UUID }

    func run(_ job: ClaimedJob, app: Application) async throws {
        try await AutomationEngine(app: app).execute(runID: job.decode(Payload.self).run_id, job: job)
    }
}
