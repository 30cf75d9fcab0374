/// What one webhook payload gives under a `WebhookMapping`.
public enum WebhookMappingOutcome: Sendable, Equatable {
    /// A contact to create or update. `eventID` is the payload's id when the mapping has an id path, for
    /// ignoring deliveries already seen; `fields` is the mapping used (the guessed one when none is set).
    case accepted(row: ContactImportRow, eventID: String?, fields: [WebhookFieldMapping])
    /// The payload does not pass the mapping's filter: not an error, nothing to do.
    case filteredOut(reason: String)
    /// The payload cannot make a contact; every problem found, each naming its JSON path as the column.
    case unusable(problems: [ImportProblem])
}
