/// How far a message we sent has got, folded from status webhooks that arrive late, twice or out of order.
///
/// The states are ordered queued < sent < failed < delivered < read, and applying a status keeps the later of the two,
/// so the result is the same whatever order the statuses arrive in:
/// - a `read` before its `delivered` stays read, and a late `sent` never undoes `delivered`;
/// - `failed` may follow `sent` (Meta accepted the message, then could not deliver it, e.g. 131047 or 131026);
/// - once the phone has it (delivered or read), a `failed` is ignored: the customer got the message, and a delivery
///   report proves it; a `failed` that arrives first is overruled by the delivery report that follows.
public enum DeliveryState: String, Sendable, Hashable, Codable, CaseIterable {
    /// Created, not yet accepted by Meta.
    case queued
    case sent
    case failed
    case delivered
    /// Read, or (voice notes) played.
    case read

    /// The state after learning `status`; unknown statuses change nothing.
    public func applying(_ status: MessageStatusUpdate.Status) -> DeliveryState {
        guard let reported = DeliveryState(status) else { return self }
        return reported.rank > rank ? reported : self
    }

    /// The state after every status in `statuses`, in any order.
    public func applying(_ statuses: some Sequence<MessageStatusUpdate.Status>) -> DeliveryState {
        statuses.reduce(self) { $0.applying($1) }
    }

    /// Whether no further status can change the state.
    public var isFinal: Bool { self == .read }

    private init?(_ status: MessageStatusUpdate.Status) {
        switch status {
        case .sent: self = .sent
        case .delivered: self = .delivered
        case .read, .played: self = .read
        case .failed: self = .failed
        case .other: return nil
        }
    }

    private var rank: Int {
        switch self {
        case .queued: 0
        case .sent: 1
        case .failed: 2
        case .delivered: 3
        case .read: 4
        }
    }
}
