import Fluent
import Foundation
import NexoCore

/// The automations every tenant starts with: welcome, birthday and reactivation e-mails, in the tenant's
/// language. They start switched off, so the owner reads the text before anything goes out; once on, they are
/// ordinary automations the owner can edit.
enum BuiltInAutomations {
    static let keys = ["welcome", "birthday", "reactivation"]

    /// Creates the ones the tenant does not have yet (new tenants, and tenants from before automations).
    static func install(tenantID: UUID, locale: String, secrets: SecretBox, on db: any Database, now: Date = .nexoNow)
        async throws
    {
        let existing = Set(
            try await Automation.query(on: db).filter(\.$tenantID == tenantID).filter(\.$builtin != nil).all().compactMap(
                \.builtin))
        for key in keys where !existing.contains(key) {
            let automation = try Automation(
                tenantID: tenantID, builtin: key, definition: definition(key, locale: locale), enabled: false,
                webhookSecret: try secrets.seal(SecretToken.generate(prefix: "whsec_")), now: now)
            do {
                try await automation.create(on: db)
            } catch let error as any DatabaseError where error.isConstraintFailure {
                continue  // installed meanwhile by another request
            }
        }
    }

    static func definition(_ key: String, locale: String) -> AutomationDefinition {
        let en = locale == "en"
        let consent = Condition.consent(.email, .given)
        switch key {
        case "welcome":
            return AutomationDefinition(
                name: en ? "Welcome e-mail" : "Correo de bienvenida",
                trigger: .event("contact.created"),
                conditions: ConditionGroup(match: .all, conditions: [.hasEmail, consent]),
                steps: [
                    .sendEmail(
                        subject: en ? "Welcome to {{business.name}}!" : "¡Te damos la bienvenida a {{business.name}}!",
                        text: en
                            ? "Hi{{#contact.first_name}} {{contact.first_name}}{{/contact.first_name}},\n\nThank you for joining {{business.name}}. If you need anything, just reply to this e-mail.\n\nSee you soon,\n{{business.name}}"
                            : "Hola{{#contact.first_name}} {{contact.first_name}}{{/contact.first_name}}:\n\nGracias por sumarte a {{business.name}}. Si necesitás algo, respondé este correo y te ayudamos.\n\n¡Hasta pronto!\n{{business.name}}",
                        html: nil, marketing: true)
                ],
                reentry: .once)
        case "birthday":
            return AutomationDefinition(
                name: en ? "Birthday greeting" : "Saludo de cumpleaños",
                trigger: .schedule(.daily(TimeOfDay(hour: 8, minute: 0)!), catchUp: .runOnce),
                conditions: ConditionGroup(match: .all, conditions: [.birthdayToday(.contact), .hasEmail, consent]),
                steps: [
                    .sendEmail(
                        subject: en
                            ? "Happy birthday{{#contact.first_name}}, {{contact.first_name}}{{/contact.first_name}}! 🎂"
                            : "¡Feliz cumpleaños{{#contact.first_name}}, {{contact.first_name}}{{/contact.first_name}}! 🎂",
                        text: en
                            ? "Everyone at {{business.name}} wishes you a very happy birthday.\n\nHave a wonderful day!\n{{business.name}}"
                            : "Todo el equipo de {{business.name}} te desea un muy feliz cumpleaños.\n\n¡Que tengas un día hermoso!\n{{business.name}}",
                        html: nil, marketing: true)
                ],
                reentry: .oncePerYear)
        default:
            return AutomationDefinition(
                name: en ? "We miss you" : "Te extrañamos",
                trigger: .schedule(.daily(TimeOfDay(hour: 9, minute: 0)!), catchUp: .skip),
                conditions: ConditionGroup(
                    match: .all, conditions: [.daysSinceLastInteraction(.atLeast, days: 60), .hasEmail, consent]),
                steps: [
                    .sendEmail(
                        subject: en ? "We miss you at {{business.name}}" : "Te extrañamos en {{business.name}}",
                        text: en
                            ? "Hi{{#contact.first_name}} {{contact.first_name}}{{/contact.first_name}},\n\nIt has been a while since we last saw you. We would love to see you again: reply to this e-mail and we will find a time that suits you.\n\n{{business.name}}"
                            : "Hola{{#contact.first_name}} {{contact.first_name}}{{/contact.first_name}}:\n\nHace tiempo que no te vemos y nos encantaría volver a verte. Respondé este correo y buscamos juntos el mejor momento.\n\n{{business.name}}",
                        html: nil, marketing: true)
                ],
                reentry: .afterDays(60))
        }
    }
}
