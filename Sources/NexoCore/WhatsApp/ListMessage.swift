/// An interactive list: a button that opens up to 10 choices in titled sections; a choice comes back as
/// `InboundContent.interactiveListReply` with the row's id.
public struct ListMessage: Sendable, Hashable {
    public struct Section: Sendable, Hashable {
        /// At most 24 characters; required when the list has more than one section.
        public var title: String?
        public var rows: [Row]

        public init(title: String? = nil, rows: [Row]) {
            self.title = title
            self.rows = rows
        }
    }

    public struct Row: Sendable, Hashable {
        /// Comes back on the choice; at most 200 characters, unique within the list.
        public var id: String
        /// At most 24 characters.
        public var title: String
        /// At most 72 characters.
        public var description: String?

        public init(id: String, title: String, description: String? = nil) {
            self.id = id
            self.title = title
            self.description = description
        }
    }

    /// Text only, at most 60 characters.
    public var header: String?
    /// At most 4096 characters.
    public var body: String
    /// At most 60 characters.
    public var footer: String?
    /// The label of the button that opens the list; at most 20 characters.
    public var buttonLabel: String
    /// 1 to 10 sections holding 1 to 10 rows in all.
    public var sections: [Section]

    public init(body: String, buttonLabel: String, sections: [Section], header: String? = nil, footer: String? = nil) {
        self.header = header
        self.body = body
        self.footer = footer
        self.buttonLabel = buttonLabel
        self.sections = sections
    }
}
