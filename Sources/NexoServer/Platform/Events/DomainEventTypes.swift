/// Every domain event type Nexo records, for the features that let a business pick some (outbound webhooks,
/// automations). A feature that records a new type adds it here.
enum DomainEventTypes {
    static let all = ["contact.created", "contact.updated", "contact.deleted", "webhook.received", "lead.received"]
}
