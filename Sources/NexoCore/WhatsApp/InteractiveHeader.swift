/// The top of an interactive message: a short title, or (reply buttons only) a picture, video or document.
public enum InteractiveHeader: Sendable, Hashable {
    case text(String)
    /// Image, video or document; lists take text headers only.
    case media(OutboundMedia.Kind, OutboundMedia.Source)
}
