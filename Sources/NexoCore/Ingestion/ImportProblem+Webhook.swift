/// Problem codes of webhook payloads, next to the import's own (see `ImportProblem`).
extension ImportProblem {
    /// The payload is not a JSON object (an array, a string, …).
    public static let webhookNotObject = "webhook.not_object"
    /// The mapping names an id path and the payload has no string or number there.
    public static let webhookIDMissing = "webhook.id_missing"
    /// Neither an e-mail, a phone nor a name: `ContactImportRow`'s code, with a message naming the paths.
    public static let identityRequired = "contact.identity_required"
}
