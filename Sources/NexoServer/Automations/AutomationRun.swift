import Fluent
import Foundation

/// One contact going through one automation, step by step.
final class AutomationRun: Model, @unchecked Sendable {
    static let schema = "automation_runs"

    enum State: String, Codable, CaseIterable, Sendable {
        case pending, running, waiting, succeeded, failed, skipped, stopped

        var isFinished: Bool { self == .succeeded || self == .failed || self == .skipped || self == .stopped }
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
        self.createdAt = now
    }
}

extension AutomationRun: TenantScoped {
    static var tenantIDKey: KeyPath<AutomationRun, FieldProperty<AutomationRun, UUID>> { \.$tenantID }
}

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

/// One scheduled time of a scheduled automation: fired on time, caught up after downtime, or skipped.
final class AutomationFire: Model, @unchecked Sendable {
    static let schema = "automation_fires"

    enum Outcome: String, Codable, Sendable {
        case onTime = "on_time"
        case caughtUp = "caught_up"
        case skipped
    }

    @ID(key: .id) var id: UUID?
    @Field(key: "tenant_id") var tenantID: UUID
    @Field(key: "automation_id") var automationID: UUID
    @Field(key: "scheduled_for") var scheduledFor: Date
    @Field(key: "fired_at") var firedAt: Date
    @Field(key: "outcome") var outcome: Outcome
    /// Scheduled times that passed while Nexo was down (0 for an on-time fire).
    @Field(key: "missed") var missed: Int
    /// Contacts the fire reached, once its fan-out ran.
    @OptionalField(key: "contacts") var contacts: Int?

    init() {}

    init(id: UUID = UUID(), tenantID: UUID, automationID: UUID, scheduledFor: Date, firedAt: Date, outcome: Outcome, missed: Int)
    {
        self.id = id
        self.tenantID = tenantID
        self.automationID = automationID
        self.scheduledFor = scheduledFor
        self.firedAt = firedAt
        self.outcome = outcome
        self.missed = missed
    }
}

extension AutomationFire: TenantScoped {
    static var tenantIDKey: KeyPath<AutomationFire, FieldProperty<AutomationFire, UUID>> { \.$tenantID }
}
