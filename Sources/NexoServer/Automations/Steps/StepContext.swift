import Fluent
import Foundation
import NIOConcurrencyHelpers
import NexoCore
import Vapor

/// What a step sees when it runs: the run, the contact as it is now, the tenant, and the key that makes its
/// effect happen once however often the step is retried.
struct StepContext: Sendable {
    let app: Application
    let tenant: Tenant
    let automation: Automation
    let run: AutomationRun
    let contact: Contact
    let stepIndex: Int
    let now: Date
    let attempt: Int

    var db: any Database { app.db }
    var tenantID: UUID { tenant.id! }
    var contactID: UUID { contact.id! }
    /// Unique per run and step: guards e-mails, timeline entries and webhook deliveries against repeats.
    var effectKey: String {
        run.generation == 0
            ? "run:\(run.id!.uuidString):step:\(stepIndex)" : "run:\(run.id!.uuidString):\(run.generation):step:\(stepIndex)"
    }

    /// Changes to contacts go through ContactService as the automation, so the timeline and events name it.
    var contacts: ContactService {
        get throws {
            ContactService(
                db: db,
                context: try TenantContext(
                    tenant: tenant, actor: .automation(id: automation.id!, name: automation.name), role: .owner))
        }
    }

    var templateContext: TemplateContext {
        get throws { try TemplateContexts.make(contact: contact, tenant: tenant, app: app, now: now) }
    }
}
