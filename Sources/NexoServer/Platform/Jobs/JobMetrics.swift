import Foundation
import Metrics
import Vapor

/// `nexo_jobs{state="…"}` on /metrics: how many jobs are in each state, so operators see a backlog or a pile of
/// dead jobs. Counted by the leading process every 15 seconds (a count over the whole table is not free).
enum JobMetrics {
    static let task = PeriodicTask(name: "job metrics", interval: .seconds(15)) { app in
        let counts = try await app.nexo.jobQueue(on: app.db).counts(tenantID: nil)
        for state in JobState.allCases {
            Gauge(label: "nexo_jobs", dimensions: [("state", state.rawValue)]).record(counts[state.rawValue] ?? 0)
        }
    }
}
