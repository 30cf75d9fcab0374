import Foundation
import NexoCore

/// `log_interaction`: a timeline entry, written once per run and step.
struct LogInteractionStepExecutor: StepExecutor {
    var type: String { "log_interaction" }

    func run(_ step: Step, in context: StepContext) async throws -> StepOutcome {
        guard case .logInteraction(let source) = step else {
            throw JobFailure.permanent("log_interaction cannot run a \(step.type) step")
        }
        let summary = try MessageTemplate(source: source).render(try context.templateContext, escaping: .none)
        let key = context.effectKey
        let written = try await context.db.writeTransaction { tx in
            guard try await Effects.claim(key, tenantID: context.tenantID, on: tx) else { return false }
            try await Interaction(
                tenantID: context.tenantID, contactID: context.contactID, type: "automation_note", channel: "automation",
                summary: String(summary.prefix(2000)), actorLabel: "Automation “\(context.automation.name)”",
                occurredAt: context.now
            ).create(on: tx)
            return true
        }
        return .done(
            written
                ? RunNote.text("step.note.logged", english: "logged")
                : RunNote.text("step.note.already_logged", english: "already logged"))
    }
}
