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
    var effectKey: String { "run:\(run.id!.uuidString):step:\(stepIndex)" }

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

/// How a step ended.
enum StepOutcome: Sendable {
    case done(String?)
    /// Not done, for a reason that is not an error (no consent, no e-mail address); the run goes on.
    case skipped(String)
}

/// Runs one type of step. Executors for new channels (WhatsApp, …) register in `configure`; the engine itself
/// handles `wait` and `stop`, which shape the run rather than act on the contact.
protocol StepExecutor: Sendable {
    var type: String { get }
    func run(_ step: Step, in context: StepContext) async throws -> StepOutcome
}

/// The executors this process knows, by step type.
final class StepExecutors: Sendable {
    private let executors: NIOLockedValueBox<[String: any StepExecutor]> = .init([:])

    func register(_ executor: any StepExecutor) { executors.withLockedValue { $0[executor.type] = executor } }

    func executor(for type: String) -> (any StepExecutor)? { executors.withLockedValue { $0[type] } }
}
