import Foundation
import NexoCore

/// `send_email`: renders the templates for the contact and hands the message to the tenant's provider, once
/// per run and step. Consent is checked here, at the moment of sending, whatever the conditions said earlier.
struct EmailStepExecutor: StepExecutor {
    var type: String { "send_email" }

    func run(_ step: Step, in context: StepContext) async throws -> StepOutcome {
        guard case .sendEmail(let subjectSource, let textSource, let htmlSource, let marketing) = step else {
            throw JobFailure.permanent("send_email cannot run a \(step.type) step")
        }
        let values = context.contact.values
        guard let address = values.email, !address.isEmpty else {
            return .skipped("step.email_no_address: the contact has no e-mail")
        }
        switch values.emailConsent.state {
        case .withdrawn:
            return .skipped("step.email_consent_withdrawn: the contact withdrew e-mail consent")
        case .unknown where marketing:
            return .skipped("step.email_no_consent: marketing e-mail needs the contact’s e-mail consent")
        default: break
        }
        let templates = try context.templateContext
        let subject = try MessageTemplate(source: subjectSource).render(templates, escaping: .none)
            .replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " ")
        var text = try MessageTemplate(source: textSource).render(templates, escaping: .none)
        var html = try htmlSource.map { try MessageTemplate(source: $0).render(templates, escaping: .html) }
        let unsubscribe = templates.unsubscribeURL ?? ""
        var headers: [(name: String, value: String)] = []
        if marketing {
            // Every marketing e-mail can be left with one click: the link in the body and the headers mail clients use.
            let footers = Footers(locale: context.tenant.locale)
            if !textSource.contains("unsubscribe_url") { text += "\n\n--\n" + footers.text(unsubscribe) }
            if let body = html, !(htmlSource ?? "").contains("unsubscribe_url") {
                html = body + footers.html(unsubscribe)
            }
            headers.append((name: "List-Unsubscribe", value: "<\(unsubscribe)>"))
            headers.append((name: "List-Unsubscribe-Post", value: "List-Unsubscribe=One-Click"))
        }
        let host = URL(string: context.app.nexo.settings.publicURL)?.host ?? "localhost"
        let message = OutgoingMessage(
            tenantID: context.tenantID, contactID: context.contactID, toAddress: address, toName: values.displayName,
            subject: subject, text: text, html: html, headers: headers, kind: context.automation.builtin ?? "automation",
            messageID: OutgoingMessage.newMessageID(domain: host))
        do {
            switch try await EmailService(app: context.app).deliver(message, key: context.effectKey, now: context.now) {
            case .sent(let provider):
                let masked = LogMasking.mask(address)
                return .done(
                    RunNote.text("step.note.email_sent", [masked, provider], english: "sent to \(masked) via \(provider)"))
            case .alreadySent: return .done(RunNote.text("step.note.email_already_sent", english: "already sent"))
            }
        } catch let failure as EmailFailure {
            switch failure {
            case .permanent(let reason), .needsReconnection(let reason): throw JobFailure.permanent(reason)
            case .temporary(let reason, let after): throw JobFailure.temporary(reason, after: after)
            }
        }
    }

    /// The unsubscribe footer in the tenant's language.
    struct Footers {
        let locale: String

        func text(_ url: String) -> String {
            locale == "en" ? "To stop receiving these e-mails: \(url)" : "Para dejar de recibir estos correos: \(url)"
        }

        func html(_ url: String) -> String {
            let label = locale == "en" ? "Unsubscribe" : "Dejar de recibir estos correos"
            let escaped = url.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "\"", with: "&quot;")
            return "<hr><p style=\"font-size:12px;color:#666\"><a href=\"\(escaped)\">\(label)</a></p>"
        }
    }
}
