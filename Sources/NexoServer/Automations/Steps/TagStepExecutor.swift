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
