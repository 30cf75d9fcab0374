/// The Click to WhatsApp ad or post a customer came from: the lead source a CRM wants to credit.
public struct AdReferral: Sendable, Hashable {
    public let sourceURL: String?
    /// The ad or post id.
    public let sourceID: String?
    /// "ad" or "post".
    public let sourceType: String?
    public let headline: String?
    public let body: String?
    /// `ctwa_clid`, for reporting the conversion back to Meta.
    public let clickID: String?

    public init(
        sourceURL: String? = nil, sourceID: String? = nil, sourceType: String? = nil, headline: String? = nil,
        body: String? = nil, clickID: String? = nil
    ) {
        self.sourceURL = sourceURL
        self.sourceID = sourceID
        self.sourceType = sourceType
        self.headline = headline
        self.body = body
        self.clickID = clickID
    }

    init(_ object: GraphObject) {
        self.init(
            sourceURL: object.string("source_url"), sourceID: object.id("source_id"),
            sourceType: object.string("source_type"), headline: object.string("headline"), body: object.string("body"),
            clickID: object.string("ctwa_clid"))
    }
}
