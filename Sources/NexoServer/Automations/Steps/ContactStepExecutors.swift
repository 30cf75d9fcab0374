import Foundation
import NexoCore

/// `add_tag` and `remove_tag`: idempotent by nature (adding a tag twice leaves one tag).
struct TagStepExecutor: StepExecutor {
    let type: String

    func run(_ step: Step, in context: StepContext) async throws -> StepOutcome {
        switch step {
        case .addTag(let tag):
            guard let tag = Tag.normalize(tag) else { throw JobFailure.permanent("invalid tag \(tag)") }
            if context.contact.values.tags.contains(tag) {
                return .done(RunNote.text("step.note.already_tagged", [tag], english: "already tagged \(tag)"))
            }
            _ = try await context.contacts.addTags(id: context.contactID, [tag])
            return .done(RunNote.text("step.note.tagged", [tag], english: "tagged \(tag)"))
        case .removeTag(let tag):
            guard let tag = Tag.normalize(tag) else { throw JobFailure.permanent("invalid tag \(tag)") }
            guard context.contact.values.tags.contains(tag) else {
                return .done(RunNote.text("step.note.not_tagged", [tag], english: "did not have \(tag)"))
            }
            _ = try await context.contacts.removeTag(id: context.contactID, tag)
            return .done(RunNote.text("step.note.untagged", [tag], english: "removed \(tag)"))
        default:
            throw JobFailure.permanent("\(type) cannot run a \(step.type) step")
        }
    }
}

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
