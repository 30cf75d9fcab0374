/// One payload value and the contact field it fills: `{"path":"customer.email","field":"email"}`.
public struct WebhookFieldMapping: Sendable, Hashable, Codable {
    public var path: JSONPath
    /// Any `ContactField`, including `metadata:<key>` and `ignore`.
    public var field: ContactField

    public init(path: JSONPath, field: ContactField) {
        self.path = path
        self.field = field
    }
}
