import Fluent
import Foundation
import NexoCore

/// A tenant's automation: one trigger, conditions on the contact, ordered steps, and its counters.
/// Trigger, conditions and steps are stored as JSON in NexoCore's shapes.
final class Automation: Model, @unchecked Sendable {
    static let schema = "automations"

    @ID(key: .id) var id: UUID?
    @Field(key: "tenant_id") var tenantID: UUID
    /// welcome, birthday or reactivation for the ones every tenant gets; nil for the tenant's own.
    @OptionalField(key: "builtin") var builtin: String?
    @Field(key: "name") var name: String
    @Field(key: "enabled") var enabled: Bool
    @Field(key: "trigger") var triggerJSON: String
    /// Copied out of the trigger so event dispatch finds listeners through an index.
    @OptionalField(key: "event_type") var eventType: String?
    @Field(key: "conditions") var conditionsJSON: String
    @Field(key: "steps") var stepsJSON: String
    @Field(key: "reentry") var reentryCode: String
    /// Sealed; signs the outbound webhooks of `call_webhook` steps.
    @Field(key: "webhook_secret") var webhookSecret: String
    @OptionalField(key: "next_fire_at") var nextFireAt: Date?
    /// The scheduled time of the last fire (or skip), so catch-up counts only what came after.
    @OptionalField(key: "last_fire_for") var lastFireFor: Date?
    @Field(key: "runs_count") var runsCount: Int
    @Field(key: "succeeded_count") var succeededCount: Int
    @Field(key: "failed_count") var failedCount: Int
    @Field(key: "skipped_count") var skippedCount: Int
    @OptionalField(key: "last_run_at") var lastRunAt: Date?
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "updated_at") var updatedAt: Date

    init() {}

    init(tenantID: UUID, builtin: String?, definition: AutomationDefinition, enabled: Bool, webhookSecret: String, now: Date)
        throws
    {
        self.tenantID = tenantID
        self.builtin = builtin
        self.enabled = enabled
        self.webhookSecret = webhookSecret
        self.runsCount = 0
        self.succeededCount = 0
        self.failedCount = 0
        self.skippedCount = 0
        self.createdAt = now
        self.updatedAt = now
        try apply(definition)
    }

    var definition: AutomationDefinition {
        get throws {
            AutomationDefinition(
                name: name, trigger: try AutomationJSON.decode(AutomationTrigger.self, triggerJSON),
                conditions: try AutomationJSON.decode(ConditionGroup.self, conditionsJSON),
                steps: try AutomationJSON.decode([Step].self, stepsJSON), reentry: Reentry(code: reentryCode) ?? .always)
        }
    }

    func apply(_ definition: AutomationDefinition) throws {
        name = definition.name.trimmingCharacters(in: .whitespacesAndNewlines)
        triggerJSON = try AutomationJSON.encode(definition.trigger)
        eventType = definition.trigger.eventType
        conditionsJSON = try AutomationJSON.encode(definition.conditions)
        stepsJSON = try AutomationJSON.encode(definition.steps)
        reentryCode = definition.reentry.code
    }
}

extension Automation: TenantScoped {
    static var tenantIDKey: KeyPath<Automation, FieldProperty<Automation, UUID>> { \.$tenantID }
}

/// JSON as automations store it: sorted keys, so equal definitions are equal text.
enum AutomationJSON {
    static func encode<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    static func decode<T: Decodable>(_ type: T.Type, _ text: String) throws -> T {
        try JSONDecoder().decode(type, from: Data(text.utf8))
    }
}
