import Fluent
import Foundation

/// One contact going through one automation, step by step.
final class AutomationRun: Model, @unchecked Sendable {
    static let schema = "automation_runs"

    enum State: String, Codable, CaseIterable, Sendable {
        case pending, running, waiting, succeeded, failed, skipped, stopped

        var isFinished: Bool { self == .succeeded || self == .failed || self == .skipped || self == .stopped }

        /// The automation's counter a run that ended in this state counts in (a stop step is a success).
        var counterColumn: String {
            switch self {
            case .succeeded, .stopped: "succeeded_count"
            case .failed: "failed_count"
            default: "skipped_count"
            }
        }
    }

    @ID(key: .id) var id: UUID?
    @Field(key: "tenant_id") var tenantID: UUID
    @Field(key: "automation_id") var automationID: UUID
    @OptionalField(key: "contact_id") var contactID: UUID?
    /// `event:contact.created`, `schedule`, `manual`.
    @Field(key: "trigger") var trigger: String
    /// The event's id or the fire's scheduled time, for the history.
    @OptionalField(key: "trigger_ref") var triggerRef: String?
    @OptionalField(key: "fire_id") var fireID: UUID?
    @Field(key: "dedupe_key") var dedupeKey: String
    @Field(key: "state") var state: State
    /// The next step to run.
    @Field(key: "step_index") var stepIndex: Int
    /// Bumped by each retry from the start, so that run's effects (e-mails, notes) happen again under new keys.
    @Field(key: "generation") var generation: Int
    @OptionalField(key: "error") var error: String?
    /// Why it was skipped or stopped, in English for the API (code first: `condition.no_email: …`).
    @OptionalField(key: "note") var note: String?
    @OptionalField(key: "resume_at") var resumeAt: Date?
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "started_at") var startedAt: Date?
    @OptionalField(key: "finished_at") var finishedAt: Date?

    init() {}

    init(
        id: UUID = UUID(), tenantID: UUID, automationID: UUID, contactID: UUID?, trigger: String, triggerRef: String?,
        dedupeKey: String, now: Date
    ) {
        self.id = id
        self.tenantID = tenantID
        self.automationID = automationID
        self.contactID = contactID
        self.trigger = trigger
        self.triggerRef = triggerRef
        self.dedupeKey = dedupeKey
        self.state = .pending
        self.stepIndex = 0
        self.generation = 0
        self.createdAt = now
    }
}

extension AutomationRun: TenantScoped {
    static var tenantIDKey: KeyPath<AutomationRun, FieldProperty<AutomationRun, UUID>> { \.$tenantID }
}
