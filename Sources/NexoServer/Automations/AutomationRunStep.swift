import Fluent
import Foundation

/// One attempt at one step of a run.
final class AutomationRunStep: Model, @unchecked Sendable {
    static let schema = "automation_run_steps"

    enum State: String, Codable, Sendable { case succeeded, failed, skipped, waiting, stopped }

    @ID(key: .id) var id: UUID?
    @Field(key: "tenant_id") var tenantID: UUID
    @Field(key: "run_id") var runID: UUID
    @Field(key: "step_index") var stepIndex: Int
    @Field(key: "step_type") var stepType: String
    @Field(key: "state") var state: State
    @Field(key: "attempt") var attempt: Int
    @OptionalField(key: "detail") var detail: String?
    @OptionalField(key: "error") var error: String?
    @Field(key: "started_at") var startedAt: Date
    @Field(key: "duration_ms") var durationMS: Int

    init() {}

    init(
        tenantID: UUID, runID: UUID, stepIndex: Int, stepType: String, state: State, attempt: Int, detail: String?,
        error: String?, startedAt: Date, durationMS: Int
    ) {
        self.tenantID = tenantID
        self.runID = runID
        self.stepIndex = stepIndex
        self.stepType = stepType
        self.state = state
        self.attempt = attempt
        self.detail = detail
        self.error = error
        self.startedAt = startedAt
        self.durationMS = durationMS
    }
}

extension AutomationRunStep: TenantScoped {
    static var tenantIDKey: KeyPath<AutomationRunStep, FieldProperty<AutomationRunStep, UUID>> { \.$tenantID }
}
