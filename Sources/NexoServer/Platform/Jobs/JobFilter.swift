import Foundation
import SQLKit

/// Which jobs an operator asks for.
struct JobFilter: Sendable {
    var tenantID: UUID?
    var state: JobState?
    var kind: String?
    var limit = 50
    /// Keyset: jobs created before this one (id breaks ties).
    var before: Cursor?
}
