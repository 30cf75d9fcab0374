/// A contact card a customer forwarded ("this is my sister's number"), reduced to what a CRM can turn into a lead.
public struct SharedContact: Sendable, Hashable {
    /// One phone on the card: as written on it, and the WhatsApp id when the number is on WhatsApp.
    public struct Phone: Sendable, Hashable {
        public let number: String
        public let waID: String?
        /// "CELL", "HOME", "WORK", … as the sender's phone labels it.
        public let label: String?

        public init(number: String, waID: String? = nil, label: String? = nil) {
            self.number = number
            self.waID = waID
            self.label = label
        }
    }

    /// `formatted_name`, else the first and last names joined.
    public let name: String?
    public let phones: [Phone]
    public let emails: [String]

    public init(name: String?, phones: [Phone] = [], emails: [String] = []) {
        self.name = name
        self.phones = phones
        self.emails = emails
    }

    init(_ object: GraphObject) {
        let names = object.object("name")
        let joined = [names?.string("first_name"), names?.string("last_name")].compactMap { $0 }
            .joined(separator: " ")
        let phones = object.objects("phones").compactMap { phone -> Phone? in
            guard let number = phone.string("phone") ?? phone.id("wa_id") else { return nil }
            return Phone(number: number, waID: phone.id("wa_id"), label: phone.string("type"))
        }
        self.init(
            name: names?.string("formatted_name") ?? (joined.isEmpty ? nil : joined), phones: phones,
            emails: object.objects("emails").compactMap { $0.string("email") })
    }
}
