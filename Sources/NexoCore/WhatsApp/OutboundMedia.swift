/// A file to send: by a public link Meta downloads, or by the id of a file uploaded to Meta before.
public struct OutboundMedia: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case image, video, audio, document, sticker
    }

    public enum Source: Sendable, Hashable {
        /// An http(s) URL Meta can fetch.
        case link(String)
        /// A media id from `POST /{phone_number_id}/media`.
        case id(String)
    }

    public var kind: Kind
    public var source: Source
    /// Images, videos and documents only.
    public var caption: String?
    /// Documents only: the name the customer sees and saves.
    public var filename: String?

    public init(_ kind: Kind, _ source: Source, caption: String? = nil, filename: String? = nil) {
        self.kind = kind
        self.source = source
        self.caption = caption
        self.filename = filename
    }
}
