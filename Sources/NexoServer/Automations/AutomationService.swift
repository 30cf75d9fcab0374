import Fluent
import Foundation
import NexoCore
import Vapor

/// Creates and changes automations: the schedule's next fire is set from the tenant's zone, and every change is
/// in the audit log.
struct AutomationService: Sendable {
    let app: Application
    let context: TenantContext

    func create(_ definition: AutomationDefinition, enabled: Bool, request: Request) async throws -> Automation {
        let now = app.nexo.clock.now
        let automation = try Automation(
            tenantID: context.tenantID, builtin: nil, definition: definition, enabled: enabled,
            webhookSecret: try app.nexo.secrets.seal(SecretToken.generate(prefix: "whsec_")), now: now)
        automation.nextFireAt = nextFire(automation, after: now)
        try await app.db.writeTransaction { tx in
            try await automation.create(on: tx)
            try await AuditLog.record(
                "automation.created", context: context, entityType: "automation", entityID: try automation.requireID().uuidString,
                details: ["name": automation.name, "enabled": String(enabled)], request: request, on: tx)
        }
        return automation
    }

    func update(_ automation: Automation, with definition: AutomationDefinition, enabled: Bool, request: Request) async throws {
        let now = app.nexo.clock.now
        let before = try automation.definition
        let wasEnabled = automation.enabled
        try automation.apply(definition)
        automation.enabled = enabled
        automation.updatedAt = now
        // A new or changed schedule starts from now: times that passed while it was off are not "missed".
        if !wasEnabled || before.trigger != definition.trigger || automation.nextFireAt == nil {
            automation.nextFireAt = nextFire(automation, after: now)
            automation.lastFireFor = nil
        }
        if !enabled { automation.nextFireAt = nil }
        try await app.db.writeTransaction { tx in
            try await automation.update(on: tx)
            let action =
                wasEnabled == enabled ? "automation.updated" : (enabled ? "automation.enabled" : "automation.disabled")
            try await AuditLog.record(
                action, context: context, entityType: "automation", entityID: try automation.requireID().uuidString,
                details: ["name": automation.name], request: request, on: tx)
        }
    }

    private func nextFire(_ automation: Automation, after now: Date) -> Date? {
        guard automation.enabled, let schedule = try? automation.definition.trigger.schedule else { return nil }
        return schedule.nextFire(after: now, in: context.zone)
    }
}
