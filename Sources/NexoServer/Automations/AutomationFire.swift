import Fluent
import Foundation

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
