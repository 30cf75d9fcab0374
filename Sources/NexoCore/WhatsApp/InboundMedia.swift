/// A photo, voice note, video, document or sticker a customer sent. The file itself is not in the webhook: `id`
/// resolves with `GET /{media_id}` to a URL that lives 5 minutes, and the id itself expires after 7 days, so fetch and
/// store it soon.
public struct InboundMedia: Sendable, Hashable {
    public let id: String
    public let mimeType: String?
    /// Base64 SHA-256 of the file, to check the download.
    public let sha256: String?
    /// What the customer wrote under an image, video or document.
    public let caption: String?

    public init(id: String, mimeType: String? = nil, sha256: String? = nil, caption: String? = nil) {
        self.id = id
        self.mimeType = mimeType
        self.sha256 = sha256
        self.caption = caption
    }

    /// Nil without an id: nothing to download.
    init?(_ object: GraphObject) {
        guard let id = object.id("id") else { return nil }
        self.init(
            id: id, mimeType: object.string("mime_type"), sha256: object.string("sha256"),
            caption: object.string("caption"))
    }
}
