import Foundation
import NexoCore

/// `set_field`: the value is a template rendered for the contact; setting the same value twice changes nothing.
struct SetFieldStepExecutor: StepExecutor {
    var type: String { "set_field" }

    func run(_ step: Step, in context: StepContext) async throws -> StepOutcome {
        guard case .setField(let field, let source) = step else {
            throw JobFailure.permanent("set_field cannot run a \(step.type) step")
        }
        let value = try MessageTemplate(source: source).render(try context.templateContext, escaping: .none)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        var input = ContactInput()
        if let key = field.hasPrefix("metadata.") ? String(field.dropFirst("metadata.".count)) : nil {
            input.metadata = .set([key: value.isEmpty ? .null : .string(value)])
        } else {
            switch field {
            case "status": input.status = .set(value)
            case "source": input.source = .set(value)
            case "company": input.company = value.isEmpty ? .clear : .set(value)
            case "notes": input.notes = value.isEmpty ? .clear : .set(value)
            case "score":
                guard let score = Int(value) else { throw JobFailure.permanent("score must be a whole number, got “\(value)”") }
                input.score = .set(score)
            default: throw JobFailure.permanent("automations cannot set \(field)")
            }
        }
        do {
            _ = try await context.contacts.update(id: context.contactID, with: input)
        } catch let failure as ValidationFailure {
            throw JobFailure.permanent(failure.errors.map { "\($0.field): \($0.message)" }.joined(separator: "; "))
        }
        return .done(RunNote.text("step.note.field_set", [field, value], english: "\(field) = \(value)"))
    }
}
