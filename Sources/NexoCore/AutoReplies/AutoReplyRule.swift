import Foundation

/// A tenant's canned answer to common WhatsApp messages, given without spending AI tokens.
///
/// JSON (snake_case): `{"id":"…","name":"Turnos","priority":10,"enabled":true,"trigger":{…},"schedule":{…},
/// "number_ids":["1098…"],"reply":{…},"hits":0,"last_hit_at":null,"created_at":"…"}`; see `AutoReplyTrigger`,
/// `ActiveHours` and `AutoReplyContent` for the nested objects. `schedule` and `last_hit_at` may be left out.
///
/// When several rules match a message, the one with the highest `priority` answers; between equal priorities
/// the older rule (earlier `createdAt`) answers, and between rules created at the same instant, the lower
/// `id` (compared as text) — so the answer never depends on the order rules were loaded in (`precedes(_:)`).
public struct AutoReplyRule: Sendable, Hashable, Codable, Identifiable {
    public var id: UUID
    public var name: String
    /// Higher answers first.
    public var priority: Int
    public var enabled: Bool
    public var trigger: AutoReplyTrigger
    /// When the rule may answer, on the tenant's clock; nil for always.
    public var schedule: ActiveHours?
    /// The WhatsApp numbers (phone number ids) the rule answers on; empty for all of the tenant's numbers.
    public var numberIDs: [String]
    public var reply: AutoReplyContent
    /// How many times the rule answered.
    public var hits: Int
    public var lastHitAt: Date?
    public var createdAt: Date

    public init(
        id: UUID, name: String, priority: Int = 0, enabled: Bool = true, trigger: AutoReplyTrigger,
        schedule: ActiveHours? = nil, numberIDs: [String] = [], reply: AutoReplyContent, hits: Int = 0,
        lastHitAt: Date? = nil, createdAt: Date
    ) {
        self.id = id
        self.name = name
        self.priority = priority
        self.enabled = enabled
        self.trigger = trigger
        self.schedule = schedule
        self.numberIDs = numberIDs
        self.reply = reply
        self.hits = hits
        self.lastHitAt = lastHitAt
        self.createdAt = createdAt
    }

    /// Whether this rule answers before `other` when both match: higher priority, then older, then lower id.
    public func precedes(_ other: AutoReplyRule) -> Bool {
        if priority != other.priority { return priority > other.priority }
        if createdAt != other.createdAt { return createdAt < other.createdAt }
        return id.uuidString < other.id.uuidString
    }

    /// Counts an answer given at `date`.
    public mutating func recordHit(at date: Date) {
        hits += 1
        lastHitAt = date
    }

    private enum CodingKeys: String, CodingKey {
        case id, name, priority, enabled, trigger, schedule, reply, hits
        case numberIDs = "number_ids"
        case lastHitAt = "last_hit_at"
        case createdAt = "created_at"
    }
}
