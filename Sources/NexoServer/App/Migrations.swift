import Fluent
import Vapor

/// Every migration, in the order it runs. Append only: a released migration never changes.
enum Migrations {
    static func register(on app: Application) {
        app.migrations.add(CreateTenants())
        app.migrations.add(CreateUsers())
        app.migrations.add(CreateMemberships())
        app.migrations.add(CreateAPITokens())
        app.migrations.add(CreateInvitations())
        app.migrations.add(CreateAuditEvents())
        app.migrations.add(CreateSignInThrottles())
        app.migrations.add(CreateOutboxEmails())
        app.migrations.add(SessionRecord.migration)
        app.migrations.add(CreateDomainEvents())
        app.migrations.add(CreateIdempotencyKeys())
        app.migrations.add(CreateContacts())
        app.migrations.add(CreateContactTags())
        app.migrations.add(CreateInteractions())
        app.migrations.add(CreateContactSearchIndex())
        app.migrations.add(CreateJobs())
        app.migrations.add(AddDomainEventCause())
        app.migrations.add(CreateEffectKeys())
        app.migrations.add(CreateAutomations())
        app.migrations.add(CreateAutomationRuns())
        app.migrations.add(CreateAutomationRunSteps())
        app.migrations.add(CreateAutomationFires())
        app.migrations.add(AddOutboxEmailDetails())
        app.migrations.add(CreateEmailDeliveries())
        app.migrations.add(CreateEmailSettings())
        app.migrations.add(AddAutomationRunGeneration())
        app.migrations.add(AddAutomationRunFireContactIndex())
        app.migrations.add(AddUserOperatorFlag())
        app.migrations.add(CreateContactImports())
        app.migrations.add(CreateWebhookSources())
        app.migrations.add(CreateWebhookSubscriptions())
        app.migrations.add(CreateLeadAds())
    }
}
